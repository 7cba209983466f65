"""The public learning pages as the wider sector reads them: the hub, a page per theme and each
output, signed out. They show what was learned and when, never who: no author, owner, editor or
members-only source."""

import datetime
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.models import Collection

from demo.build import bulk_add_child_pages
from knowledge.models import HomePage
from learning.models import LearningHubPage, PublicOutputPage, ThemedOutput
from themes.models import Theme

ISFS = "Individual service funds (ISFs)"
GOVERNANCE = "Governance"
DAY = datetime.timedelta(days=1)
NOW = datetime.datetime(2026, 6, 1, 10, tzinfo=datetime.UTC)


@pytest.fixture
def convener(db):
    return get_user_model().objects.create_user(
        username="convener.quill", first_name="Persephone", last_name="Quill"
    )


def publish_output(
    hub, title, *, themes=(ISFS,), owner=None, publish=True, sources=(), document=None, **fields
):
    """An output under the hub, published through the gate like a convener would."""
    fields.setdefault("summary", f"What members learned about {title.lower()}.")
    fields.setdefault("body", "<p>Start with one provider and one ward.</p>")
    output = hub.add_child(
        instance=PublicOutputPage(title=title, owner=owner, live=False, **fields)
    )
    output.themes.add(*themes)
    if sources:
        output.sources.add(*sources)
    if document is not None:
        output.files.create(document=document)
    revision = output.save_revision(user=owner)
    if publish:
        revision.publish()
    return PublicOutputPage.objects.get(pk=output.pk)


def bulk_outputs(hub, count, *, start=0, themes=(ISFS, GOVERNANCE)):
    """`count` live outputs at once (for volume), each a day newer than the last."""
    tags = [Theme.objects.get(name=name) for name in themes]
    pages = [
        PublicOutputPage(
            title=f"Output {start + n}",
            slug=f"output-{start + n}",
            summary=f"Learning point {start + n}.",
            first_published_at=NOW + (start + n) * DAY,
            themed_items=[ThemedOutput(tag=tag) for tag in tags],
        )
        for n in range(count)
    ]
    return bulk_add_child_pages(LearningHubPage.objects.get(pk=hub.pk), pages)


def public_document(title="ISF ledger template", name="isf-ledger.csv"):
    """A document in a collection anyone may read from."""
    document = get_document_model()(title=title, collection=Collection.get_first_root_node())
    document.file.save(name, ContentFile(b"date,activity,planned,spent\n"))
    document.save()
    return document


def html_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def executable_scripts(html):
    """<script> elements other than data (JSON-LD metadata is data, not JavaScript)."""
    return re.findall(r"<script\b(?![^>]*application/(?:ld\+)?json)[^>]*>", html)


def cards(html):
    return re.findall(r'<h3 class="card__title"><a href="([^"]+)">([^<]+)</a>', html)


# The hub ------------------------------------------------------------------------------------


def test_anonymous_reads_the_hub_newest_first_with_theme_counts_and_feeds(hub, client):
    older = publish_output(hub, "Boards that share power", themes=(GOVERNANCE,))
    newer = publish_output(hub, "Tolerances in ISF contracts", themes=(ISFS, GOVERNANCE))
    PublicOutputPage.objects.filter(pk=older.pk).update(first_published_at=NOW - DAY)
    publish_output(hub, "Not ready yet", publish=False)

    html = html_of(client, "/learning/")
    assert "<h1>Learning</h1>" in html
    assert "What we learned." in html
    assert [title for _, title in cards(html)] == [newer.title, older.title]  # no draft
    assert "Not ready yet" not in html
    assert re.search(
        r'href="/learning/themes/governance/">Governance</a>\s*'
        r'<span class="meta">\(2\)</span>',
        html,
    )
    assert re.search(
        r'href="/learning/themes/isfs/">Individual service funds \(ISFs\)</a>\s*'
        r'<span class="meta">\(1\)</span>',
        html,
    )
    assert 'href="/learning/feed/"' in html and 'href="/learning/feed/atom/"' in html
    assert executable_scripts(html) == []  # public pages need no JavaScript


