"""The Chatham House gate in the page editor: field errors instead of a server error, suggestions
written in by the server, warnings published with a reason (attribution/gate_editor.py)."""

import json

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry, PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from attribution.check import BLOCK, Finding
from attribution.forms import PublicPageForm
from attribution.gate import BLOCKED, WARNINGS_ACCEPTED
from attribution.gate_editor import replace_in_block, replace_in_text
from knowledge.models import AboutPage, HomePage
from members.models import NamingConsent
from tests.hiding import WAYS, hide

NAMED = "<p>Amina Okafor said the pilot worked.</p>"
ROLE = "a member of a care co-operative"


@pytest.fixture
def about(programme):
    """A draft about page under the public home page."""
    page = AboutPage(
        title="About the programme",
        slug="about-the-programme",
        live=False,
        body="<p>What we do.</p>",
    )
    programme.home.add_child(instance=page)
    return page


def _data(page, body, **extra):
    return nested_form_data(
        {
            "title": extra.pop("title", page.title),
            "slug": page.slug,
            "body": rich_text(body),
            "comments": inline_formset([]),
            **extra,
        }
    )


def _edit(client, page, body, **extra):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.id]), _data(page, body, **extra)
    )


def _publish(client, page, body, **extra):
    return _edit(client, page, body, **{"action-publish": "action-publish", **extra})


def _body(response) -> str:
    """The body the editor sees in the re-rendered form, as HTML."""
    return response.context["form"]["body"].value()


def _resubmit(client, page, response, **extra):
    """Publish again what the re-rendered form holds (as the editor's browser would)."""
    form = response.context["form"]
    data = {**form.data.dict(), "action-publish": "action-publish", **extra}
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.id]), data)


def _live(page) -> AboutPage:
    return AboutPage.objects.get(pk=page.pk)


# --- blocking ---------------------------------------------------------------------------------


def test_publishing_a_name_shows_a_field_error_and_keeps_the_text(about, admin_client):
    response = _publish(admin_client, about, NAMED)

    assert response.status_code == 200  # not the save guard's server error
    errors = response.context["form"].errors["body"]
    assert len(errors) == 1
    assert "“Amina Okafor” names a participant" in errors[0]
    assert f"Write “{ROLE}” instead." in errors[0]
    assert "Amina Okafor said the pilot worked." in _body(response)
    assert not _live(about).live
    entry = PageLogEntry.objects.get(page=about, action=BLOCKED)
    assert entry.data["path"] == "page editor"
    assert "Amina" not in json.dumps(entry.data)


def test_saving_a_draft_that_names_someone_is_allowed(about, admin_client):
    response = _edit(admin_client, about, NAMED)

    assert response.status_code == 302
    page = _live(about)
    assert not page.live
    assert "Amina Okafor" in page.get_latest_revision_as_object().body


def test_a_live_page_keeps_its_public_text_and_may_save_a_named_draft(
    about, admin_client, programme
):
    programme.publish(about)
    response = _publish(admin_client, about, NAMED)
    assert response.status_code == 200
    assert "Amina" not in _live(about).body

    response = _edit(admin_client, about, NAMED)
    assert response.status_code == 302
    page = _live(about)
    assert page.live and "Amina" not in page.body
    assert "Amina Okafor" in page.get_latest_revision_as_object().body


def test_the_editor_shows_the_gate_panel_only_when_the_check_has_something_to_say(
    about, admin_client
):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[about.id]))
    html = response.content.decode()
    assert "js/gate_editor.js" in html
    assert "Before this page goes public" not in html

    html = _publish(admin_client, about, NAMED).content.decode()
    assert "Before this page goes public" in html
    assert 'data-gate-field="body"' in html
    assert "Why the warnings are fine" not in html  # no warnings here


def test_a_title_that_names_someone_is_an_error_on_the_title(about, admin_client):
    response = _publish(admin_client, about, "<p>What we do.</p>", title="Notes from Amina Okafor")

    assert response.status_code == 200
    assert "names a participant" in response.context["form"].errors["title"][0]
    assert "body" not in response.context["form"].errors


@pytest.mark.parametrize("way", WAYS)
def test_a_name_hidden_in_the_title_is_an_error_on_the_title(about, admin_client, way):
    """Soft hyphens arrive by accident in text pasted from Word or a PDF; the rest on purpose."""
    response = _publish(
        admin_client, about, "<p>What we do.</p>", title=f"Notes from {hide('Amina Okafor', way)}"
    )

    assert response.status_code == 200
    assert "names a participant" in response.context["form"].errors["title"][0]
    assert not _live(about).live


