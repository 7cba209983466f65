"""Who may open a community's members-only URLs: its members and conveners, and nobody else."""

from urllib.parse import parse_qs, urlsplit

import pytest

from themes.models import Theme

from ..factories import MemberFactory, tagged_insights

FORBIDDEN_TEXT = "This page is for another community"


def _paginated_theme_page(p):
    tagged_insights(p.section, Theme.objects.get(slug="isfs"), 21)
    return p.section.url + "themes/isfs/?page=2"


# Each members-only URL, and a text that shows its content was served.
MEMBERS_ONLY_URLS = {
    "section home": (lambda p: p.section.url, "Latest activity"),
    "insight": (lambda p: p.pages["insight"].url, "Start small with ISFs"),
    "challenge thread": (lambda p: p.pages["thread"].url, "Paying for outcomes"),
    "session note": (lambda p: p.pages["session"].url, "Session 3: ISFs"),
    "shared tool": (lambda p: p.pages["tool"].url, "ISF contract clause"),
    "case study": (lambda p: p.pages["case_study"].url, "A co-op in a rural county"),
    "members' directory": (lambda p: p.section.url + "members/", "Amina Okafor"),
    "theme page": (lambda p: p.section.url + "themes/isfs/", "Start small with ISFs"),
    "theme page 2": (_paginated_theme_page, "Page 2 of 2"),
    "document": (lambda p: p.document.url, "Clause 4.2"),
}
URL_IDS = list(MEMBERS_ONLY_URLS)


def _body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.mark.parametrize("which", URL_IDS)
def test_anonymous_reader_is_sent_to_sign_in_and_back(programme, client_for, which):
    url = MEMBERS_ONLY_URLS[which][0](programme)
    response = client_for(None).get(url)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == "/accounts/login/"
    assert parse_qs(location.query)["next"] == [url]


@pytest.mark.parametrize("which", URL_IDS)
def test_member_of_another_community_is_refused_not_sent_to_sign_in(programme, client_for, which):
    """Sending a signed-in outsider to the login page would loop; they get a plain 403."""
    url, content = MEMBERS_ONLY_URLS[which]
    url = url(programme)
    response = client_for(programme.outsider).get(url)
    assert response.status_code == 403
    body = _body(response)
    assert FORBIDDEN_TEXT in body
    assert content not in body


@pytest.mark.parametrize("persona", ["member", "convener"])
@pytest.mark.parametrize("which", URL_IDS)
def test_member_and_convener_read_every_members_only_url(programme, client_for, which, persona):
    url, content = MEMBERS_ONLY_URLS[which]
    url = url(programme)
    response = client_for(getattr(programme, persona)).get(url)
    assert response.status_code == 200
    assert content in _body(response)


def test_signed_in_account_in_no_community_is_refused(programme, client_for):
    loner = MemberFactory(display_name="Nobody Yet")
    response = client_for(loner).get(programme.pages["insight"].url)
    assert response.status_code == 403
    assert FORBIDDEN_TEXT in response.content.decode()


def test_superuser_reads_every_community(programme, admin_client):
    for section in (programme.section, programme.other_section):
        assert admin_client.get(section.url).status_code == 200
    assert admin_client.get(programme.document.url).status_code == 200


@pytest.mark.parametrize("url", ["/", "/about/"])
def test_public_pages_are_open_and_name_no_section_or_knowledge(programme, client_for, url):
    response = client_for(None).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for name in (programme.community.name, programme.other_community.name):
        assert name not in html
    for page in programme.pages.values():
        assert page.title not in html
    assert programme.section.url not in html