def test_the_hub_shows_twenty_outputs_a_page(hub, client):
    bulk_outputs(hub, 25)
    first = html_of(client, "/learning/")
    assert len(cards(first)) == 20
    assert cards(first)[0][1] == "Output 24"
    assert "Page 1 of 2" in first and 'href="?page=2"' in first
    second = html_of(client, "/learning/?page=2")
    assert [title for _, title in cards(second)] == [f"Output {n}" for n in range(4, -1, -1)]


def test_the_home_page_leads_to_the_latest_learning(hub, client):
    bulk_outputs(hub, 5)
    html = html_of(client, "/")
    assert [title for _, title in cards(html)] == ["Output 4", "Output 3", "Output 2"]
    assert 'href="/learning/"' in html


def test_without_a_live_hub_the_home_page_shows_no_learning(db, client):
    html = html_of(client, "/")
    assert "What the programme has learned" not in html


# Theme pages --------------------------------------------------------------------------------


def test_a_theme_page_lists_its_live_outputs_newest_first(hub, client):
    isf = publish_output(hub, "Tolerances in ISF contracts", themes=(ISFS,))
    both = publish_output(hub, "ISFs and boards", themes=(ISFS, GOVERNANCE))
    PublicOutputPage.objects.filter(pk=isf.pk).update(first_published_at=NOW - DAY)
    publish_output(hub, "Boards that share power", themes=(GOVERNANCE,))
    publish_output(hub, "A draft on ISFs", themes=(ISFS,), publish=False)

    html = html_of(client, "/learning/themes/isfs/")
    assert "<h1>Individual service funds (ISFs)</h1>" in html
    assert "held by a provider" in html  # the theme's description
    assert [title for _, title in cards(html)] == [both.title, isf.title]
    assert "2 outputs on this theme" in html
    assert 'href="/learning/themes/isfs/feed/"' in html
    assert '<a href="/learning/">Learning</a>' in html  # breadcrumb


def test_a_theme_with_nothing_published_says_so(hub, client):
    publish_output(hub, "Tolerances in ISF contracts", themes=(ISFS,))
    html = html_of(client, "/learning/themes/digital/")
    assert "<h1>Digital</h1>" in html
    assert "Nothing published on this theme yet" in html
    assert cards(html) == []


def test_an_unknown_theme_is_not_found(hub, client):
    html_of(client, "/learning/themes/no-such-theme/", status=404)


def test_an_output_may_not_take_the_address_of_a_hub_route(hub):
    for slug in ("themes", "feed"):
        with pytest.raises(ValidationError) as refused:
            hub.add_child(instance=PublicOutputPage(title="On themes", slug=slug, summary="S."))
        assert "slug" in refused.value.message_dict


# The output page ----------------------------------------------------------------------------


def test_an_output_shows_what_was_learned_and_when_never_who(hub, client, convener, programme):
    document = public_document()
    output = publish_output(
        hub,
        "Tolerances in ISF contracts",
        themes=(ISFS, GOVERNANCE),
        owner=convener,
        kind=PublicOutputPage.Kind.SHARED_TOOL,
        summary="Write the tolerance into the contract.",
        body='<h2>What to do</h2><p>See <a href="https://example.org/guide">the guide</a>.</p>',
        licence="CC-BY-4.0",
        document=document,
        sources=[programme.pages["insight"], programme.pages["tool"]],
    )
    PublicOutputPage.objects.filter(pk=output.pk).update(first_published_at=NOW)

    html = html_of(client, output.url)
    assert '<p class="kicker">Shared tool</p>' in html
    assert "<h1>Tolerances in ISF contracts</h1>" in html
    assert "Write the tolerance into the contract." in html
    assert "<h2>What to do</h2>" in html and 'href="https://example.org/guide"' in html
    assert re.search(
        r'Published by the convener on <time datetime="2026-06-01">'
        r"1 June 2026</time>",
        html,
    )
    assert 'href="/learning/themes/isfs/"' in html
    assert 'href="/learning/themes/governance/"' in html
    # The file, its licence linked to the licence's deed.
    assert f'href="{document.url}"' in html and "ISF ledger template" in html
    assert html.count('href="https://creativecommons.org/licenses/by/4.0/" rel="license"') == 2
    assert "CC BY 4.0" in html
    # Never who: no owner, editor or revision history.
    for who in ("convener.quill", "Persephone", "Quill", "last edited", "Last updated", "revision"):
        assert who not in html, who
    # Never the members-only sources, for a reader signed out.
    for source in (programme.pages["insight"], programme.pages["tool"]):
        assert source.url not in html
        assert source.title not in html
    assert programme.section.url not in html


