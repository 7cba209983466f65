"""Feeds, sitemap, robots.txt, page metadata and the JSON API (learning/syndication.py): the
public side as machines read it, holding only live public outputs and pages, naming nobody."""

import json
import re

import pytest
from defusedxml import ElementTree as ET
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction

from knowledge.models import AboutPage
from learning import syndication
from learning.models import LearningHubPage, PublicOutputPage
from learning.public_cache import public_cache_clear
from themes.models import Theme

ISFS = "Individual service funds (ISFs)"
GOVERNANCE = "Governance"
ATOM = "{http://www.w3.org/2005/Atom}"
OUTPUT_FIELDS = {
    "id", "title", "url", "summary", "body", "kind", "themes", "licence", "first_published_at",
    "files",
}  # fmt: skip


def add_output(hub, title, *, themes=(ISFS,), publish=True, document=None, **fields):
    """An output under the hub, its themes (and file) saved in the published revision."""
    fields.setdefault("summary", f"What commissioners learned: {title.lower()}.")
    fields.setdefault("body", "<p>Start with one provider and one ward.</p>")
    output = hub.add_child(instance=PublicOutputPage(title=title, live=False, **fields))
    output.themes.add(*themes)
    if document is not None:
        output.files.create(document=document)
    revision = output.save_revision()
    if publish:
        revision.publish()
    return PublicOutputPage.objects.get(pk=output.pk)


def make_document(title="Outcome contract template"):
    document = get_document_model()(title=title)
    document.file.save("outcome-contract.txt", ContentFile(b"Clause 1: outcomes first."))
    document.save()
    return document


@pytest.fixture
def outputs(hub):
    """Three live outputs, oldest first, and a draft."""
    document = make_document()
    first = add_output(hub, "Paying for what matters", document=document)
    second = add_output(hub, "Boards that share power", themes=(GOVERNANCE,))
    third = add_output(hub, "ISFs in a rural county", themes=(ISFS, GOVERNANCE))
    draft = add_output(hub, "Not ready yet", publish=False)
    return {"first": first, "second": second, "third": third, "draft": draft}


def _xml(response):
    assert response.status_code == 200
    return ET.fromstring(response.content)


# Feeds -------------------------------------------------------------------------------------


def test_the_feeds_follow_the_hubs_address(client, hub, outputs):
    """They were fixed at /learning/feed/: a hub at another address offered feeds that 404ed."""
    hub.slug = "what-we-learned"
    hub.save_revision().publish()
    public_cache_clear()

    rss = _xml(client.get("/what-we-learned/feed/")).find("channel")
    assert rss.findtext("title").endswith(hub.title) and rss.findall("item")
    atom = client.get("/what-we-learned/themes/isfs/feed/atom/")
    assert atom.status_code == 200 and atom["Content-Type"].startswith("application/atom+xml")
    assert client.get("/learning/feed/").status_code == 404
    page = client.get("/what-we-learned/").content.decode()
    assert 'href="/what-we-learned/feed/"' in page and 'href="/learning/feed/"' not in page


def test_rss_lists_live_public_outputs_newest_first_with_no_author(client, outputs):
    response = client.get("/learning/feed/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = _xml(response).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        "ISFs in a rural county",
        "Boards that share power",
        "Paying for what matters",
    ]
    newest = items[0]
    assert newest.findtext("link") == outputs["third"].get_full_url()
    assert newest.findtext("link").startswith("http")
    assert newest.findtext("description") == outputs["third"].summary
    assert newest.findtext("pubDate")
    assert [c.text for c in newest.findall("category")] == [ISFS, GOVERNANCE]
    assert channel.findtext("link").startswith("http")
    body = response.content.decode()
    for element in ("<author", "<dc:creator", "managingEditor", "webMaster"):
        assert element not in body


def test_atom_feed_names_only_the_convener_and_no_entry_author(client, outputs):
    feed = _xml(client.get("/learning/feed/atom/"))
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries][0] == "ISFs in a rural county"
    assert len(entries) == 3
    assert all(e.find(f"{ATOM}author") is None for e in entries)
    assert [a.findtext(f"{ATOM}name") for a in feed.findall(f"{ATOM}author")] == ["The convener"]
    assert entries[0].find(f"{ATOM}link").get("href") == outputs["third"].get_full_url()


