"""The last line of defence (attribution/last_check.py) and the public page cache
(learning/public_cache.py), from outside: whatever names a participant in an anonymous
response, the reader gets a notice instead."""

import logging
from urllib.parse import quote_plus

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.http import FileResponse, HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import path
from wagtail.models import PageLogEntry

from attribution.gate import BLOCKED
from attribution.last_check import body_text, html_text, json_text, submitted, text_kind
from config.urls import urlpatterns as site_urlpatterns
from knowledge.models import AboutPage, HomePage
from members.models import CONVENERS, NamingConsent

from ..factories import MemberFactory

NAMING = "<p>Amina Okafor showed us her rota.</p>"
CLEAN = "<p>A member showed us her rota.</p>"
REFUSED = 503


# --- views that stand for templates, feeds and the API gone wrong --------------------------


def _page(body):
    return HttpResponse(
        f"<!DOCTYPE html><html><head><title>T</title></head><body>{body}</body></html>"
    )


def search_like(request):
    """Echoes the query only in the box and in its own links, as the public search must."""
    q = request.GET.get("q", "")
    return _page(
        f'<form role="search"><input name="q" value="{q}"></form><p>No results.</p>'
        f'<a href="?q={quote_plus(q)}&amp;page=2">Next</a>'
    )


def search_heading(request):
    return _page(f"<h1>Results for {request.GET.get('q', '')}</h1>")


def api_output(request):
    body = "<p>Amina Okafor showed us her rota.</p>" if request.GET.get("leak") else CLEAN
    return JsonResponse({"results": [{"title": "Rotas", "body": body}], "query": "rotas"})


def feed(request):
    leaked = "&lt;p&gt;Amina Okafor showed us&lt;/p&gt;"  # escaped HTML, as feeds carry it
    description = leaked if request.GET.get("leak") else "Rotas"
    return HttpResponse(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Learning</title>'
        f"<item><title>Rotas</title><description>{description}</description></item>"
        "</channel></rss>",
        content_type="application/rss+xml; charset=utf-8",
    )


def cdata_feed(request):
    return HttpResponse(
        '<?xml version="1.0"?><rss><channel><item><description><![CDATA[<p>Amina <b>Oka</b>for'
        "</p>]]></description></item></channel></rss>",
        content_type="application/xml",
    )


def download(request):
    return HttpResponse(
        b"%PDF-1.4",
        content_type="application/pdf",
        headers={"Content-Disposition": "attachment; filename*=UTF-8''Rota%20Amina%20Okafor.pdf"},
    )


def file_download(request):
    return FileResponse(
        ContentFile(b"rota", name="rota.txt"), as_attachment=True, filename="rota-amina-okafor.txt"
    )


def streamed(request):
    return StreamingHttpResponse(iter([b"Amina ", b"Okafor"]), content_type="text/plain")


# Markup a browser does not show, inside a name it shows whole.
SHOWN_WHOLE = [
    "Ami<!-- -->na Oka<!-- -->for",  # comments between letters
    "Ami<script></script>na Oka<style></style>for",  # an empty script and style
    "Ami<wbr>na Oka<wbr>for",  # line-break opportunities
    "Hello <? x > Amina Okafor, and later ?>",  # a bogus comment ends at its first ">"
]


def markup(request, case):
    return _page(f"<p>{SHOWN_WHOLE[int(case)] if case != 'clean' else 'A member'} spoke.</p>")


def with_cookie(request):
    response = _page("<p>Clean.</p>")
    response.set_cookie("seen", "1")
    return response