def test_the_files_of_an_output_download_under_its_licence(hub, client):
    document = public_document()
    output = publish_output(hub, "An ISF ledger", document=document)
    assert output.licence == settings.PUBLIC_OUTPUT_LICENCE
    html = html_of(client, output.url)
    assert 'href="https://creativecommons.org/licenses/by-nc-sa/4.0/" rel="license"' in html
    assert "(CSV)" in html
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"date,activity")


def test_a_draft_output_is_not_served(hub, client):
    draft = publish_output(hub, "Not ready yet", publish=False)
    html_of(client, f"/learning/{draft.slug}/", status=404)


def test_the_about_page_is_public(db, client):
    html = html_of(client, "/about/")
    assert "<h1>About Practice Commons</h1>" in html
    assert '<main id="main"' in html and "Skip to main content" in html


def test_every_page_links_to_the_public_information_pages(db, client, programme):
    """The header shows the pages marked "Show in menus"; the footer lists every public page
    under the home page. Drafts, and the members-only community sections, are never listed."""
    home = HomePage.objects.get()
    for title, slug, in_menu in [
        ("Learning", "learning", True),
        ("Accessibility statement", "accessibility", False),
        ("A draft notice", "draft-notice", None),
    ]:
        page = home.add_child(
            instance=LearningHubPage(
                title=title, slug=slug, show_in_menus=bool(in_menu), live=in_menu is not None
            )
        )
        if in_menu is not None:
            page.save_revision().publish()
    for url in ("/", "/about/", "/learning/", "/accounts/login/"):
        html = html_of(client, url)
        header = html[html.index('<nav aria-label="Main">') : html.index("</header>")]
        footer = html[html.index("<footer") :]
        assert 'href="/learning/">Learning</a>' in header
        assert 'href="/about/">About Practice Commons</a>' in header
        assert 'href="/search/">Search</a>' in header
        assert "Accessibility statement" not in header
        for link in (
            'href="/about/">About Practice Commons</a>',
            'href="/learning/">Learning</a>',
            'href="/accessibility/">Accessibility statement</a>',
        ):
            assert link in footer
        for hidden in ("A draft notice", programme.community.name):
            assert hidden not in html


def test_the_print_stylesheet_hides_navigation_and_shows_link_addresses(client):
    css = (settings.BASE_DIR / "templates/static/css/site.css").read_text()
    printing = "".join(css.split("@media print")[1:])  # every print block
    assert ".site-header nav" in printing
    assert 'content: " (" attr(href) ")"' in printing


# Queries do not grow with the number of outputs ---------------------------------------------

FEW, MANY = 3, 30


def queries(client, url) -> int:
    """Queries to serve `url` from nothing cached (the public page cache included)."""
    for alias in settings.CACHES:
        caches[alias].clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.mark.parametrize("url", ["/learning/", "/learning/themes/isfs/", "/"])
def test_public_page_queries_do_not_grow_with_outputs(hub, client, url):
    bulk_outputs(hub, FEW)
    queries(client, url)  # once first: the site's publication settings are made on first read
    few = queries(client, url), queries(client, url)
    bulk_outputs(hub, MANY - FEW, start=FEW)
    many = queries(client, url), queries(client, url)
    assert few == many


def test_output_page_queries_do_not_grow_with_the_hub(hub, client):
    output = publish_output(hub, "Tolerances in ISF contracts", document=public_document())
    bulk_outputs(hub, FEW)
    queries(client, output.url)  # once first: the publication settings are made on first read
    few = queries(client, output.url)
    bulk_outputs(hub, MANY - FEW, start=FEW)
    assert queries(client, output.url) == few
