"""Email goes through the outbox (members/mail.py): written with the change it tells about, sent
by a task once that change commits, tried again with backoff when the mail server fails, and
after the last try listed for site admins, who can send it again. Nothing is lost, and nobody
sees an error for an action that was saved."""

from datetime import timedelta
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from knowledge.models import ThreadFollow
from members.mail import RETRY_DELAYS
from members.models import SITE_ADMINS, OutboxEmail

from ..factories import MemberFactory

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


class FlakyBackend(LocmemBackend):
    """The test outbox, behind a mail server that drops the next `failures` connections."""

    failures = 0

    def send_messages(self, messages):
        if FlakyBackend.failures:
            FlakyBackend.failures -= 1
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture(autouse=True)
def worker_keeps_the_connection(monkeypatch):
    """db_worker closes stale connections between tasks, as a long-lived process should; in a
    test's transaction (on PostgreSQL) that would end the test's own connection."""
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )


@pytest.fixture
def flaky_mail(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    yield FlakyBackend
    FlakyBackend.failures = 0


@pytest.fixture
def follower(programme):
    thread = programme.pages["thread"]
    ThreadFollow.objects.create(thread=thread, member=programme.convener)
    return thread


def _reply(programme, client_for, thread, capture):
    with capture(execute=True):
        response = client_for(programme.member).post(thread.url, {"body": "We pooled budgets."})
    assert response.status_code == 302  # the reply is saved whatever the mail server does
    return OutboxEmail.objects.get()


def _when_due(email):
    """Time passes until the email's next try (and its deferred task) are due."""
    past = timezone.now() - timedelta(seconds=1)
    OutboxEmail.objects.filter(pk=email.pk).update(next_attempt_at=past)
    DBTaskResult.objects.filter(status="READY").update(run_after=past)


def test_a_follower_email_is_sent_from_the_outbox_once_the_reply_commits(
    programme, client_for, follower, django_capture_on_commit_callbacks
):
    email = _reply(programme, client_for, follower, django_capture_on_commit_callbacks)

    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT and email.attempts == 1
    assert [m.to for m in mail.outbox] == [[programme.convener.user.email]]


def test_a_change_that_does_not_commit_sends_nothing(programme, client_for, follower):
    client_for(programme.member).post(follower.url, {"body": "We pooled budgets."})
    assert mail.outbox == []
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.QUEUED


def test_a_failed_email_is_retried_by_the_worker_after_a_delay_and_sent(
    programme, client_for, follower, flaky_mail, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS
    flaky_mail.failures = 1
    email = _reply(programme, client_for, follower, django_capture_on_commit_callbacks)

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.QUEUED and email.attempts == 1
    assert "SMTPServerDisconnected" in email.last_error
    assert abs(email.next_attempt_at - (timezone.now() + RETRY_DELAYS[0])) < timedelta(seconds=5)
    deferred = DBTaskResult.objects.get(status="READY")
    assert deferred.run_after == email.next_attempt_at  # the worker waits for it
    assert mail.outbox == []

    _when_due(email)
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT and email.attempts == 2
    assert len(mail.outbox) == 1


def test_after_the_last_try_a_site_admin_sees_it_and_sends_it_again(
    programme, client_for, follower, flaky_mail, settings, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group

    settings.TASKS = DATABASE_TASKS
    flaky_mail.failures = len(RETRY_DELAYS) + 1
    email = _reply(programme, client_for, follower, django_capture_on_commit_callbacks)
    for _ in range(len(RETRY_DELAYS) + 1):
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
        _when_due(email)
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.FAILED and email.attempts == len(RETRY_DELAYS) + 1
    assert not DBTaskResult.objects.filter(status="READY").exists()  # no more tries of its own

    admin = MemberFactory()
    admin.user.groups.add(Group.objects.get(name=SITE_ADMINS))
    site_admin = client_for(admin)
    listing = site_admin.get("/admin/outbox/?status=failed").content.decode()
    assert email.subject in listing
    page = site_admin.get(f"/admin/outbox/inspect/{email.pk}/").content.decode()
    assert "Send again" in page and "SMTPServerDisconnected" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = site_admin.post(f"/admin/outbox-email/{email.pk}/send-again/")
    assert response.status_code == 302
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT
    assert len(mail.outbox) == 1


def test_a_retry_is_sent_by_the_scheduled_command_where_tasks_run_in_process(
    programme, client_for, follower, flaky_mail, django_capture_on_commit_callbacks
):
    flaky_mail.failures = 1
    email = _reply(programme, client_for, follower, django_capture_on_commit_callbacks)
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.QUEUED and email.attempts == 1

    call_command("send_queued_email", verbosity=0)  # not due yet: nothing happens
    assert mail.outbox == []
    _when_due(email)
    call_command("send_queued_email", verbosity=0)
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT and len(mail.outbox) == 1


def test_an_email_is_sent_once_however_many_tasks_ask(
    programme, client_for, follower, settings, django_capture_on_commit_callbacks
):
    from members.mail import outbox_send

    settings.TASKS = DATABASE_TASKS
    email = _reply(programme, client_for, follower, django_capture_on_commit_callbacks)
    assert outbox_send(email.pk) == "sent"
    assert outbox_send(email.pk) == "not due"
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("who", ["anonymous", "member", "convener"])
def test_only_site_admins_see_the_outbox(programme, client_for, client, follower, who):
    client_for(programme.member).post(follower.url, {"body": "We pooled budgets."})
    email = OutboxEmail.objects.get()
    # Only the one asked for signs in: the clients share one session.
    visitor = {
        "anonymous": lambda: client.logout() or client,
        "member": lambda: client_for(programme.member),
        "convener": lambda: client_for(programme.convener),
    }[who]()
    for url in (
        "/admin/outbox/",
        f"/admin/outbox/inspect/{email.pk}/",
        f"/admin/outbox-email/{email.pk}/send-again/",
    ):
        response = visitor.get(url)
        assert response.status_code in (302, 403), url
        assert email.subject not in response.content.decode()
    assert visitor.post(f"/admin/outbox-email/{email.pk}/send-again/").status_code in (302, 403)
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.QUEUED and email.attempts == 0


def test_sent_emails_are_deleted_after_the_retention_period_and_failed_ones_kept(db, settings):
    long_ago = timezone.now() - settings.OUTBOX_RETENTION - timedelta(days=1)
    for subject, status, sent_at in [
        ("sent long ago", OutboxEmail.Status.SENT, long_ago),
        ("sent lately", OutboxEmail.Status.SENT, timezone.now()),
        ("failed long ago", OutboxEmail.Status.FAILED, None),
    ]:
        OutboxEmail.objects.create(
            subject=subject, body="x", to=["a@example.org"], status=status, sent_at=sent_at
        )
    OutboxEmail.objects.filter(subject="failed long ago").update(created_at=long_ago)

    call_command("apply_retention", verbosity=0)

    assert set(OutboxEmail.objects.values_list("subject", flat=True)) == {
        "sent lately",
        "failed long ago",
    }