def test_theme_feeds_hold_only_that_themes_outputs(client, outputs):
    rss = _xml(client.get("/learning/themes/governance/feed/"))
    titles = [item.findtext("title") for item in rss.find("channel").findall("item")]
    assert titles == ["ISFs in a rural county", "Boards that share power"]
    assert rss.find("channel").findtext("link").endswith("/learning/themes/governance/")
    atom = _xml(client.get("/learning/themes/isfs/feed/atom/"))
    titles = [e.findtext(f"{ATOM}title") for e in atom.findall(f"{ATOM}entry")]
    assert titles == ["ISFs in a rural county", "Paying for what matters"]


def test_unknown_theme_feed_is_not_found(client, outputs):
    assert client.get("/learning/themes/no-such-theme/feed/").status_code == 404
    assert client.get("/learning/themes/no-such-theme/feed/atom/").status_code == 404


def test_feeds_leave_out_drafts_and_stop_at_the_limit(client, hub, outputs, monkeypatch):
    body = client.get("/learning/feed/").content.decode()
    assert "Not ready yet" not in body
    monkeypatch.setattr(syndication, "FEED_ITEMS", 2)
    public_cache_clear()  # the first feed was cached
    assert len(_xml(client.get("/learning/feed/")).find("channel").findall("item")) == 2


def test_feeds_are_read_only(client, outputs):
    assert client.post("/learning/feed/").status_code == 405
    assert client.head("/learning/feed/atom/").status_code == 200


def test_no_feed_while_the_hub_is_not_public(client, hub, outputs):
    PageViewRestriction.objects.create(page=hub, restriction_type=PageViewRestriction.LOGIN)
    feed = client.get("/learning/feed/")  # the hub's own route: it asks for a sign-in, as the hub
    assert feed.status_code == 302 and feed["Location"].startswith("/accounts/login/")
    assert client.get("/learning/").status_code == 302
    assert client.get("/api/outputs/").json()["count"] == 0
    assert client.get(f"/api/outputs/{outputs['first'].pk}/").status_code == 404


# Sitemap and robots.txt --------------------------------------------------------------------


def _sitemap_locations(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response["Content-Type"].startswith("application/xml")
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    return [url.findtext(f"{ns}loc") for url in _xml(response).findall(f"{ns}url")]


def test_sitemap_lists_public_pages_and_theme_pages_only(client, programme, hub, outputs):
    about = AboutPage.objects.get()  # made with the home page (knowledge/migrations/0004)
    locations = _sitemap_locations(client)
    expected = [
        programme.home.get_full_url(),
        hub.get_full_url(),
        about.get_full_url(),
        outputs["first"].get_full_url(),
        outputs["second"].get_full_url(),
        outputs["third"].get_full_url(),
        f"{hub.get_full_url()}themes/isfs/",
        f"{hub.get_full_url()}themes/governance/",
    ]
    assert sorted(locations) == sorted(expected)
    assert outputs["draft"].get_full_url() not in locations
    section_path = programme.section.url
    assert not [location for location in locations if section_path in location]
    assert programme.other_section.url not in "".join(locations)


def test_robots_txt_keeps_crawlers_out_of_sign_in_and_admin(client, programme):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    for path in ("/admin/", "/accounts/", "/account/"):
        assert f"Disallow: {path}\n" in text
    assert re.search(r"^Sitemap: https?://\S+/sitemap\.xml$", text, re.MULTILINE)
    assert programme.section.slug not in text


# Page metadata -----------------------------------------------------------------------------


def _json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


def _render_meta(page, **context):
    request = RequestFactory().get(page.url)
    return render_to_string("components/meta.html", {"page": page, "request": request, **context})


@pytest.mark.parametrize(
    ("which", "kind"),
    [
        ("home", "WebSite"),
        ("about", "AboutPage"),
        ("hub", "CollectionPage"),
        ("theme", "CollectionPage"),
        ("output", "Article"),
    ],
)
def test_public_pages_carry_open_graph_and_json_ld(client, outputs, which, kind):
    """As served to anyone (so through the check on anonymous responses too)."""
    hub = LearningHubPage.objects.get()
    url = {
        "home": "/",
        "about": AboutPage.objects.get().url,
        "hub": hub.url,
        "theme": f"{hub.url}themes/isfs/",
        "output": outputs["third"].url,
    }[which]
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<meta property="og:title" content="[^"]+">', html)
    assert re.search(r'<meta property="og:url" content="http://[^"]+">', html)
    assert ('<meta property="og:type" content="article">' in html) == (which == "output")
    data = _json_ld(html)
    assert data["@type"] == kind
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == "Practice Commons"
    assert "author" not in data