def test_invisible_characters_are_taken_out_of_a_title_when_it_is_saved(about, admin_client):
    response = _publish(
        admin_client,
        about,
        "<p>What we do.</p>",
        title="Com\u00admis\u00adsion\u200bing for out\u2060comes\ufeff",
    )

    assert response.status_code == 302
    page = _live(about)
    assert page.live and page.title == "Commissioning for outcomes"
    assert page.get_latest_revision().content["title"] == "Commissioning for outcomes"
    assert "<title>Commissioning for outcomes" in admin_client.get(page.url).content.decode()


def test_the_home_page_is_checked_too(programme, admin_client):
    home = programme.home
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[home.id]),
        nested_form_data(
            {
                "title": home.title,
                "slug": home.slug,
                "intro": rich_text(NAMED),
                "comments": inline_formset([]),
                "action-publish": "action-publish",
            }
        ),
    )
    assert response.status_code == 200
    assert "names a participant" in response.context["form"].errors["intro"][0]
    assert "Amina" not in HomePage.objects.get(pk=home.pk).intro


def test_a_page_only_members_can_read_is_not_checked(about, admin_client, programme):
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.LOGIN
    )

    response = _publish(admin_client, about, NAMED)

    assert response.status_code == 302
    assert _live(about).live
    assert restriction.pk


def test_a_consent_recorded_for_the_page_lets_the_name_through(
    about, admin_client, programme, admin_user
):
    consent = NamingConsent.give(member=programme.member, output=about, by=admin_user)

    # (The reason covers the check's warning that a consented name may still name someone.)
    response = _publish(admin_client, about, NAMED, gate_warnings_reason="Consent recorded.")

    assert response.status_code == 302
    page = _live(about)
    assert page.live and "Amina Okafor" in page.body
    consent.refresh_from_db()
    assert consent.relied_on_since is not None


# --- applying suggestions -----------------------------------------------------------------------

TWO = "<p>Amina Okafor and <b>Rachel</b> Hughes agreed; we thanked Amina Okafor's team.</p>"


def test_suggestions_are_offered_one_per_person_and_field(about, admin_client):
    response = _publish(admin_client, about, TWO)

    offered = dict(response.context["form"].fields["gate_apply"].choices)
    assert list(offered) == ["body:Amina Okafor", "body:Rachel Hughes"]
    assert offered["body:Amina Okafor"] == f"Body: “Amina Okafor” → “{ROLE}” (2 places)"


def test_applying_one_suggestion_writes_it_in_and_shows_the_page_again(about, admin_client):
    response = _publish(admin_client, about, TWO, gate_apply="body:Amina Okafor")

    assert response.status_code == 200  # shown before it goes public
    body = _body(response)
    assert "Amina" not in body
    assert "A member of a care co-operative and <b>Rachel</b> Hughes agreed" in body
    assert f"we thanked {ROLE}'s team" in body
    form = response.context["form"]
    assert "Written in: Body: “Amina Okafor”" in form.errors["gate_apply"][0]
    assert "Rachel Hughes" in " ".join(form.errors["body"])
    assert list(dict(form.fields["gate_apply"].choices)) == ["body:Rachel Hughes"]
    assert not _live(about).live

    response = _resubmit(admin_client, about, response, gate_apply="body:Rachel Hughes")
    assert response.status_code == 200
    assert "Hughes" not in _body(response)
    assert "<b>" in _body(response)  # the bold moved with the words it was on

    response = _resubmit(admin_client, about, response)
    assert response.status_code == 302
    page = _live(about)
    assert page.live
    assert "Amina" not in page.body and "Hughes" not in page.body
    assert f">A member of a care co-operative and <b>{ROLE}</b> agreed" in page.body


def test_applying_a_suggestion_replaces_a_hidden_name_whole(about, admin_client):
    """The finding's offsets index the text as typed, invisible characters and all."""
    hidden = hide("Amina Okafor", "soft hyphens and a Cyrillic a")
    response = _publish(
        admin_client, about, f"<p>We thanked {hidden}'s team.</p>", gate_apply="body:Amina Okafor"
    )

    assert response.status_code == 200
    body = _body(response)
    assert f"We thanked {ROLE}'s team." in body
    assert "\u00ad" not in body and "\u0430" not in body


def test_applying_all_suggestions_then_publishing(about, admin_client):
    response = _publish(
        admin_client, about, TWO, title="Notes from Amina Okafor", gate_apply_all="on"
    )

    assert response.status_code == 200
    assert response.context["form"]["title"].value() == f"Notes from {ROLE}"
    assert "Amina" not in _body(response) and "Hughes" not in _body(response)
    assert set(response.context["form"].errors) == {"gate_apply"}

    response = _resubmit(admin_client, about, response)
    assert response.status_code == 302
    page = _live(about)
    assert page.live and page.title == f"Notes from {ROLE}"


def test_ticked_suggestions_are_not_applied_by_a_draft_save(about, admin_client):
    """Autosave posts the whole form: only publishing or submitting applies suggestions."""
    response = _edit(admin_client, about, NAMED, gate_apply_all="on")

    assert response.status_code == 302
    assert "Amina Okafor" in _live(about).get_latest_revision_as_object().body


