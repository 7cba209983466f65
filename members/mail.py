"""Every email the site sends goes through `send_after_commit`.

Mail tells people about a change that has already happened (a reply posted, a page taken down),
so it waits for that change to commit, and it can never undo or hide it: a mail server that
refuses, fails or does not answer within EMAIL_TIMEOUT is logged and the messages are dropped.
The member who acted sees the result of what they did, not a server error. (Until a task
worker sends mail in the background, the timeout bounds how long they wait.)

Mail the site does not send itself (Wagtail's workflow notices, Django's password reset) goes
through the same SMTP backend, LoggedSMTPBackend, which logs a failure rather than raising it:
Wagtail lets a server that never answers its greeting raise from a page submitted for review.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import transaction

logger = logging.getLogger(__name__)


def send_after_commit(messages: Iterable[EmailMessage]) -> None:
    """Send these once the current transaction commits (at once outside one); a failure is
    logged, never raised."""
    messages = list(messages)
    if messages:
        transaction.on_commit(lambda: send_now(messages))


def send_now(messages: list[EmailMessage]) -> int:
    """Send on one connection; returns how many were sent (0 when the server failed)."""
    try:
        with get_connection() as connection:
            return connection.send_messages(messages) or 0
    except Exception:  # any failure of the mail server or its connection: logged, dropped
        logger.exception(
            "Could not send %d email(s) (%s); they were dropped",
            len(messages),
            "; ".join(sorted({m.subject for m in messages}))[:200],
        )
        return 0


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
