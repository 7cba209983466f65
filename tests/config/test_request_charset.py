"""A form POST that declares a charset other than UTF-8 is a 400 that says so, never a server
error: the sign-in form and a members' form alike (config/bad_request.py)."""

from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

CHARSETS = ["latin-1", "utf-16", "utf-16-le", "utf-32", "windows-1252"]


def _post(client, url, fields: dict, charset: str):
    body = urlencode(fields, encoding=charset, errors="replace").encode("ascii")
    return client.generic(
        "POST", url, body, content_type=f"application/x-www-form-urlencoded; charset={charset}"
    )


@pytest.mark.parametrize("charset", CHARSETS)
def test_signing_in_with_a_form_in_another_charset_is_a_clear_400(charset):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.get("/accounts/login/")  # the CSRF cookie, as a browser would hold it

    response = _post(client, "/accounts/login/", {"username": "amina", "password": "x"}, charset)

    assert response.status_code == 400
    assert "must be UTF-8 encoded" in response.content.decode()


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    fields=st.dictionaries(st.text(max_size=12), st.text(max_size=30), max_size=4),
    charset=st.sampled_from(CHARSETS),
    with_cookie=st.booleans(),
)
def test_any_form_in_any_charset_is_never_a_server_error(db, fields, charset, with_cookie):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    if with_cookie:
        client.get("/accounts/login/")
    assert _post(client, "/accounts/login/", fields, charset).status_code < 500


@pytest.mark.parametrize("charset", CHARSETS)
def test_a_members_form_in_another_charset_is_a_400(programme, client_for, charset):
    client = client_for(programme.member)
    client.raise_request_exception = False
    response = _post(
        client, programme.section.url + "threads/new/", {"title": "é", "question": "ü"}, charset
    )
    assert response.status_code == 400
