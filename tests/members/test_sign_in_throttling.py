"""Guessing passwords: sign-in is paused for one account from one address, then works again.

On the site's sign-in and the Wagtail admin's alike (django-axes, config/settings/base.py):
after a few wrong passwords for one username from one address, signing in to that account from
that address is refused, the right password included, with a page saying for how long and how
to get help. The member can still sign in from elsewhere, so an attacker cannot lock them
out, and the pause ends after the cool-off. Behind the reverse proxy the address is the one the
proxy saw, not one the client wrote in X-Forwarded-For.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import F

from ..factories import PASSWORD, UserFactory

SITE = "/accounts/login/"
ADMIN = "/admin/login/"
HOME = "192.0.2.10"  # where the guessing comes from (documentation addresses, RFC 5737)
ELSEWHERE = "198.51.100.20"
PAUSED = "Sign-in is paused for this account"


@pytest.fixture
def member(db):
    return UserFactory(username="member")


@pytest.fixture
def admin(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


def sign_in(client, url, username, password, **headers):
    return client.post(url, {"username": username, "password": password}, **headers)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def guess(client, url, username, times=30, **headers):
    return [sign_in(client, url, username, f"guess-{n}", **headers) for n in range(times)]


def age_attempts(minutes):
    """As if `minutes` had passed since the failed attempts."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))


def assert_paused(response):
    html = response.content.decode()
    assert response.status_code == 429
    assert PAUSED in html
    assert "from your internet address" in html
    # Fifteen minutes from the last counted guess, however long the guesses since took.
    retry_after = int(response["Retry-After"])
    assert 10 * 60 < retry_after <= 15 * 60
    minutes = -(-retry_after // 60)
    assert f"paused for {minutes} minutes" in html
    assert 'href="/accounts/password_reset/"' in html  # how to get help
    assert "convener" in html
    assert '<a class="skip-link" href="#main">' in html  # the site's layout
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(("url", "user"), [(SITE, "member"), (ADMIN, "admin")])
def test_thirty_wrong_passwords_then_the_right_one_is_refused(client, request, url, user):
    username = request.getfixturevalue(user).username
    answers = guess(client, url, username, REMOTE_ADDR=HOME)
    limit = settings.AXES_FAILURE_LIMIT
    assert all(answer.status_code == 200 for answer in answers[: limit - 1])  # "wrong password"
    assert all(answer.status_code == 429 for answer in answers[limit - 1 :])

    response = sign_in(client, url, username, PASSWORD, REMOTE_ADDR=HOME)
    assert_paused(response)
    assert not signed_in(client)


@pytest.mark.parametrize(("url", "user"), [(SITE, "member"), (ADMIN, "admin")])
def test_the_same_account_from_another_address_still_signs_in(client, request, url, user):
    username = request.getfixturevalue(user).username
    guess(client, url, username, REMOTE_ADDR=HOME)

    response = sign_in(client, url, username, PASSWORD, REMOTE_ADDR=ELSEWHERE)
    assert response.status_code == 302
    assert signed_in(client)


def test_other_accounts_from_the_same_address_still_sign_in(client, member, admin):
    guess(client, SITE, "admin", REMOTE_ADDR=HOME)

    assert sign_in(client, SITE, "member", PASSWORD, REMOTE_ADDR=HOME).status_code == 302
    assert signed_in(client)


@pytest.mark.parametrize(("url", "user"), [(SITE, "member"), (ADMIN, "admin")])
def test_sign_in_works_again_after_the_cool_off(client, request, url, user):
    username = request.getfixturevalue(user).username
    guess(client, url, username, REMOTE_ADDR=HOME)

    age_attempts(14)
    assert sign_in(client, url, username, PASSWORD, REMOTE_ADDR=HOME).status_code == 429
    age_attempts(1)  # fifteen minutes since the last counted guess; those refused since do
    response = sign_in(client, url, username, PASSWORD, REMOTE_ADDR=HOME)  # not extend it
    assert response.status_code == 302
    assert signed_in(client)


def test_a_successful_sign_in_forgets_earlier_wrong_passwords(client, member):
    limit = settings.AXES_FAILURE_LIMIT
    guess(client, SITE, "member", times=limit - 1, REMOTE_ADDR=HOME)
    assert sign_in(client, SITE, "member", PASSWORD, REMOTE_ADDR=HOME).status_code == 302
    client.logout()

    answers = guess(client, SITE, "member", times=limit - 1, REMOTE_ADDR=HOME)
    assert {answer.status_code for answer in answers} == {200}
    assert sign_in(client, SITE, "member", PASSWORD, REMOTE_ADDR=HOME).status_code == 302


def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(client, member, settings):
    """gunicorn sees only the proxy (127.0.0.1); the proxy appends the client's address to
    whatever X-Forwarded-For the client sent."""
    settings.REVERSE_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    guess(client, SITE, "member", HTTP_X_FORWARDED_FOR=HOME, **proxy)

    # Writing another address in the header does not get the guesser round the pause.
    spoofed = sign_in(
        client, SITE, "member", PASSWORD, HTTP_X_FORWARDED_FOR=f"{ELSEWHERE}, {HOME}", **proxy
    )
    assert spoofed.status_code == 429
    # The member, elsewhere, behind the same proxy, signs in.
    response = sign_in(client, SITE, "member", PASSWORD, HTTP_X_FORWARDED_FOR=ELSEWHERE, **proxy)
    assert response.status_code == 302
    assert AccessAttempt.objects.get().ip_address == HOME
