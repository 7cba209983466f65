"""The domain vocabulary: seeded themes and glossary, strict tagging, and each theme's page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from knowledge.models import LISTING_PAGE_SIZE, Insight
from themes.models import GlossaryTerm, Theme

from ..factories import ChallengeThreadFactory, InsightFactory, tagged_insights


def test_twelve_themes_are_seeded_with_descriptions(db):
    themes = list(Theme.objects.all())
    assert len(themes) == 12
    assert all(theme.description for theme in themes)
    assert themes[0].name == "Commissioning"
    assert {"isfs", "self-management", "co-production"} <= {theme.slug for theme in themes}


def test_glossary_is_seeded_with_synonyms_and_themes(db):
    isf = GlossaryTerm.objects.get(term="individual service fund")
    assert "ISF" in isf.synonym_list
    assert isf.theme == Theme.objects.get(slug="isfs")

    home_care = GlossaryTerm.objects.get(term="home care")
    assert "domiciliary care" in home_care.synonym_list
    assert home_care.theme is None

    self_management = GlossaryTerm.objects.get(term="self-management")
    assert "self care" in self_management.synonym_list


def test_a_term_cannot_be_its_own_synonym(db):
    term = GlossaryTerm(term="Peer mentoring", synonyms="peer support, peer mentoring")
    with pytest.raises(ValidationError) as caught:
        term.full_clean()
    assert "synonyms" in caught.value.message_dict


def test_resolve_finds_themes_in_any_case(db):
    found = Theme.objects.resolve(["commissioning", " DIGITAL ", ""])
    assert [theme.slug for theme in found] == ["commissioning", "digital"]


def test_resolve_names_the_unknown_theme(db):
    with pytest.raises(ValidationError) as caught:
        Theme.objects.resolve(["commissioning", "unknown thing"])
    message = " ".join(caught.value.messages)
    assert "'unknown thing'" in message
    assert "'commissioning'" not in message
    assert "Choose from" in message


def _edit_data(page, themes):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "learning": "Start with one provider, one ward and one budget.",
            "source": "",
            "summary": page.summary,
            "themes": themes,
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )


def test_admin_editor_is_told_about_an_unknown_theme(programme, admin_client):
    """Wagtail's tag field would silently drop it; the editor must see it and keep their input."""
    page = programme.pages["insight"]
    url = reverse("wagtailadmin_pages:edit", args=[page.id])
    assert admin_client.get(url).status_code == 200

    response = admin_client.post(url, _edit_data(page, "Commissioning, Not a theme"))

    assert response.status_code == 200
    assert "'Not a theme'" in response.context["form"].errors["themes"][0]
    html = response.content.decode()
    assert "Not one of the programme&#x27;s themes" in html
    assert 'value="Commissioning, Not a theme"' in html
    page = Insight.objects.get(pk=page.pk)
    assert [theme.slug for theme in page.themes.all()] == ["isfs"]
    assert page.learning == "Start with one provider and one ward."


def test_admin_editor_saves_known_themes_in_any_case(programme, admin_client):
    page = programme.pages["insight"]
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.id]),
        _edit_data(page, "commissioning, Individual service funds (ISFs)"),
    )
    assert response.status_code == 302
    page = Insight.objects.get(pk=page.pk)
    assert sorted(theme.slug for theme in page.themes.all()) == ["commissioning", "isfs"]
    assert page.learning.startswith("Start with one provider, one ward")


@pytest.fixture
def crowded_theme(programme):
    """25 ISF insights in the section, plus pages that must stay off the ISF theme page."""
    isfs = Theme.objects.get(slug="isfs")
    pages = tagged_insights(programme.section, isfs, 25)
    tagged_insights(programme.other_section, isfs, 2, prefix="Elsewhere insight")
    tagged_insights(programme.section, Theme.objects.get(slug="digital"), 1, prefix="Digital one")
    InsightFactory(parent=programme.section, title="Untagged insight")
    return pages


def test_theme_page_lists_its_pages_newest_first_twenty_at_a_time(
    programme, client_for, crowded_theme
):
    client = client_for(programme.member)
    url = programme.section.url + "themes/isfs/"
    first = client.get(url)
    second = client.get(url + "?page=2")

    assert first.status_code == second.status_code == 200
    page_one = [page.title for page in first.context["listing"]]
    page_two = [page.title for page in second.context["listing"]]
    # The fixture's five pages were published during this run, so they are the newest.
    fixture_pages = [page.title for page in reversed(programme.pages.values())]
    assert len(page_one) == LISTING_PAGE_SIZE == 20
    assert page_one == fixture_pages + [f"ISF insight {n:02d}" for n in range(1, 16)]
    assert page_two == [f"ISF insight {n:02d}" for n in range(16, 26)]

    everything = page_one + page_two
    assert not any(title.startswith(("Elsewhere", "Digital", "Untagged")) for title in everything)
    html = first.content.decode()
    assert "Page 1 of 2" in html
    assert 'href="?page=2"' in html
    assert "Elsewhere insight" not in html


def test_theme_page_out_of_range_shows_the_last_page(programme, client_for):
    response = client_for(programme.member).get(programme.section.url + "themes/isfs/?page=99")
    assert response.status_code == 200
    assert len(response.context["listing"]) == 5


def test_theme_page_with_nothing_tagged_says_so(programme, client_for):
    response = client_for(programme.member).get(programme.section.url + "themes/digital/")
    assert response.status_code == 200
    assert "is tagged with this theme yet" in response.content.decode()


def test_unknown_theme_page_is_not_found(programme, client_for):
    response = client_for(programme.member).get(programme.section.url + "themes/no-such-theme/")
    assert response.status_code == 404


def test_theme_page_leaves_out_drafts(programme, client_for):
    draft = ChallengeThreadFactory(parent=programme.section, title="A draft thread", live=False)
    draft.themes.add("Individual service funds (ISFs)")
    draft.save()
    response = client_for(programme.member).get(programme.section.url + "themes/isfs/")
    assert "A draft thread" not in response.content.decode()


def test_themes_used_in_a_section_are_counted(programme, client_for):
    tagged_insights(
        programme.other_section,
        Theme.objects.get(slug="isfs"),
        3,
        newest=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
    )
    themes = programme.section.specific.themes_in_use()
    assert [(theme.slug, theme.page_count) for theme in themes] == [("isfs", 5)]