# --- warnings -------------------------------------------------------------------------------------

WARNED = "<p>Dr Smith's research was cited.</p>"


def test_warnings_need_a_reason_then_publish_and_are_logged(about, admin_client):
    response = _publish(admin_client, about, WARNED)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"gate_warnings_reason"}
    assert "may name someone" in " ".join(errors["gate_warnings_reason"])
    assert "Why the warnings are fine" in response.content.decode()
    assert not _live(about).live

    reason = "A published study, cited as public research."
    response = _publish(admin_client, about, WARNED, gate_warnings_reason=reason)

    assert response.status_code == 302
    assert _live(about).live
    entry = PageLogEntry.objects.get(page=about, action=WARNINGS_ACCEPTED)
    assert entry.data["reason"] == reason
    assert entry.data["warnings"] == [{"field": "body", "kind": "unregistered name"}]
    assert "Smith" not in json.dumps(entry.data)


@pytest.mark.parametrize(
    "reason", ["Dr Smith's work is public.", "Amina Okafor says it is a public study."]
)
def test_a_reason_that_repeats_the_warned_words_or_names_someone_is_refused(
    about, admin_client, reason
):
    response = _publish(admin_client, about, WARNED, gate_warnings_reason=reason)

    assert response.status_code == 200
    assert "without naming anyone" in response.context["form"].errors["gate_warnings_reason"][0]
    assert not _live(about).live


def test_no_reason_is_asked_for_or_logged_without_warnings(about, admin_client):
    response = _publish(
        admin_client, about, "<p>What we do.</p>", gate_warnings_reason="Just in case."
    )

    assert response.status_code == 302
    assert not PageLogEntry.objects.filter(page=about, action=WARNINGS_ACCEPTED).exists()


# --- creating a page ------------------------------------------------------------------------------


def test_creating_a_public_page_is_checked_the_same_way(programme, admin_client):
    url = reverse("wagtailadmin_pages:add", args=["knowledge", "aboutpage", programme.home.id])
    data = nested_form_data(
        {
            "title": "How to join",
            "slug": "how-to-join",
            "body": rich_text(NAMED),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "names a participant" in response.context["form"].errors["body"][0]
    assert "Amina Okafor said" in _body(response)
    assert not AboutPage.objects.filter(slug="how-to-join").exists()

    response = admin_client.post(url, {**data, "gate_apply": "body:Amina Okafor"})
    assert response.status_code == 200
    assert ">A member of a care co-operative said the pilot worked." in _body(response)

    data = {**response.context["form"].data.dict(), "action-publish": "action-publish"}
    response = admin_client.post(url, data)
    assert response.status_code == 302
    page = AboutPage.objects.get(slug="how-to-join")
    assert page.live and "Amina" not in page.body


# --- the replacing itself -------------------------------------------------------------------------


def _finding(text, start, found, suggestion=ROLE):
    assert text[start : start + len(found)] == found
    return Finding(start, start + len(found), found, BLOCK, "person", "x", suggestion)


def test_replacing_keeps_sentence_case_and_slugs():
    text = "Amina Okafor spoke. Later amina okafor wrote."
    findings = [_finding(text, 0, "Amina Okafor"), _finding(text, 26, "amina okafor")]
    assert replace_in_text(text, findings) == (
        f"A member of a care co-operative spoke. Later {ROLE} wrote."
    )
    slug = "visit-amina-okafor"
    assert replace_in_text(slug, [_finding(slug, 6, "amina-okafor")], slug=True) == (
        "visit-a-member-of-a-care-co-operative"
    )


def test_replacing_in_a_block_moves_its_styles_and_links():
    text = "We met Amina Okafor at the hub."
    block = {
        "text": text,
        "inlineStyleRanges": [
            {"offset": 0, "length": 2, "style": "ITALIC"},  # before: stays
            {"offset": 7, "length": 5, "style": "BOLD"},  # inside: covers the replacement
            {"offset": 27, "length": 3, "style": "BOLD"},  # after: shifts
        ],
        "entityRanges": [{"offset": 3, "length": 12, "key": 0}],  # overlaps the start
    }
    replace_in_block(block, [_finding(text, 7, "Amina Okafor", "a member")])

    assert block["text"] == "We met a member at the hub."
    styled = {
        r["style"] + str(r["offset"]): block["text"][r["offset"] : r["offset"] + r["length"]]
        for r in block["inlineStyleRanges"]
    }
    assert styled == {"ITALIC0": "We", "BOLD7": "a member", "BOLD23": "hub"}
    (link,) = block["entityRanges"]
    assert block["text"][link["offset"] : link["offset"] + link["length"]] == "met a member"


def test_public_pages_use_the_gate_form():
    assert AboutPage.base_form_class is PublicPageForm
    assert HomePage.base_form_class is PublicPageForm