def test_output_metadata_is_an_article_published_by_the_programme(outputs):
    output = outputs["third"]
    html = _render_meta(output)
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:description" content="{output.summary}">' in html
    assert f'<meta property="og:url" content="{output.get_full_url()}">' in html
    assert '<meta property="article:tag" content="Governance">' in html
    assert 'type="application/rss+xml"' in html
    data = _json_ld(html)
    assert data["@type"] == "Article"
    assert data["headline"] == output.title
    assert data["description"] == output.summary
    assert data["license"] == "https://creativecommons.org/licenses/by-nc-sa/4.0/"
    assert sorted(data["keywords"]) == sorted([ISFS, GOVERNANCE])
    assert data["datePublished"].startswith(str(output.first_published_at.year))
    assert data["publisher"]["name"] == "Practice Commons"
    assert "author" not in data and "creator" not in data


def test_theme_page_metadata_describes_the_theme(hub, outputs):
    theme = Theme.objects.get(slug="isfs")
    html = _render_meta(hub, theme=theme)
    assert f'content="{hub.get_full_url()}themes/isfs/"' in html
    assert 'href="/learning/themes/isfs/feed/"' in html
    assert _json_ld(html)["@type"] == "CollectionPage"


def test_json_ld_cannot_close_its_script_element(hub):
    output = add_output(hub, "Scripts", summary='Beware </script><script>alert("x")</script> & co')
    html = _render_meta(output)
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert "<" not in script.group(1) and "&" not in script.group(1)
    assert _json_ld(html)["description"].startswith("Beware </script>")


