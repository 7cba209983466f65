"""Members-only addresses tell nobody outside what exists there.

An anonymous visitor is sent to sign in from any address under a community's section or
/documents/, there or not; a signed-in member of another community gets one refusal for what
exists and what does not. Otherwise a 404 would confirm guessed slugs and (id, file name) pairs.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

MISSING_DOCUMENT = "/documents/999999/isf-clause.txt"


def _page_addresses(p):
    return {
        "an existing page": p.pages["insight"].url,
        "no page": p.section.url + "no-such-page/",
        "no page, deeper": p.section.url + "no-such-page/nor-this/",
        "no page, no slash": p.section.url + "no-such-page",
        "no sub-route": p.section.url + "themes/no-such-theme/",
    }


def _document_addresses(p):
    return {
        "an existing private document": p.document.url,
        "no such document": MISSING_DOCUMENT,
        "a wrong file name": f"/documents/{p.document.pk}/wrong-name.txt",
    }


def _sign_in_redirect(response):
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    return location.path, parse_qs(location.query)["next"]


def _answer(response):
    """Status and body, without the sign-out form's CSRF token (masked anew for each page)."""
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
    return response.status_code, body


@pytest.mark.parametrize("addresses", [_page_addresses, _document_addresses])
def test_anonymous_visitor_is_sent_to_sign_in_whether_or_not_it_exists(
    programme, client_for, addresses
):
    client = client_for(None)
    for label, url in addresses(programme).items():
        assert _sign_in_redirect(client.get(url)) == ("/accounts/login/", [url]), label


def test_a_public_document_is_still_served_to_anyone(programme, client_for):
    document = get_document_model()(title="Open guide", collection=Collection.get_first_root_node())
    document.file.save("open-guide.txt", ContentFile(b"Anyone may read this."))
    document.save()
    response = client_for(None).get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Anyone may read this."


@pytest.mark.parametrize("addresses", [_page_addresses, _document_addresses])
def test_another_communitys_member_gets_one_answer_whether_or_not_it_exists(
    programme, client_for, addresses
):
    client = client_for(programme.outsider)
    answers = {label: _answer(client.get(url)) for label, url in addresses(programme).items()}
    assert {status for status, _ in answers.values()} == {403}, answers.keys()
    assert len({body for _, body in answers.values()}) == 1


def test_a_missing_page_in_a_members_own_section_is_not_found(programme, client_for):
    client = client_for(programme.outsider)
    assert client.get(programme.other_section.url + "no-such-page/").status_code == 404
    client = client_for(programme.member)
    assert client.get(programme.section.url + "no-such-page/").status_code == 404
    assert client.get(programme.section.url + "themes/no-such-theme/").status_code == 404


def test_an_address_holding_a_nul_byte_is_no_section_of_anyones(client, programme):
    """Found by tests/test_fuzz.py on PostgreSQL, which refuses a NUL in a query (500)."""
    client.raise_request_exception = False
    for path in ["/api/outputs/%00/", programme.section.url + "%00/", "/%00"]:
        assert client.get(path).status_code == 404, path
