"""A request that says it is bigger than the site accepts is refused before its body is read
(config/upload_limit.py): the member is told why and what to do, and nothing is saved."""

import io

import pytest

from knowledge.models import SharedTool

MB = 1024 * 1024


class UnreadBody(io.BytesIO):
    """A request body that remembers whether anyone read it."""

    read_from = False

    def read(self, *args):
        self.read_from = True
        return super().read(*args)

    readline = read


@pytest.fixture
def oversized(settings):
    settings.MAX_REQUEST_BYTES = 50 * MB
    body = UnreadBody(b'--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nPlan\r\n--x--')

    def post(client, url, **headers):
        return client.generic(
            "POST",
            url,
            b"",
            content_type="multipart/form-data; boundary=x",
            CONTENT_LENGTH=str(60 * MB),
            **{"wsgi.input": body},
            **headers,
        )

    post.body = body
    return post


def test_a_60_mb_upload_is_refused_unread_with_a_page_saying_why(programme, client_for, oversized):
    tools_before = SharedTool.objects.count()
    response = oversized(
        client_for(programme.member),
        programme.section.url + "tools/new/",
        HTTP_ACCEPT="text/html,application/xhtml+xml",
    )
    assert response.status_code == 413
    text = response.content.decode()
    assert "60 MB" in text and "50 MB" in text and "Nothing was sent or saved" in text
    assert "no-store" in response["Cache-Control"]
    assert not oversized.body.read_from
    assert SharedTool.objects.count() == tools_before


def test_a_client_that_is_not_a_browser_gets_one_line_of_text(programme, client, oversized):
    response = oversized(client, "/api/outputs/", HTTP_ACCEPT="application/json")
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode() == (
        "This request is 60 MB: the most one request may send is 50 MB.\n"
    )


def test_a_request_within_the_limit_reaches_the_form(programme, client_for, settings):
    settings.MAX_REQUEST_BYTES = 50 * MB
    response = client_for(programme.member).post(
        programme.section.url + "tools/new/", {"title": "Plan"}
    )
    assert response.status_code == 200  # the form again, with what is missing
    assert b"Choose at least one file." in response.content
