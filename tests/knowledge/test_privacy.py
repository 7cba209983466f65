"""The mechanics that keep a community's knowledge in its section, however it is handled."""

import contextlib

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.admin.forms.collections import CollectionViewRestrictionForm
from wagtail.admin.forms.pages import PageViewRestrictionForm
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from knowledge import models as knowledge
from knowledge.blocks import MEMBERS_ONLY_RICH_TEXT_FEATURES, SessionRecordBlock
from knowledge.markdown import render_markdown
from knowledge.models import KnowledgePage

from ..factories import CommunityFactory


def _restriction_of(section):
    restrictions = PageViewRestriction.objects.filter(page=section)
    assert restrictions.count() == 1
    return restrictions.get()


def _tree_is_sound():
    return all(not problems for problems in Page.find_problems())


def test_section_is_restricted_to_its_communitys_readers_only(programme):
    for section, community in (
        (programme.section, programme.community),
        (programme.other_section, programme.other_community),
    ):
        restriction = _restriction_of(section)
        assert restriction.restriction_type == PageViewRestriction.GROUPS
        assert list(restriction.groups.all()) == [community.readers_group]


def _weaken_to_login(p):
    restriction = PageViewRestriction.objects.get(page=p.section)
    restriction.restriction_type = PageViewRestriction.LOGIN
    restriction.save()


def _delete(p):
    PageViewRestriction.objects.filter(page=p.section).delete()


def _widen_to_other_community(p):
    PageViewRestriction.objects.get(page=p.section).groups.add(p.other_community.readers_group)


@pytest.mark.parametrize(
    "tamper",
    [_weaken_to_login, _delete, _widen_to_other_community],
    ids=["restriction set to any logged-in user", "restriction deleted", "group added"],
)
def test_tampering_with_the_sections_restriction_is_undone_at_once(programme, client_for, tamper):
    """However the restriction is weakened (admin dialog, code, shell), it is put back."""
    tamper(programme)

    restriction = _restriction_of(programme.section)
    assert restriction.restriction_type == PageViewRestriction.GROUPS
    assert list(restriction.groups.all()) == [programme.community.readers_group]
    assert client_for(programme.outsider).get(programme.pages["insight"].url).status_code == 403


def test_deleting_a_section_takes_its_restriction_with_it(programme):
    section_id = programme.other_section.id
    programme.other_section.delete()
    assert not PageViewRestriction.objects.filter(page_id=section_id).exists()


def test_convener_cannot_make_the_section_public_through_the_privacy_dialog(programme, client_for):
    client = client_for(programme.convener)
    client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[programme.section.id]),
        {"restriction_type": PageViewRestriction.NONE},
    )
    client.logout()
    assert client.get(programme.pages["insight"].url).status_code == 302


def test_convener_cannot_hand_the_section_to_another_community(programme, client_for):
    newcomer_community = CommunityFactory(name="New Circle")
    section = programme.section
    client_for(programme.convener).post(
        reverse("wagtailadmin_pages:edit", args=[section.id]),
        nested_form_data(
            {
                "title": section.title,
                "slug": section.slug,
                "community": newcomer_community.pk,
                "welcome": "",
                "comments": inline_formset([]),
                "action-publish": "action-publish",
            }
        ),
    )
    assert knowledge.CommunityHomePage.objects.get(pk=section.pk).community == programme.community
    assert client_for(programme.member).get(programme.pages["insight"].url).status_code == 200


def test_shared_tool_refuses_a_file_from_outside_the_communitys_collection(programme, admin_client):
    """A file in another collection is served under that collection's rules, not this one's."""
    elsewhere = get_document_model()(
        title="Other community's clause", collection=programme.other_community.documents_collection
    )
    elsewhere.file.save("other-clause.txt", ContentFile(b"Their clause"))
    elsewhere.save()
    tool = Page.objects.get(pk=programme.pages["tool"].pk).specific
    existing = tool.files.get()
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[tool.id]),
        nested_form_data(
            {
                "title": tool.title,
                "slug": tool.slug,
                "description": tool.description,
                "how_to_use": "",
                "licence": tool.licence,
                "summary": tool.summary,
                "themes": "Individual service funds (ISFs)",
                "files": inline_formset(
                    [
                        {"id": existing.pk, "document": programme.document.pk, "ORDER": "1"},
                        {"id": "", "document": elsewhere.pk, "ORDER": "2"},
                    ]
                ),
                "comments": inline_formset([]),
                "action-publish": "action-publish",
            }
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].formsets["files"].errors
    assert "not in this community's members-only collection" in errors[1]["document"][0]
    assert [f.document_id for f in tool.files.all()] == [programme.document.pk]


def test_documents_collection_is_restricted_to_the_readers_group(programme):
    collection = programme.community.documents_collection
    restriction = CollectionViewRestriction.objects.get(collection=collection)
    assert restriction.restriction_type == CollectionViewRestriction.GROUPS
    assert list(restriction.groups.all()) == [programme.community.readers_group]
    assert programme.document.collection == collection


def test_shared_passwords_are_not_offered_for_pages_or_documents(programme):
    assert settings.WAGTAIL_PRIVATE_PAGE_OPTIONS["SHARED_PASSWORD"] is False
    assert settings.WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS["SHARED_PASSWORD"] is False
    page_form = PageViewRestrictionForm(private_page_options=programme.section.private_page_options)
    collection_form = CollectionViewRestrictionForm()
    for form in (page_form, collection_form):
        choices = [value for value, _ in form.fields["restriction_type"].choices]
        assert PageViewRestriction.PASSWORD not in choices
        assert "password" not in form.fields


