"""Every other way to make a page public meets the Chatham House gate: code, bulk publish, move,
lifting a restriction, scheduled publishing, workflow approval and copy. Each is refused while
the page names a participant, however the name is written (also hidden by invisible characters
and look-alike letters), and the admin's doors say so rather than fail with a server error.
"""

import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import (
    Page,
    PageLogEntry,
    PageViewRestriction,
    Revision,
)

from attribution.gate import BLOCKED, AttributionBlocked
from knowledge.models import AboutPage, HomePage
from tests.hiding import hide

CLEAN = "<p>A director explained how their team set up an individual service fund.</p>"
REFUSED = "while naming a participant"


@pytest.fixture(params=["plain", "hidden"])
def name(request):
    """The member's name, as typed or hidden by soft hyphens and a Cyrillic "а"."""
    plain = "Amina Okafor"
    return plain if request.param == "plain" else hide(plain, "soft hyphens and a Cyrillic a")


def naming_body(name):
    return f"<p>{name} explained how her team set up an individual service fund.</p>"


def _title(page):
    return Page.objects.get(pk=page.pk).title


def _about(title, body, slug):
    """A draft public page whose latest revision has `body`."""
    page = HomePage.objects.get().add_child(
        instance=AboutPage(title=title, slug=slug, body=body, live=False)
    )
    page.save_revision()
    return page


def _messages(response):
    return [str(message) for message in response.context["messages"]]


def _blocked(page, path):
    return PageLogEntry.objects.filter(page=page, action=BLOCKED, data__path=path)


def _live(page):
    return Page.objects.get(pk=page.pk).live


@pytest.fixture
def areas(programme, name):
    """Home > "Open area" (public) and "Staff area" (signed-in readers only), each a plain page,
    the staff area holding a live page that names a member and a live one that does not."""
    home = programme.home

    def add(parent, title, slug):
        page = parent.add_child(instance=Page(title=title, slug=slug, live=False))
        page.save_revision().publish()
        return Page.objects.get(pk=page.pk)

    open_area = add(home, "Open area", "open")
    staff = add(home, "Staff area", "staff")
    restriction = PageViewRestriction.objects.create(
        page=staff, restriction_type=PageViewRestriction.LOGIN
    )
    naming = add(staff, f"Notes from {name}", "notes")
    clean = add(staff, "Notes from a director", "director-notes")
    return open_area, staff, restriction, naming, clean


def test_publishing_a_revision_in_code_is_refused(programme, name):
    page = _about("How one team started", naming_body(name), "started")
    with pytest.raises(AttributionBlocked):
        page.get_latest_revision().publish()
    assert not _live(page)


def _bulk(client, action, pages, data=None, **query):
    ids = "&".join(f"id={page.pk}" for page in pages)
    extra = "".join(f"&{key}={value}" for key, value in query.items())
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", action))
    return client.post(f"{url}?{ids}{extra}", data or {}, follow=True)


def test_bulk_publish_publishes_the_clean_pages_and_reports_the_rest(programme, name, admin_client):
    naming = _about("How one team started", naming_body(name), "started")
    clean = _about("How teams start", CLEAN, "teams-start")
    response = _bulk(
        admin_client, "publish", [naming, clean], next=f"/admin/pages/{programme.home.pk}/"
    )
    assert response.status_code == 200
    messages = _messages(response)
    assert any("“How one team started”" in m and REFUSED in m for m in messages)
    assert any(m.startswith("1 page has been published") for m in messages)
    assert not _live(naming)
    assert _live(clean)
    entry = _blocked(naming, "bulk publish").get()
    assert entry.data["blocks"] and "Amina" not in str(entry.data)


def test_bulk_publish_of_naming_pages_only_is_refused(programme, name, admin_client):
    naming = _about("How one team started", naming_body(name), "started")
    response = _bulk(admin_client, "publish", [naming], next=f"/admin/pages/{programme.home.pk}/")
    assert response.status_code == 200
    assert any(REFUSED in m for m in _messages(response))
    assert not any("published" in m and REFUSED not in m for m in _messages(response))
    assert not _live(naming)


def test_bulk_publish_with_subpages_holds_back_a_page_whose_subpage_names_someone(
    programme, admin_client, name
):
    parent = programme.home.add_child(instance=Page(title="Guides", slug="guides", live=False))
    child = parent.add_child(instance=Page(title=f"{name}'s guide", slug="g", live=False))
    response = _bulk(
        admin_client,
        "publish",
        [parent],
        {"include_descendants": "on"},
        next=f"/admin/pages/{programme.home.pk}/",
    )
    messages = _messages(response)
    assert any(f"“{_title(child)}”" in m and REFUSED in m for m in messages)
    assert any("“Guides” was not published either" in m for m in messages)
    assert not _live(parent)
    assert not _live(child)


def test_moving_a_naming_page_into_public_view_is_refused(areas, admin_client):
    open_area, staff, _restriction, naming, _clean = areas
    response = admin_client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[naming.pk, open_area.pk]), follow=True
    )
    assert response.status_code == 200
    assert any("Not moved" in m and f"“{_title(naming)}”" in m for m in _messages(response))
    assert naming.get_parent().pk == staff.pk
    assert Page.objects.get(pk=naming.pk).get_parent().pk == staff.pk
    assert _blocked(naming, "move").exists()


def test_bulk_move_moves_the_clean_pages_and_reports_the_rest(areas, admin_client):
    open_area, staff, _restriction, naming, clean = areas
    response = _bulk(
        admin_client,
        "move",
        [naming, clean],
        {"chooser": open_area.pk},
        next=f"/admin/pages/{staff.pk}/",
    )
    assert response.status_code == 200
    assert any("Not moved" in m and f"“{_title(naming)}”" in m for m in _messages(response))
    assert Page.objects.get(pk=naming.pk).get_parent().pk == staff.pk
    assert Page.objects.get(pk=clean.pk).get_parent().pk == open_area.pk
    assert _blocked(naming, "bulk move").exists()


