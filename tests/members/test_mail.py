"""Mail never costs a member their action: with a mail server that accepts connections and
never answers, a reply is posted and a consent is withdrawn as usual, the failure is logged,
and the email waits in the outbox for its next try (members/mail.py, tests/members/
test_outbox.py). How long they wait is measured in bench/hung_services.py."""

import logging

import pytest

from knowledge.models import Reply, ThreadFollow
from members.models import CONVENERS, NamingConsent, OutboxEmail

from ..attribution.test_gate import NAMING, about
from ..hung_service import hung_server

pytestmark = pytest.mark.django_db


@pytest.fixture
def hung_mail_server(settings):
    """SMTP pointed at a server that never answers, with a short timeout."""
    with hung_server() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = server.host, server.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_TIMEOUT = 0.5
        yield


def test_a_reply_is_posted_when_the_mail_server_hangs(
    programme, client_for, hung_mail_server, django_capture_on_commit_callbacks, caplog
):
    thread = programme.pages["thread"]
    ThreadFollow.objects.create(thread=thread, member=programme.convener)

    with (
        caplog.at_level(logging.ERROR, logger="members.mail"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client_for(programme.member).post(thread.url, {"body": "We pooled budgets."})

    assert response.status_code == 302
    assert Reply.objects.filter(thread=thread, body="We pooled budgets.").exists()
    assert "Could not send an email" in caplog.text
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.QUEUED  # to be tried again
    page = client_for(programme.member).get(response["Location"])
    assert "We pooled budgets." in page.content.decode()


def test_a_consent_is_withdrawn_when_the_mail_server_hangs(
    programme, client_for, hung_mail_server, django_capture_on_commit_callbacks, caplog
):
    from django.contrib.auth.models import Group

    programme.convener.user.groups.add(Group.objects.get(name=CONVENERS))
    page = about(body=NAMING)
    consent = NamingConsent.give(member=programme.member, output=page, by=None)
    page.get_latest_revision().publish()

    with (
        caplog.at_level(logging.ERROR, logger="members.mail"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client_for(programme.member).post(
            f"/account/consent/{consent.pk}/withdraw/", follow=True
        )

    assert response.status_code == 200
    assert "You withdrew your consent" in response.content.decode()
    consent.refresh_from_db()
    page.refresh_from_db()
    assert consent.withdrawn_at is not None and not page.live
    assert "Could not send an email" in caplog.text
    assert OutboxEmail.objects.filter(status=OutboxEmail.Status.QUEUED, attempts=1).exists()


def test_a_page_is_submitted_for_review_when_the_mail_server_hangs(
    programme, review, hung_mail_server, admin_user, settings, caplog
):
    """Wagtail's own workflow notices, sent through the site's mail backend, which logs a
    failure rather than raising it (members.mail.LoggedSMTPBackend)."""
    from django.contrib.auth.models import Group

    from ..attribution.test_gate import CLEAN

    settings.EMAIL_BACKEND = "members.mail.LoggedSMTPBackend"  # as the site's settings choose
    programme.convener.user.groups.add(Group.objects.get(name=CONVENERS))
    page = about(body=CLEAN)

    with caplog.at_level(logging.ERROR, logger="members.mail"):
        state = review.start(page, admin_user)

    assert state.current_task_state.status == state.current_task_state.STATUS_IN_PROGRESS
    assert "Could not reach the mail server" in caplog.text