def test_documents_are_served_through_the_checked_view_not_media(programme, client_for):
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    url = programme.document.url
    assert url.startswith("/documents/")
    assert not url.startswith(settings.MEDIA_URL)
    assert client_for(None).get(programme.document.file.url).status_code == 404


def _copy(client, page, parent, **extra):
    return client.post(
        reverse("wagtailadmin_pages:copy", args=[page.id]),
        {"new_title": "A copy", "new_slug": "a-copy", "new_parent_page": parent.id, **extra},
    )


def test_admin_refuses_to_copy_into_another_communitys_section(programme, admin_client):
    response = _copy(admin_client, programme.pages["insight"], programme.other_section)
    assert response.status_code == 200
    errors = response.context["form"].errors["new_parent_page"]
    assert "cannot be moved or copied outside it" in errors[0]
    assert not Page.objects.filter(slug="a-copy").exists()
    assert not KnowledgePage.objects.child_of(programme.other_section).exists()


def test_admin_refuses_to_alias_a_knowledge_page(programme, admin_client):
    response = _copy(admin_client, programme.pages["insight"], programme.section, alias="on")
    assert response.status_code == 200
    assert "cannot be aliased" in response.context["form"].errors["alias"][0]
    assert not Page.objects.filter(slug="a-copy").exists()


def test_admin_copies_within_the_same_section(programme, admin_client):
    response = _copy(
        admin_client, programme.pages["insight"], programme.section, publish_copies="on"
    )
    assert response.status_code == 302
    copy = KnowledgePage.objects.child_of(programme.section).get(slug="a-copy")
    assert copy.title == "A copy"
    assert copy.live


def test_admin_refuses_to_move_into_another_communitys_section(programme, admin_client):
    page = programme.pages["insight"]
    response = admin_client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[page.id, programme.other_section.id]),
        follow=True,
    )
    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert any("cannot be moved or copied outside it" in message for message in messages)
    page.refresh_from_db()
    assert page.get_parent().id == programme.section.id


def test_admin_bulk_move_refuses_another_communitys_section(programme, admin_client):
    page = programme.pages["insight"]
    admin_client.post(
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "move")) + f"?id={page.id}",
        {"chooser": programme.other_section.id},
    )
    page.refresh_from_db()
    assert page.get_parent().id == programme.section.id


def test_creating_an_alias_in_code_is_refused(programme):
    with pytest.raises(ValidationError, match="cannot be aliased"):
        programme.pages["insight"].create_alias(parent=programme.other_section, update_slug="x")
    with pytest.raises(ValidationError, match="cannot be aliased"):
        programme.pages["thread"].create_alias(parent=programme.section, update_slug="y")
    assert not Page.objects.filter(alias_of__isnull=False).exists()
    assert _tree_is_sound()


def test_saving_a_page_as_an_alias_is_refused(programme):
    page = programme.pages["insight"]
    page.alias_of = programme.pages["thread"]
    with pytest.raises(ValidationError, match="cannot be aliased"):
        page.save()
    assert not Page.objects.filter(alias_of__isnull=False).exists()


def test_full_clean_reports_an_alias(programme):
    page = programme.pages["insight"]
    page.alias_of = programme.pages["thread"]
    with pytest.raises(ValidationError, match="cannot be aliased"):
        page.full_clean()


def test_copying_in_code_into_another_section_is_refused(programme):
    page = Page.objects.get(pk=programme.pages["insight"].pk).specific
    with contextlib.suppress(ValidationError, PermissionDenied):
        page.copy(to=programme.other_section, update_attrs={"slug": "a-copy"})
    assert not Page.objects.child_of(programme.other_section).exists()


def test_moving_in_code_into_another_section_is_refused(programme):
    page = Page.objects.get(pk=programme.pages["insight"].pk)
    with contextlib.suppress(ValidationError, PermissionDenied):
        page.move(programme.other_section, pos="last-child")
    page.refresh_from_db()
    assert page.get_parent().id == programme.section.id


def test_public_home_lists_only_public_pages(programme, client_for):
    """Even a section marked 'show in menus' never appears in the public listing."""
    for section in (programme.section, programme.other_section):
        section.show_in_menus = True
        section.save()
    for persona in (None, programme.member):
        response = client_for(persona).get("/")
        listed = list(response.context["public_pages"])
        assert [page.slug for page in listed] == ["about"]


def test_members_only_rich_text_cannot_hold_images_or_embeds():
    assert "image" not in MEMBERS_ONLY_RICH_TEXT_FEATURES
    assert "embed" not in MEMBERS_ONLY_RICH_TEXT_FEATURES
    for name in ("context", "challenge", "approach", "outcomes", "learning"):
        features = knowledge.CaseStudy._meta.get_field(name).features
        assert "image" not in features and "embed" not in features
    for block in SessionRecordBlock().child_blocks.values():
        assert "image" not in block.features and "embed" not in block.features


def test_knowledge_pages_have_no_image_fields():
    """Wagtail images are public media: a members-only page must not be able to hold one."""
    for model in (
        knowledge.SessionNote,
        knowledge.Insight,
        knowledge.SharedTool,
        knowledge.CaseStudy,
        knowledge.ChallengeThread,
        knowledge.CommunityHomePage,
    ):
        for field in model._meta.get_fields():
            related = getattr(field, "related_model", None)
            assert related is None or related._meta.app_label != "wagtailimages", field


def test_markdown_images_are_stripped():
    html = render_markdown("See ![a chart](https://example.org/chart.png) here")
    assert "<img" not in html
    assert "chart.png" not in html