urlpatterns = [
    path("_test/search/", search_like),
    path("_test/search-heading/", search_heading),
    path("_test/api/", api_output),
    path("_test/feed/", feed),
    path("_test/cdata/", cdata_feed),
    path("_test/download/", download),
    path("_test/file/", file_download),
    path("_test/streamed/", streamed),
    path("_test/cookie/", with_cookie),
    path("_test/markup/<str:case>/", markup),
    *site_urlpatterns,
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@pytest.fixture(autouse=True)
def public_cache(settings):
    """The public cache switched on (whatever the test settings say), empty, and the hourly
    report throttle forgotten."""
    settings.CACHES = {
        **settings.CACHES,
        settings.PUBLIC_CACHE_ALIAS: {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "public-guard-tests",
        },
    }
    cache = caches[settings.PUBLIC_CACHE_ALIAS]
    cache.clear()
    caches["default"].clear()
    return cache


@pytest.fixture
def conveners(programme):
    programme.convener.user.groups.add(Group.objects.get(name=CONVENERS))
    return programme


def public_page(body=CLEAN, *, title="What we learned", consent_from=None):
    """A live public page; `consent_from` consents to be named in it before it is published."""
    page = HomePage.objects.get().add_child(instance=AboutPage(title=title, body=CLEAN, live=False))
    if consent_from is not None:
        NamingConsent.give(member=consent_from, output=page, by=None)
    page.body = body
    page.save_revision().publish()
    return AboutPage.objects.get(pk=page.pk)


def leak(page, body=NAMING):
    """Write a live page behind the gate's back, as a bug or a raw SQL edit might."""
    AboutPage.objects.filter(pk=page.pk).update(body=body)


# --- the last line of defence ----------------------------------------------------------------


def test_an_anonymous_page_that_names_a_member_is_refused_and_reported(
    conveners, client, mailoutbox, caplog, django_capture_on_commit_callbacks
):
    page = public_page()
    leak(page)
    mailoutbox.clear()

    with (
        caplog.at_level(logging.WARNING, logger="attribution.last_check"),
        django_capture_on_commit_callbacks(execute=True),
    ):  # the email waits for the commit
        response = client.get(page.url)

    assert response.status_code == REFUSED
    assert b"Amina" not in response.content and b"This page is being checked" in response.content
    assert "no-store" in response["Cache-Control"]
    entry = PageLogEntry.objects.get(page=page, action=BLOCKED)
    assert entry.data["path"] == "anonymous response"
    assert {"field": "response body", "kind": "person"} in entry.data["blocks"]
    assert entry.message.startswith(  # in the page's history and the non-attribution log
        "Refused to serve to a reader who is not signed in, by the last check: "
    )
    (email,) = mailoutbox
    assert conveners.convener.user.email in email.to and page.url in email.body
    assert "Amina" not in email.subject + email.body + str(entry.data) + caplog.text
    assert page.url in caplog.text

    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(page.url).status_code == REFUSED  # refused again, never cached...
    assert len(mailoutbox) == 1  # ...but reported once an hour
    assert PageLogEntry.objects.filter(page=page, action=BLOCKED).count() == 1


def test_a_signed_in_reader_is_served_the_page(programme, client_for):
    page = public_page()
    leak(page)
    response = client_for(programme.member).get(page.url)
    assert response.status_code == 200 and b"Amina Okafor" in response.content


def test_a_signed_in_readers_page_is_never_cached_for_anyone(programme, client):
    page = public_page()
    leak(page)
    client.force_login(programme.member.user)
    assert client.get(page.url).status_code == 200
    client.logout()
    assert client.get(page.url).status_code == REFUSED


def test_a_name_in_a_header_or_a_template_attribute_is_refused(programme, client):
    page = public_page()
    leak(page, '<p><img alt="Amina Okafor at the session" src="/x.png"></p>')
    assert client.get(page.url).status_code == REFUSED
    assert client.get("/_test/download/").status_code == REFUSED


def test_a_name_a_browser_shows_whole_is_refused_whatever_markup_is_inside_it(programme, client):
    """The response is read as a browser reads it (issue 17): the regular expressions before
    broke each of these names in two, or dropped it, and served the page."""
    for case in range(len(SHOWN_WHOLE)):
        assert client.get(f"/_test/markup/{case}/").status_code == REFUSED, SHOWN_WHOLE[case]
    assert client.get("/_test/markup/clean/").status_code == 200


def test_a_file_is_streamed_as_it_is_but_its_file_name_is_checked(programme, client):
    assert client.get("/_test/file/").status_code == REFUSED
    response = client.get("/_test/streamed/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Amina Okafor"


def test_json_and_xml_are_checked(programme, client):
    assert client.get("/_test/api/").status_code == 200
    assert client.get("/_test/api/?leak=1").status_code == REFUSED
    assert client.get("/_test/feed/").status_code == 200
    assert client.get("/_test/feed/?leak=1").status_code == REFUSED
    assert client.get("/_test/cdata/").status_code == REFUSED


def test_a_name_consented_for_a_live_page_may_appear_wherever_it_is_repeated(programme, client):
    page = public_page(NAMING, consent_from=programme.member)
    assert client.get(page.url).status_code == 200
    assert client.get("/_test/api/?leak=1").status_code == 200  # the API repeating that page


def test_the_searchers_own_query_is_not_a_disclosure(programme, client):
    response = client.get("/_test/search/", {"q": "Amina Okafor"})
    assert response.status_code == 200
    assert b'value="Amina Okafor"' in response.content


def test_the_query_in_the_pages_text_is_checked(programme, client):
    """Set aside only where it is an echo: else a search for a name hides it in the results."""
    assert client.get("/_test/search-heading/", {"q": "Amina Okafor"}).status_code == REFUSED


def test_sign_in_pages_pass(programme, client):
    assert client.get("/accounts/login/").status_code == 200
    assert client.get("/admin/login/").status_code == 200
    response = client.post("/accounts/login/", {"username": "Amina Okafor", "password": "x"})
    assert response.status_code == 200  # what they typed, shown back in the box


# --- the public cache -------------------------------------------------------------------------


def test_a_clean_page_is_served_from_the_cache(programme, client, django_assert_num_queries):
    page = public_page()
    first = client.get(page.url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get(page.url)
    assert second.status_code == 200 and second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_feeds_and_the_api_are_cached(programme, client, django_assert_num_queries):
    for url in ("/_test/api/", "/_test/feed/"):
        client.get(url)
        with django_assert_num_queries(0):
            assert client.get(url).status_code == 200


def test_what_is_personal_is_not_cached(programme, client, public_cache):
    client.get("/_test/cookie/")
    client.get("/_test/streamed/")
    client.get("/accounts/login/")
    client.get("/_test/download/")  # refused
    client.force_login(programme.member.user)
    client.get(public_page().url)
    stored = [key for key in public_cache._cache if ":public:" in key]
    assert not stored  # no response kept (the site's header links may be: they are no one's)


def test_a_signed_in_readers_pages_are_private_to_their_browser(programme, client):
    """A CDN or proxy must never keep a page made for a member: it shows their name and the
    output's members-only sources."""
    page = public_page()
    assert "private" not in client.get(page.url).get("Cache-Control", "")
    client.force_login(programme.member.user)
    assert "private" in client.get(page.url)["Cache-Control"]


def test_publishing_purges_the_cache(programme, client):
    page = public_page()
    assert b"showed us her rota" in client.get(page.url).content
    page.body = "<p>A member changed the rota.</p>"
    page.save_revision().publish()
    assert b"changed the rota" in client.get(page.url).content


def test_unpublishing_and_deleting_purge_the_cache(programme, client):
    page, other = public_page(), public_page(title="Other")
    client.get(page.url), client.get(other.url)
    page.unpublish()
    assert client.get(page.url).status_code == 404
    url = other.url
    other.delete()
    assert client.get(url).status_code == 404


def test_a_redaction_in_place_purges_the_cache(programme, client):
    page = public_page()
    client.get(page.url)
    page.body = "<p>Someone showed us a rota.</p>"
    page.save()
    assert b"Someone showed us a rota" in client.get(page.url).content


def test_withdrawing_consent_purges_the_cache(programme, client):
    page = public_page(NAMING, consent_from=programme.member)
    assert client.get("/_test/api/?leak=1").status_code == 200  # cached
    NamingConsent.objects.get(output=page).withdraw()
    assert client.get("/_test/api/?leak=1").status_code == REFUSED
    response = client.get(page.url)
    assert response.status_code == 404 and b"Amina" not in response.content  # taken down too


def test_a_new_member_purges_the_cache_and_their_name_is_refused(programme, client):
    page = public_page("<p>We visited Zainab Hussain in Leeds.</p>")
    assert client.get(page.url).status_code == 200  # cached, naming nobody we protect
    MemberFactory(display_name="Zainab Hussain")
    assert client.get(page.url).status_code == REFUSED


# --- what the check reads ---------------------------------------------------------------------


def test_the_text_of_html_is_what_a_reader_gets():
    text = html_text(
        '<html><head><title>Notes</title><meta name="description" content="By Kemi"><style>'
        'p::after{content:"Zed"}</style><script>var who = "Yusuf";</script><script '
        'type="application/ld+json">{"author": {"name": "Nadia"}}</script></head><body>'
        "<ul><li>Fatima</li><li>Noor</li></ul><p><b>Fa</b>tima</p><!-- Olu -->"
        '<img alt="Photo of Priya" src="/p.png"><a href="https://example.org/in/joe" '
        'title="Joe&#x27;s page">link</a></body></html>'
    )
    for word in (
        "Notes",
        "By Kemi",
        "Nadia",
        "Fatima\n",
        "Noor",
        "Fatima",
        "Olu",
        "Photo of Priya",
        "https://example.org/in/joe",
        "Joe's page",
    ):
        assert word in text
    assert "Zed" not in text and "Yusuf" not in text and "FatimaNoor" not in text


def test_echoes_are_set_aside_and_nothing_else(rf):
    request = rf.get("/search/", {"q": "Amina  Okafor"})
    echoes = submitted(request)
    text = html_text(
        '<input name="q" value="Amina Okafor"><textarea>amina okafor</textarea>'
        '<a href="/search/?q=Amina+Okafor&amp;page=2">Next</a><p>Amina Okafor</p>',
        echoes,
    )
    assert text.count("Amina Okafor") == 1  # the paragraph, not the box, the textarea or link
    assert "/search/?page=2" in text
    data = json_text('{"query": "Amina Okafor", "title": "Amina Okafor"}', echoes)
    assert data.count("Amina Okafor") == 1


def test_a_feed_that_is_not_well_formed_xml_is_still_read():
    text = body_text(
        b"<rss><item><title>Amina Okafor</title></rss>", "application/rss+xml", "utf-8"
    )
    assert "Amina Okafor" in text


def test_which_responses_are_read_as_text():
    assert [
        text_kind(t)
        for t in (
            "text/html; charset=utf-8",
            "application/rss+xml",
            "application/atom+xml",
            "application/ld+json",
            "text/plain",
            "text/csv",
            "text/css",
            "image/png",
        )
    ] == ["html", "xml", "xml", "json", "text", "text", None, None]
    assert body_text(b"\x89PNG", "image/png", "utf-8") is None


# --- a CDN in front (learning/cdn.py) --------------------------------------------------------


@pytest.fixture
def cdn_purged(settings, monkeypatch):
    """A CDN configured, its purges recorded instead of sent."""
    from wagtail.contrib.frontend_cache.backends import HTTPBackend

    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://cdn.invalid",
        }
    }
    purged = []
    monkeypatch.setattr(HTTPBackend, "purge", lambda self, url: purged.append(url))
    monkeypatch.setattr(HTTPBackend, "purge_batch", lambda self, urls: purged.extend(urls))
    return purged


def test_a_cdn_may_keep_only_checked_anonymous_responses(programme, client, cdn_purged):
    page = public_page()
    assert "s-maxage=" in client.get(page.url)["Cache-Control"]
    client.force_login(programme.member.user)
    assert "s-maxage" not in client.get(page.url)["Cache-Control"]


def test_without_a_cdn_responses_say_nothing_about_sharing(programme, client):
    assert "Cache-Control" not in client.get(public_page().url)


def test_a_cdn_is_purged_of_every_public_address_on_publish(
    programme, client, cdn_purged, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # as if each change committed
        page = public_page()
        cdn_purged.clear()
        page.body = "<p>Someone showed us a rota.</p>"
        page.save_revision().publish()
    for address in (page.url, "/", "/sitemap.xml", "/robots.txt", "/api/outputs/"):
        assert f"http://localhost{address}" in cdn_purged
    assert len(cdn_purged) == len(set(cdn_purged))  # each address once
    assert not [url for url in cdn_purged if programme.section.url in url]  # members-only


def test_a_page_made_private_leaves_the_cdn(
    programme, client, cdn_purged, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    with django_capture_on_commit_callbacks(execute=True):
        page = public_page()
        cdn_purged.clear()
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert f"http://localhost{page.url}" in cdn_purged


def test_the_old_address_of_a_moved_page_leaves_the_cdn(
    programme, client, cdn_purged, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = public_page()
        old_url = f"http://localhost{page.url}"
        cdn_purged.clear()
        page.move(programme.section, pos="last-child")
    assert old_url in cdn_purged
