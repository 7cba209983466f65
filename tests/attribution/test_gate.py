"""The Chatham House gate at its core: what counts as a page's public text, and the backstop
that refuses, on every path, to make a page public while it names someone."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Page, PageLogEntry, PageViewRestriction

from attribution.gate import BLOCKED, CONSENT_USED, UNPUBLISHED, AttributionBlocked, gate_check
from attribution.public_text import is_publicly_visible, page_texts
from knowledge.models import AboutPage, HomePage
from members.models import CONVENERS, NamingConsent, PublicContact

NAMING = "<p>Amina Okafor showed us her rota.</p>"
CLEAN = "<p>A member showed us her rota.</p>"


def about(title="What we learned", body=CLEAN, parent=None, **fields):
    """A draft public page with one revision holding `body`."""
    parent = parent or HomePage.objects.get()
    page = parent.add_child(instance=AboutPage(title=title, body=CLEAN, live=False, **fields))
    page.body = body
    page.save_revision()
    return page


def texts(page):
    return {(t.field, t.label, t.text) for t in page_texts(page)}


# --- what is checked ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_public_field_is_checked():
    page = AboutPage(
        title="Notes",
        slug="notes-amina",
        seo_title="SEO title",
        search_description="For search engines",
        body="<h2>Who</h2><ul><li>Fatima</li><li>Noor</li></ul>"
        '<p><a href="https://www.linkedin.com/in/amina-okafor">profile</a></p>',
    )
    found = texts(page)
    assert ("slug", "Slug", "notes-amina") in found
    assert ("seo_title", "Title tag", "SEO title") in found
    assert ("search_description", "Meta description", "For search engines") in found
    body = next(t for f, label, t in found if f == "body" and label == "Body")
    assert "Fatima\n" in body and "FatimaNoor" not in body  # list items stay separate words
    assert ("body", "Body (links)", "https://www.linkedin.com/in/amina-okafor") in found


@pytest.mark.django_db
def test_linked_documents_titles_and_file_names_are_checked():
    document = get_document_model()(title="Rota by Amina Okafor")
    document.file.save("amina-okafor-rota.txt", ContentFile(b"rota"))
    document.save()
    link = f'<a linktype="document" id="{document.pk}">Rota</a>'
    page = AboutPage(title="Tools", body=f"<p>{link}</p>")
    found = texts(page)
    assert ("body", "Document title", "Rota by Amina Okafor") in found
    assert ("body", "Document file name", "amina-okafor-rota.txt") in found


@pytest.mark.django_db
def test_what_blocks_and_what_does_not(programme):
    PublicContact.objects.create(
        value="hello@practice-commons.example", description="Us", approved=True
    )
    page = AboutPage(title="Contact", body="<p>Write to hello@practice-commons.example.</p>")
    assert gate_check(page).publishable
    page.body = "<p>Write to amina@okafor.example.</p>"
    ((where, finding),) = gate_check(page).blocks
    assert (where.field, finding.kind) == ("body", "email")


# --- the backstop: every path ends in saving the live row ------------------------------------


@pytest.mark.django_db
def test_publishing_a_public_page_that_names_a_member_is_refused(programme):
    page = about(body=NAMING)
    with pytest.raises(AttributionBlocked) as refused:
        page.get_latest_revision().publish()
    assert "body" in refused.value.message_dict
    assert "Amina Okafor" in refused.value.message_dict["body"][0]
    page.refresh_from_db()
    assert not page.live
    entry = PageLogEntry.objects.get(page=page, action=BLOCKED)
    assert entry.data["blocks"] == [{"field": "body", "kind": "person"}]
    assert "Amina" not in str(entry.data)  # the log never keeps the refused text


@pytest.mark.django_db
def test_a_clean_public_page_publishes(programme):
    page = about(body=CLEAN)
    page.get_latest_revision().publish()
    page.refresh_from_db()
    assert page.live


@pytest.mark.django_db
def test_members_only_pages_may_name_members(programme):
    insight = programme.pages["insight"]
    insight.summary = "Amina Okafor's rota worked."
    insight.save_revision().publish()  # behind the section's restriction: not public
    insight.refresh_from_db()
    assert insight.live and "Amina" in insight.summary


@pytest.mark.django_db
def test_creating_a_live_public_page_in_code_is_refused(programme):
    home = HomePage.objects.get()
    with pytest.raises(AttributionBlocked):
        home.add_child(instance=AboutPage(title="Amina Okafor", body=CLEAN, live=True))
    assert not AboutPage.objects.filter(title="Amina Okafor").exists()


@pytest.mark.django_db
def test_editing_a_live_public_page_to_name_someone_is_refused(programme):
    page = about(body=CLEAN)
    page.get_latest_revision().publish()
    page = AboutPage.objects.get(pk=page.pk)
    page.body = NAMING
    with pytest.raises(AttributionBlocked):
        page.save()
    page.body = NAMING
    page.save_revision()  # a draft of a live page may name them: it is not public
    assert AboutPage.objects.get(pk=page.pk).body == CLEAN


def _restricted_area():
    home = HomePage.objects.get()
    area = home.add_child(instance=Page(title="Members' drafts", slug="members-drafts"))
    PageViewRestriction.objects.create(page=area, restriction_type=PageViewRestriction.LOGIN)
    return area


@pytest.mark.django_db
def test_moving_a_naming_page_out_of_a_restricted_area_is_refused(programme):
    area = _restricted_area()
    page = about(body=NAMING, parent=area)
    page.get_latest_revision().publish()  # fine: behind the restriction
    page.refresh_from_db()
    assert page.live and not is_publicly_visible(page)
    with pytest.raises(ValidationError):
        page.move(HomePage.objects.get(), pos="last-child")
    page.refresh_from_db()
    assert page.get_parent().pk == area.pk
    assert PageLogEntry.objects.filter(page=page, action=BLOCKED, data__path="move").exists()


@pytest.mark.django_db
def test_lifting_a_restriction_over_a_naming_page_is_refused(programme):
    area = _restricted_area()
    page = about(body=NAMING, parent=area)
    page.get_latest_revision().publish()
    restriction = PageViewRestriction.objects.get(page=area)
    # atomic: in a request, the delete's own transaction is the one rolled back
    with pytest.raises(ValidationError), transaction.atomic():
        restriction.delete()
    assert PageViewRestriction.objects.filter(pk=restriction.pk).exists()


@pytest.mark.django_db
def test_lifting_a_restriction_over_clean_pages_is_allowed(programme):
    area = _restricted_area()
    about(body=CLEAN, parent=area).get_latest_revision().publish()
    PageViewRestriction.objects.get(page=area).delete()
    assert is_publicly_visible(AboutPage.objects.get(title="What we learned"))


# --- consent in the flow -------------------------------------------------------------------


@pytest.mark.django_db
def test_consent_lets_the_page_name_them_and_the_page_records_it(programme):
    page = about(body=NAMING)
    consent = NamingConsent.give(member=programme.member, output=page, by=programme.member.user)
    page.get_latest_revision().publish()
    page.refresh_from_db()
    assert page.live
    consent.refresh_from_db()
    assert consent.relied_on_since is not None
    assert PageLogEntry.objects.filter(
        page=page, action=CONSENT_USED, data__consent=consent.pk
    ).exists()


@pytest.mark.django_db
def test_consent_for_another_page_does_not_help(programme):
    page = about(body=NAMING)
    NamingConsent.give(member=programme.member, output=programme.pages["insight"], by=None)
    with pytest.raises(AttributionBlocked):
        page.get_latest_revision().publish()


@pytest.mark.django_db
def test_withdrawing_consent_unpublishes_the_page_and_tells_the_conveners(
    programme, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group

    programme.convener.user.groups.add(Group.objects.get(name=CONVENERS))
    page = about(body=NAMING)
    consent = NamingConsent.give(member=programme.member, output=page, by=None)
    page.get_latest_revision().publish()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):  # the email waits for the commit
        consent.withdraw()

    page.refresh_from_db()
    assert not page.live
    assert PageLogEntry.objects.filter(page=page, action=UNPUBLISHED).exists()
    (email,) = mail.outbox
    assert programme.convener.user.email in email.to
    assert page.title in email.subject and "Amina" not in email.body


@pytest.mark.django_db
def test_withdrawing_consent_leaves_a_page_that_no_longer_names_them(programme):
    page = about(body=NAMING)
    consent = NamingConsent.give(member=programme.member, output=page, by=None)
    page.get_latest_revision().publish()
    page = AboutPage.objects.get(pk=page.pk)
    page.body = CLEAN
    page.save_revision().publish()

    consent.withdraw()

    assert AboutPage.objects.get(pk=page.pk).live


# transaction=True: as in a request, the delete's own transaction is the one rolled back
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_privacy_dialog_explains_a_refusal_instead_of_failing(client, programme):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    area = _restricted_area()
    page = about(body=NAMING, parent=area)
    page.get_latest_revision().publish()
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(admin)

    response = client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[area.pk]), {"restriction_type": "none"}
    )

    assert response.status_code == 200
    assert "Not made public" in response.json()["html"]
    assert "What we learned" in response.json()["html"]
    assert PageViewRestriction.objects.filter(page=area).exists()
    entry = PageLogEntry.objects.get(page=page, action=BLOCKED)
    assert entry.data["path"] == "privacy change" and entry.user == admin


@pytest.mark.django_db
def test_a_public_outputs_sources_are_not_public_text(programme, hub):
    from learning.models import PublicOutputPage

    source = programme.pages["insight"]
    source.title = "Amina Okafor's ISF rota"  # a members-only title may name her
    source.save_revision().publish()
    output = hub.add_child(
        instance=PublicOutputPage(
            title="Start small with ISFs",
            summary="A member found it helps to start small.",
            live=False,
        )
    )
    output.sources.add(source)
    output.themes.add("Individual service funds (ISFs)")
    output.save_revision().publish()
    output.refresh_from_db()
    assert output.live
    assert output.licence == "CC-BY-NC-SA-4.0"  # the default, from settings

    output = PublicOutputPage.objects.get(pk=output.pk)
    output.summary = "Amina Okafor found it helps to start small."
    with pytest.raises(AttributionBlocked):
        output.save_revision().publish()


@pytest.mark.django_db
def test_text_removed_from_a_public_page_is_logged_without_the_words(programme):
    from attribution.gate import REDACTED

    page = about(body="<p>A member showed us her rota and the Tuesday handover sheet.</p>")
    page.get_latest_revision().publish()
    page = AboutPage.objects.get(pk=page.pk)
    page.body = "<p>A member showed us her rota.</p>"
    page.save_revision().publish()

    entry = PageLogEntry.objects.get(page=page, action=REDACTED)
    assert entry.data == {"removed_words": {"body": 5}, "why": "it was edited by the convener"}
    assert "handover" not in str(entry.data)
    assert entry.message == (
        "Public text removed: 5 words from Body, because it was edited by the convener"
    )


def test_a_name_in_a_table_cell_or_caption_is_found():
    """Table blocks hold plain dicts of rows, not block values: the gate reads them too."""
    from attribution.public_text import field_texts

    table = {
        "data": [["Type", "Lead"], ["Council", "Amina Okafor"]],
        "first_row_is_table_header": True,
        "table_caption": "Who led what",
        "cell": [{"row": 0, "className": "htLeft"}],
    }
    texts = " ".join(text.text for text in field_texts("sections", "Sections", table))
    assert "Amina Okafor" in texts and "Who led what" in texts and "htLeft" not in texts