def test_no_metadata_on_members_only_pages_even_for_members(client_for, programme):
    client = client_for(programme.member)
    for page in (programme.section, programme.pages["insight"]):
        response = client.get(page.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "og:" not in html and "application/ld+json" not in html
        assert syndication.page_meta(page, RequestFactory().get("/")) is None


def test_no_metadata_for_a_draft(outputs):
    assert syndication.page_meta(outputs["draft"], RequestFactory().get("/")) is None


# JSON API ----------------------------------------------------------------------------------


def test_api_lists_public_outputs_with_only_the_public_fields(client, outputs):
    data = client.get("/api/outputs/").json()
    assert data["count"] == 3 and data["next"] is None and data["previous"] is None
    assert [o["title"] for o in data["results"]] == [
        "ISFs in a rural county",
        "Boards that share power",
        "Paying for what matters",
    ]
    for result in data["results"]:
        assert set(result) == OUTPUT_FIELDS
    first = data["results"][2]
    assert first["url"] == outputs["first"].get_full_url()
    assert first["themes"] == [{"name": ISFS, "slug": "isfs"}]
    assert first["kind"] == "insight" and first["licence"] == "CC-BY-NC-SA-4.0"
    assert first["body"] == "<p>Start with one provider and one ward.</p>"
    [file] = first["files"]
    assert file["title"] == "Outcome contract template"
    assert re.fullmatch(r"http://\S+/documents/\d+/outcome-contract\w*\.txt", file["url"])


def test_api_output_detail_and_not_found(client, programme, outputs):
    output = outputs["second"]
    data = client.get(f"/api/outputs/{output.pk}/").json()
    assert set(data) == OUTPUT_FIELDS
    assert data["id"] == output.pk
    assert data["themes"] == [{"name": GOVERNANCE, "slug": "governance"}]
    for pk in (outputs["draft"].pk, programme.pages["insight"].pk, programme.section.pk, 999999):
        assert client.get(f"/api/outputs/{pk}/").status_code == 404


def test_api_never_shows_sources_even_to_the_convener(client_for, programme, hub):
    output = add_output(hub, "From a session", sources=[programme.pages["insight"]])
    assert output.sources.exists()
    anonymous = Client()
    convener = client_for(programme.convener)
    for url in ("/api/outputs/", f"/api/outputs/{output.pk}/", "/api/themes/"):
        assert convener.get(url).content == anonymous.get(url).content
    assert "sources" not in convener.get(f"/api/outputs/{output.pk}/").json()
    for url in (f"/api/outputs/{programme.pages['insight'].pk}/",):
        assert convener.get(url).status_code == 404


def test_api_filters_by_theme(client, outputs):
    titles = [o["title"] for o in client.get("/api/outputs/?theme=governance").json()["results"]]
    assert titles == ["ISFs in a rural county", "Boards that share power"]
    assert client.get("/api/outputs/?theme=digital").json()["count"] == 0
    assert client.get("/api/outputs/?theme=nonsense").status_code == 404


def test_api_pages_through_outputs(client, hub, monkeypatch):
    for number in range(3):
        add_output(hub, f"Output {number}")
    monkeypatch.setattr(syndication, "API_PAGE_SIZE", 2)
    first = client.get("/api/outputs/").json()
    assert first["count"] == 3 and len(first["results"]) == 2
    assert first["next"].startswith("http") and first["next"].endswith("/api/outputs/?page=2")
    second = client.get(first["next"]).json()
    assert [o["title"] for o in second["results"]] == ["Output 0"]
    assert second["previous"].endswith("?page=1") and second["next"] is None
    assert client.get("/api/outputs/?page=3").status_code == 404
    assert client.get("/api/outputs/?page=x").status_code == 404


def test_api_themes_count_public_outputs(client, outputs):
    counts = {t["slug"]: t["output_count"] for t in client.get("/api/themes/").json()["results"]}
    assert counts["isfs"] == 2 and counts["governance"] == 2 and counts["digital"] == 0
    assert len(counts) == Theme.objects.count()
    assert set(client.get("/api/themes/").json()["results"][0]) == {"name", "slug", "output_count"}


def test_api_is_read_only(client, outputs):
    for url in ("/api/outputs/", f"/api/outputs/{outputs['first'].pk}/", "/api/themes/"):
        assert client.post(url).status_code == 405
        assert client.delete(url).status_code == 405
        assert client.head(url).status_code == 200


# Query counts ------------------------------------------------------------------------------


def _queries(client, url) -> int:
    """Warm queries for `url`; signed in, so that no cache of public responses answers."""
    cache.clear()
    client.get(url)  # cold caches, then measured warm
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_outputs(client_for, programme, hub):
    """Each output has two themes, a file and a document link: 3 of them cost what 30 do."""
    client = client_for(programme.convener)
    document = make_document()
    body = f'<p>See <a linktype="document" id="{document.pk}">the template</a>.</p>'
    urls = [
        "/api/outputs/",
        "/api/themes/",
        "/learning/feed/",
        "/learning/feed/atom/",
        "/learning/themes/isfs/feed/",
        "/sitemap.xml",
    ]

    def grow(count, start):
        for number in range(start, start + count):
            add_output(
                hub, f"Output {number}", themes=(ISFS, GOVERNANCE), document=document, body=body
            )

    grow(3, start=0)
    few = {url: _queries(client, url) for url in urls}
    grow(27, start=3)
    many = {url: _queries(client, url) for url in urls}
    assert few == many
    results = client.get("/api/outputs/").json()["results"]
    assert len(results) == syndication.API_PAGE_SIZE
    assert '<a href="/documents/' in results[0]["body"]


def test_restricted_pages_are_not_public_outputs(client, programme, hub, outputs):
    """A page under a view restriction never reaches a feed, the sitemap or the API."""
    assert not Page.objects.filter(pk=programme.pages["insight"].pk).public().exists()
    for url in ("/learning/feed/", "/sitemap.xml", "/api/outputs/"):
        body = client.get(url).content.decode()
        for page in programme.pages.values():
            assert page.title not in body