def test_lifting_the_restriction_over_a_naming_page_is_refused(areas):
    _open_area, _staff, restriction, naming, _clean = areas
    with pytest.raises(ValidationError, match=REFUSED), transaction.atomic():
        restriction.delete()
    assert PageViewRestriction.objects.filter(pk=restriction.pk).exists()
    assert _live(naming)


def _copy(client, page, parent, slug, **extra):
    return client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        {"new_title": page.title, "new_slug": slug, "new_parent_page": parent.pk, **extra},
        follow=True,
    )


def test_copying_a_naming_page_live_into_public_view_is_refused(areas, admin_client):
    open_area, _staff, _restriction, naming, clean = areas
    response = _copy(admin_client, naming, open_area, "copied", publish_copies="on")
    assert response.status_code == 200
    assert any("Not copied" in m for m in _messages(response))
    assert not Page.objects.filter(slug="copied").exists()
    assert _blocked(naming, "copy").exists()

    with pytest.raises(AttributionBlocked):
        naming.copy(to=open_area, keep_live=True, update_attrs={"slug": "copied-in-code"})
    assert not Page.objects.filter(slug="copied-in-code").exists()

    # A draft copy is fine, and so is a live copy of a page that names no one.
    assert not naming.copy(to=open_area, keep_live=False, update_attrs={"slug": "draft"}).live
    assert clean.copy(to=open_area, keep_live=True, update_attrs={"slug": "clean"}).live
    about = _about("How teams start", CLEAN, "teams-start")
    about.get_latest_revision().publish()
    response = _copy(admin_client, about, about.get_parent(), "again", publish_copies="on")
    assert not any("Not copied" in m for m in _messages(response))
    assert Page.objects.get(slug="again").live


def _schedule(page, when):
    page = page.get_latest_revision_as_object()
    page.go_live_at = when
    revision = page.save_revision()
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=when)
    return revision


def test_scheduled_publishing_skips_and_reports_a_naming_page(
    programme, name, django_capture_on_commit_callbacks
):
    past = timezone.now() - datetime.timedelta(minutes=5)
    naming = _about("How one team started", naming_body(name), "started")
    clean = _about("How teams start", CLEAN, "teams-start")
    expired = _about("Last year's call for members", CLEAN, "call")
    expired.get_latest_revision().publish()
    Page.objects.filter(pk=expired.pk).update(expire_at=past)
    refused_revision = _schedule(naming, past - datetime.timedelta(minutes=1))
    _schedule(clean, past)

    out = io.StringIO()
    call_command("publish_scheduled_checked", "--dryrun", stdout=out)
    assert "would have published 1, would have refused 1" in out.getvalue()
    assert not _live(clean) and _live(expired) and not mail.outbox

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):  # the email waits for the commit
        call_command("publish_scheduled_checked", stdout=out)

    assert "published 1, refused 1, unpublished 1 expired" in out.getvalue()
    assert "Amina" not in out.getvalue()
    assert _live(clean)
    assert not _live(naming)
    assert not _live(expired)
    refused_revision.refresh_from_db()
    assert refused_revision.approved_go_live_at is None
    assert _blocked(naming, "scheduled publishing").count() == 1
    assert PageLogEntry.objects.filter(page=naming, action="wagtail.schedule.cancel").exists()
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert "How one team started" in email.subject
    assert reverse("wagtailadmin_pages:edit", args=[naming.pk]) in email.body
    assert programme.convener.user.email in email.to

    # Nothing is left to retry.
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled_checked", stdout=out)
    assert "published 0, refused 0" in out.getvalue()
    assert len(mail.outbox) == 1


def _submit(page, user):
    return page.get_workflow().start(page, user).current_task_state


def _approve(client, page, task_state):
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    return client.post(url, {})


def test_review_offers_no_approval_for_a_naming_page(review, name, admin_client, admin_user):
    naming = _about("How one team started", naming_body(name), "started")
    task_state = _submit(naming, admin_user)
    editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=[naming.pk]))
    html = editor.content.decode()
    assert 'data-workflow-action-name="reject"' in html
    assert 'data-workflow-action-name="approve"' not in html
    refused = _approve(admin_client, naming, task_state)  # the admin's "permission denied"
    assert (refused.status_code, refused.url) == (302, reverse("wagtailadmin_home"))
    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_IN_PROGRESS
    assert not _live(naming)

    clean = _about("How teams start", CLEAN, "teams-start")
    task_state = _submit(clean, admin_user)
    editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=[clean.pk]))
    assert 'data-workflow-action-name="approve"' in editor.content.decode()
    assert _approve(admin_client, clean, task_state).status_code == 302
    assert _live(clean)


def test_an_approval_racing_an_edit_that_names_someone_becomes_a_rejection(
    review, admin_user, name
):
    page = _about("How teams start", CLEAN, "teams-start")
    task_state = _submit(page, admin_user)
    edited = Page.objects.get(pk=page.pk).get_latest_revision_as_object()
    edited.body = naming_body(name)
    edited.save_revision(user=admin_user)

    task_state.task.specific.on_action(task_state, admin_user, "approve")

    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_REJECTED
    assert task_state.comment.startswith("Not approved: this page would be public")
    assert page.current_workflow_state is None or (
        page.current_workflow_state.status == "needs_changes"
    )
    assert not _live(page)
    assert _blocked(page, "workflow approval").exists()
