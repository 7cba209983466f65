"""Signing in and out, and getting back in after a forgotten password."""

import re
from html.parser import HTMLParser

from django.conf import settings
from django.core import mail
from django.urls import reverse

from ..factories import PASSWORD

LOGIN_URL = "/accounts/login/"


class _Links(HTMLParser):
    """Collects the fragment links inside the error summary and the ids in the page."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.summary_links: list[str] = []
        self._in_summary = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if "error-summary" in (attrs.get("class") or ""):
            self._in_summary = 1
        elif self._in_summary and tag == "div":
            self._in_summary += 1
        if self._in_summary and tag == "a" and attrs.get("href", "").startswith("#"):
            self.summary_links.append(attrs["href"][1:])

    def handle_endtag(self, tag):
        if self._in_summary and tag == "div":
            self._in_summary -= 1


def _parse(html):
    parser = _Links()
    parser.feed(html)
    return parser


def test_login_page_has_labelled_fields(db, client):
    response = client.get(LOGIN_URL)
    html = response.content.decode()
    assert response.status_code == 200
    for name in ("username", "password"):
        assert f'<label for="id_{name}">' in html
        assert re.search(rf'<input[^>]*name="{name}"[^>]*id="id_{name}"', html)
    assert "error-summary" not in html


def test_empty_sign_in_lists_each_missing_field_linked_to_it(db, client):
    response = client.post(LOGIN_URL, {"username": "", "password": ""})
    assert response.status_code == 200
    page = _parse(response.content.decode())
    assert set(page.summary_links) == {"id_username", "id_password"}
    assert set(page.summary_links) <= page.ids


def test_each_field_error_is_announced_with_its_field(db, client):
    response = client.post(LOGIN_URL, {"username": "", "password": ""})
    html = response.content.decode()
    page = _parse(html)
    described_by = re.findall(r'aria-describedby="([^"]+)"', html)
    assert described_by
    for ids in described_by:
        assert set(ids.split()) <= page.ids, ids


def test_wrong_password_shows_an_error_summary_and_keeps_the_username(programme, client):
    response = client.post(LOGIN_URL, {"username": "member", "password": "not-the-password"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary" role="alert"' in html
    assert "There is a problem" in html
    assert "Please enter a correct username and password" in html
    assert re.search(r'<input[^>]*name="username"[^>]*value="member"', html)
    assert "_auth_user_id" not in client.session


def test_wrong_password_error_links_to_a_field(programme, client):
    response = client.post(LOGIN_URL, {"username": "member", "password": "not-the-password"})
    page = _parse(response.content.decode())
    assert page.summary_links
    assert set(page.summary_links) <= page.ids


def test_sign_in_returns_to_the_page_asked_for(programme, client):
    wanted = programme.pages["insight"].url
    redirect = client.get(wanted)
    assert redirect.status_code == 302
    login_page = client.get(redirect["Location"])
    assert f'name="next" value="{wanted}"' in login_page.content.decode()

    response = client.post(LOGIN_URL, {"username": "member", "password": PASSWORD, "next": wanted})
    assert response.status_code == 302
    assert response["Location"] == wanted
    assert "Start small with ISFs" in client.get(wanted).content.decode()


def test_sign_in_refuses_to_send_the_reader_off_site(programme, client):
    response = client.post(
        LOGIN_URL,
        {"username": "member", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == settings.LOGIN_REDIRECT_URL


def test_sign_out_is_a_post_and_ends_the_session(programme, client_for):
    client = client_for(programme.member)
    url = programme.pages["insight"].url
    assert client.get(url).status_code == 200
    assert 'action="/accounts/logout/"' in client.get("/").content.decode()

    assert client.get(reverse("logout")).status_code == 405
    assert client.get(url).status_code == 200  # a GET did not sign them out

    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get(url).status_code == 302


def test_password_reset_by_email_lets_the_member_choose_a_new_password(programme, client):
    response = client.post(reverse("password_reset"), {"email": "member@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["member@example.org"]
    assert "Practice Commons" in email.subject
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", email.body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert "Choose a new password" in form_page.content.decode()
    set_password_url = form_page.redirect_chain[-1][0]

    new_password = "a-much-longer-new-password-9"
    done = client.post(
        set_password_url, {"new_password1": new_password, "new_password2": new_password}
    )
    assert done.status_code == 302
    assert client.get(done["Location"]).status_code == 200

    assert not client.login(username="member", password=PASSWORD)
    response = client.post(LOGIN_URL, {"username": "member", "password": new_password})
    assert response.status_code == 302
    assert client.get(programme.section.url).status_code == 200

    client.logout()
    used_again = client.get(link, follow=True)
    assert "This link no longer works" in used_again.content.decode()


def test_password_reset_for_an_unknown_address_sends_nothing(db, client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_sessions_are_short_and_end_with_the_browser():
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True
