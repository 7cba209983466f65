"""Every email the site sends goes through the outbox: `send_after_commit`.

Mail tells people about a change that has already happened (a reply posted, a page taken
down), so it can never undo or hide it. `send_after_commit` writes each message to the outbox
(members.models.OutboxEmail) in the transaction of the change, so a change rolled back sends
nothing, and once the change commits a task sends each one (on the worker, or at once where
tasks run in process). A mail server that refuses, fails or does not answer within
EMAIL_TIMEOUT costs a try, not the email: it is tried again after each of RETRY_DELAYS (the
worker defers the task with `run_after`; `send_queued_email`, which the scheduler runs, sends
whatever is due and was not sent, whatever the task backend), and after the last try it is
listed for site admins in the admin, who can send it again. The member who acted sees the
result of what they did, never a server error.

Mail the site does not send itself (Wagtail's workflow notices, Django's password reset) goes
through the same SMTP backend, LoggedSMTPBackend, which logs a failure rather than raising it:
Wagtail lets a server that never answers its greeting raise from a page submitted for review.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import OutboxEmail

logger = logging.getLogger(__name__)

# After the first try fails: wait this long before each of the next. Then it has failed.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)
# How long a task that took an email has to send it before another may try (its worker died).
SENDING_LEASE = timedelta(minutes=10)


def send_after_commit(messages: Iterable[EmailMessage]) -> list[OutboxEmail]:
    """Queue these in the outbox with the current change, and send each once it commits (at
    once outside a transaction). Returns the outbox rows."""
    rows = [
        OutboxEmail.objects.create(
            subject=message.subject,
            body=message.body,
            from_email=message.from_email or "",
            to=list(message.to),
            headers=dict(message.extra_headers),
        )
        for message in messages
    ]
    if rows:
        ids = [row.pk for row in rows]
        transaction.on_commit(lambda: [outbox_send_task.enqueue(pk) for pk in ids], robust=True)
    return rows


@task()
def outbox_send_task(email_id: int) -> str:
    return outbox_send(email_id)


def outbox_send(email_id: int) -> str:
    """Try to send one email from the outbox, if it is due and nobody else is sending it; what
    became of it: "sent", "retry", "failed" or "not due"."""
    now = timezone.now()
    claimed = OutboxEmail.objects.filter(
        pk=email_id, status=OutboxEmail.Status.QUEUED, next_attempt_at__lte=now
    ).update(next_attempt_at=now + SENDING_LEASE)
    if not claimed:
        return "not due"  # sent, failed, erased, waiting for its next try, or being sent
    email = OutboxEmail.objects.get(pk=email_id)
    error = deliver(
        EmailMessage(
            email.subject, email.body, email.from_email or None, email.to, headers=email.headers
        )
    )
    email.attempts += 1
    if error is None:
        email.status, email.sent_at, email.last_error = OutboxEmail.Status.SENT, now, ""
        email.save(update_fields=["status", "sent_at", "last_error", "attempts"])
        return "sent"
    email.last_error = error[:500]
    if email.attempts > len(RETRY_DELAYS):
        email.status = OutboxEmail.Status.FAILED
        email.save(update_fields=["status", "last_error", "attempts"])
        logger.error(
            "Email %s failed after %d tries: listed for site admins", email.pk, email.attempts
        )
        return "failed"
    email.next_attempt_at = now + RETRY_DELAYS[email.attempts - 1]
    email.save(update_fields=["next_attempt_at", "last_error", "attempts"])
    if outbox_send_task.get_backend().supports_defer:
        outbox_send_task.using(run_after=email.next_attempt_at).enqueue(email.pk)
    return "retry"


def outbox_send_again(email: OutboxEmail) -> None:
    """A site admin sends an email again, from its first try."""
    OutboxEmail.objects.filter(pk=email.pk).update(
        status=OutboxEmail.Status.QUEUED, attempts=0, next_attempt_at=timezone.now()
    )
    transaction.on_commit(lambda: outbox_send_task.enqueue(email.pk), robust=True)


def outbox_due():
    """Emails waiting whose next try is due: sent by `send_queued_email` when a task did not."""
    return OutboxEmail.objects.filter(
        status=OutboxEmail.Status.QUEUED, next_attempt_at__lte=timezone.now()
    ).order_by("next_attempt_at", "pk")


def deliver(message: EmailMessage) -> str | None:
    """Send one message; None when the server took it, else what went wrong (logged)."""
    try:
        with get_connection() as connection:
            if connection.send_messages([message]):
                return None
            return "The mail server did not accept the email."
    except Exception as error:  # any failure of the mail server or its connection
        logger.exception("Could not send an email (%s)", message.subject[:200])
        return f"{type(error).__name__}: {error}"


class LoggedSMTPBackend(SMTPBackend):
    """SMTP (EMAIL_HOST, EMAIL_TIMEOUT...) whose failures are logged and never raised, whoever
    sends: a server that refuses or does not answer makes the send return 0."""

    def open(self):
        try:
            return super().open()
        except Exception:  # refused, timed out, TLS or sign-in failed: logged, not raised
            logger.exception("Could not reach the mail server %s:%s", self.host, self.port)
            return None

    def send_messages(self, email_messages):
        try:
            return super().send_messages(email_messages)
        except Exception:
            logger.exception("Could not send %d email(s)", len(email_messages))
            return 0
