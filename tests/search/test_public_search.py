"""The public search (search/views.py): live public outputs only, for anyone; the reader's query
comes back only in the search box; any input gives the page, never an error; nothing written."""

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from demo.build import bulk_add_child_pages
from learning.models import PublicOutputPage, ThemedOutput
from learning.public_cache import public_cache_clear
from search.backends import reset_search_backends
from search.query import MAX_QUERY_LENGTH
from search.query import read_query as search_query
from themes.models import Theme

ISFS = "Individual service funds (ISFs)"
NOW = datetime.datetime(2026, 6, 1, 10, tzinfo=datetime.UTC)

EMPTY = "Type a word or two in the box"
NO_RESULTS = "No results."
TOO_LONG = "Your search was too long"
UNSEARCHABLE = "characters that cannot be searched for"
NO_WORDS = "no letters or numbers to look for"
ADJUSTED = "Punctuation and symbols are not searched for"


def publish_output(hub, title, *, publish=True, **fields):
    """An output under the hub, published through the gate as a convener would."""
    fields.setdefault("summary", "Commissioners agreed a shared approach.")
    fields.setdefault("body", "<p>Start with one provider and one ward.</p>")
    output = hub.add_child(instance=PublicOutputPage(title=title, live=False, **fields))
    output.themes.add(ISFS)
    revision = output.save_revision()
    if publish:
        revision.publish()
    return PublicOutputPage.objects.get(pk=output.pk)


@pytest.fixture
def outputs(hub):
    return {
        "rotas": publish_output(
            hub,
            "Rotas that keep care workers",
            summary="Care workers who agree their own rotas stay for longer.",
        ),
        "ledger": publish_output(
            hub,
            "Keeping an ISF ledger",
            body="<p>A monthly ledger shows the tolerance spent and the zephyrine balance.</p>",
        ),
        "draft": publish_output(
            hub,
            "Zephyrine draft",
            publish=False,
            summary="Zephyrine rotas, not yet published.",
        ),
    }


def search(client, q=None, **params):
    if q is not None:
        params["q"] = q
    response = client.get("/search/", params)
    assert response.status_code == 200, (q, response.status_code)
    return response.content.decode()


def result_titles(page_html):
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', page_html)


def status(page_html):
    match = re.search(r'<div class="search-status" role="status">(.*?)</div>', page_html, re.S)
    assert match, "no status region"
    return " ".join(re.sub(r"<[^>]+>", "", match.group(1)).split())


def box_value(page_html):
    match = re.search(r'<input type="search" id="search-q" name="q" value="([^"]*)"', page_html)
    assert match, "no search box"
    return html.unescape(match.group(1))


def without_box_value(page_html):
    return re.sub(r'(<input type="search" id="search-q" name="q" value=")[^"]*"', r'\1"', page_html)


# Finding outputs -----------------------------------------------------------------------------


def test_an_output_is_found_by_a_word_of_its_summary_or_body(client, outputs):
    assert result_titles(search(client, "rotas")) == ["Rotas that keep care workers"]
    assert result_titles(search(client, "ledger tolerance")) == ["Keeping an ISF ledger"]
    page = search(client, "ledger")
    assert status(page) == "1 result, most relevant first."
    assert "Themes: Individual service funds (ISFs)" in page


def test_every_word_must_match(client, outputs):
    assert result_titles(search(client, "ledger rotas")) == []


def test_drafts_and_members_only_pages_are_never_returned(client, programme, outputs, hub):
    """Not by their words, nor by a query written to reach them."""
    insight = programme.pages["insight"]
    insight.summary = "Zephyrine rotas for members only."
    insight.learning = "Zephyrine learning, members only."
    insight.save_revision().publish()
    restricted = publish_output(hub, "Zephyrine restricted", summary="Zephyrine, signed in only.")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    never = {"Zephyrine draft", "Zephyrine restricted", insight.title}

    hostile = [
        "zephyrine",
        "Zephyrine rotas",
        '"zephyrine"',
        "zephyrine*",
        "zephyrine OR rotas",
        "zephyrine NOT ledger",
        "live:false zephyrine",
        "path:0001 zephyrine",
        "(zephyrine)",
        "zephyrine' OR '1'='1",
        "zephyrine%",
        "zephyrine\\",
        "title:zephyrine",
        "NEAR(zephyrine)",
    ]
    for q in hostile:
        titles = set(result_titles(search(client, q)))
        assert not titles & never, (q, titles)
        assert titles <= {"Keeping an ISF ledger", "Rotas that keep care workers"}, (q, titles)
    # The one live public output with the word is found, so the word itself is searchable.
    assert result_titles(search(client, "zephyrine")) == ["Keeping an ISF ledger"]


def test_a_member_gets_the_same_public_answer(client_for, programme, outputs):
    """Signed in, public outputs only: their own community's pages are not searched here."""
    insight = programme.pages["insight"]
    insight.summary = "Zephyrine rotas for members only."
    insight.save_revision().publish()
    anonymous = search(client_for(None), "zephyrine")
    member_client = client_for(programme.member)
    member = search(member_client, "zephyrine")
    assert result_titles(member) == result_titles(anonymous) == ["Keeping an ISF ledger"]
    assert status(member) == status(anonymous)
    convener = search(client_for(programme.convener), "rotas")
    assert result_titles(convener) == ["Rotas that keep care workers"]


def add_ledger_outputs(hub, count):
    tag = Theme.objects.get(name=ISFS)
    bulk_add_child_pages(
        hub,
        [
            PublicOutputPage(
                title=f"Ledger output {n:02d}",
                slug=f"ledger-output-{n:02d}",
                summary=f"Ledger learning point {n}.",
                first_published_at=NOW,
                themed_items=[ThemedOutput(tag=tag)],
            )
            for n in range(count)
        ],
    )


def test_results_come_twenty_to_a_page(client, hub):
    add_ledger_outputs(hub, 25)
    first = search(client, "ledger")
    assert status(first) == "25 results, most relevant first."
    assert len(result_titles(first)) == 20
    assert "Page 1 of 2" in first and 'href="?q=ledger&amp;page=2"' in first
    second = search(client, "ledger", page=2)
    assert len(result_titles(second)) == 5
    assert "<title>Search (page 2) · Practice Commons</title>" in second
    assert set(result_titles(first)).isdisjoint(result_titles(second))
    for page in ("x", "0", "-1", "999", "\x00"):
        assert result_titles(search(client, "ledger", page=page))  # a page, never an error


def test_a_very_common_word_says_what_was_estimated(client, hub, settings):
    settings.SEARCH_BACKENDS = {
        "default": {**settings.SEARCH_BACKENDS["default"], "MAX_RANKED": 20}
    }
    reset_search_backends()
    add_ledger_outputs(hub, 45)
    try:
        page = search(client, "ledger")
    finally:
        reset_search_backends()
    assert status(page).startswith(
        "45 results, most relevant first. So many pages match that only the 20 newest are "
        "sorted and shown, and the counts under Refine are estimates."
    )
    assert 'ISFs) <span class="meta">(about 45)</span>' in page
    assert "Page 1 of 1" not in page and 'rel="next"' not in page  # the 20 are one page


# The query is shown only in the box ----------------------------------------------------------


def page_title(page_html):
    return re.search(r"<title>(.*?)</title>", page_html, re.S).group(1)


@pytest.mark.parametrize("q", ["Amina Okafor", "Okafor's rota <script>alert(1)</script> & co"])
def test_the_query_appears_only_as_the_value_of_the_search_box(client, programme, outputs, q):
    page = search(client, q)
    assert box_value(page) == q
    rest = without_box_value(page).casefold()
    for form in {q, html.escape(q), html.escape(q, quote=False), "okafor"}:
        assert form.casefold() not in rest, form
    assert page_title(page) == "Search · Practice Commons"


def test_with_results_the_query_is_still_only_in_the_box(client, outputs):
    """Results hold the words searched for, of course; the page's own words never do."""
    page = search(client, "rotas")
    assert box_value(page) == "rotas"
    assert page_title(page) == "Search · Practice Commons"
    assert status(page) == "1 result, most relevant first."
    headings = re.findall(r"<h[12][^>]*>(.*?)</h[12]>", page, re.S)
    assert headings == ["Search the learning", "Refine", "Results"]


def test_a_search_for_a_members_name_is_served_to_anyone(client, programme, outputs):
    """The name comes back in the box only, so the last line of defence lets the page through;
    hostile variants of it are served too, with nothing shown back."""
    for q in (
        "Amina Okafor",
        "amina  OKAFOR",
        '"Amina Okafor"',
        "Amina Okafor\x00",
        "Amina Okafor " + "x" * 1000,
        "Amina Okafor\x1b[31m",
    ):
        response = client.get("/search/", {"q": q})
        assert response.status_code == 200, (q, response.status_code)
        assert "amina" not in without_box_value(response.content.decode()).casefold(), q


# Messages ------------------------------------------------------------------------------------


@pytest.mark.parametrize("q", [None, "", "   ", "\t\n"])
def test_an_empty_search_says_what_to_do(client, outputs, q):
    page = search(client, q)
    assert EMPTY in status(page)
    assert 'href="/learning/">browse the learning by theme</a>' in page
    assert result_titles(page) == []
    assert box_value(page) == ""


def test_no_results_suggests_browsing_the_themes(client, outputs):
    page = search(client, "xylophone")
    assert status(page).startswith(NO_RESULTS)
    assert 'href="/learning/">browse the learning by theme</a>' in page
    assert result_titles(page) == []
    assert box_value(page) == "xylophone"


@pytest.mark.parametrize(
    ("q", "message", "shown"),
    [
        ('"unbalanced', NO_RESULTS, '"unbalanced'),
        ('rotas"', "1 result", 'rotas"'),
        ("AND OR NOT", NO_RESULTS, "AND OR NOT"),
        ("rotas AND", "1 result", "rotas AND"),  # "and" is a word like any other
        ("*:()^~{}[]|\\", NO_WORDS, "*:()^~{}[]|\\"),
        ("'; DROP TABLE wagtailcore_page; --", NO_RESULTS, "'; DROP TABLE wagtailcore_page; --"),
        ("100% rotas", NO_RESULTS, "100% rotas"),
        ("rotas\u200b", "1 result", "rotas\u200b"),
        ("ροτα مرحبا 🙂", NO_RESULTS, "ροτα مرحبا 🙂"),
        ("x" * 1000, TOO_LONG, ""),
        ("rotas " * (MAX_QUERY_LENGTH // 6 + 1), TOO_LONG, ""),
        ("rotas\x00", UNSEARCHABLE, ""),
        ("\x00", UNSEARCHABLE, ""),
        ("rotas\x1b[0m", UNSEARCHABLE, ""),
        ("rotas\x7f", UNSEARCHABLE, ""),
    ],
)
def test_malformed_input_gives_the_page_with_a_message(client, outputs, q, message, shown):
    page = search(client, q)
    assert message in status(page), status(page)
    assert box_value(page) == shown


def test_punctuation_left_out_is_said(client, outputs):
    assert ADJUSTED in status(search(client, '"rotas"'))
    assert ADJUSTED not in status(search(client, "rotas"))
    assert ADJUSTED not in status(search(client, "co-operative care"))


def test_how_a_query_is_read():
    assert search_query("  co-operative   convener's  ").terms == "co-operative convener's"
    assert search_query('"ISF" OR (budgets)').terms == "ISF OR budgets"
    assert search_query("a\x00b").problem == "unsearchable"
    assert search_query("line\nbreak").shown == "line break"
    assert search_query("x" * MAX_QUERY_LENGTH).problem == ""
    assert search_query("x" * (MAX_QUERY_LENGTH + 1)).problem == "too_long"


def test_only_reading_is_allowed(client, outputs):
    assert client.post("/search/", {"q": "rotas"}).status_code == 405
    assert client.head("/search/?q=rotas").status_code == 200


# Accessible --------------------------------------------------------------------------------


def test_a_labelled_search_form_and_a_polite_status(client, outputs):
    page = search(client, "rotas")
    form = re.search(r'<form role="search" method="get" action="/search/">(.*?)</form>', page, re.S)
    assert form, "no search landmark"
    assert '<label for="search-q">Search the published learning</label>' in form.group(1)
    assert 'aria-describedby="search-q-hint"' in form.group(1)
    assert '<button type="submit" class="button">Search</button>' in form.group(1)
    assert status(page) == "1 result, most relevant first."  # role=status: a polite live region
    assert '<meta name="robots" content="noindex">' in page
    assert not re.findall(r"<script\b(?![^>]*application/(?:ld\+)?json)", page)


# Nothing written, and a constant cost -------------------------------------------------------


def writes(queries):
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().split(None, 1)[0].upper() in {"INSERT", "UPDATE", "DELETE", "REPLACE"}
    ]


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_searching_writes_nothing(client_for, programme, outputs, who):
    client = client_for(programme.member if who == "member" else None)
    client.get("/search/", {"q": "rotas"})  # warm: caches and the registry
    for q in ("rotas", "xylophone", "", '"bad', "x" * 1000, "\x00"):
        public_cache_clear()  # so that the view answers, not the public page cache
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/search/", {"q": q}).status_code == 200
        assert captured.captured_queries, "answered from a cache"
        assert writes(captured.captured_queries) == [], q


def test_queries_do_not_grow_with_results(client, hub):
    tag = Theme.objects.get(name=ISFS)

    def add(start, count):
        bulk_add_child_pages(
            hub,
            [
                PublicOutputPage(
                    title=f"Ledger output {n:02d}",
                    slug=f"ledger-output-{n:02d}",
                    summary=f"Ledger learning point {n}.",
                    first_published_at=NOW,
                    themed_items=[ThemedOutput(tag=tag)],
                )
                for n in range(start, start + count)
            ],
        )

    def count():
        client.get("/search/", {"q": "ledger"})  # warm
        public_cache_clear()  # so that the view answers, not the public page cache
        with CaptureQueriesContext(connection) as captured:
            client.get("/search/", {"q": "ledger"})
        return len(captured.captured_queries)

    add(0, 2)
    few = count()
    add(2, 18)
    assert count() == few > 0


# Redaction reaches the search index ------------------------------------------------------------


def test_text_removed_from_an_output_is_no_longer_found(client, outputs):
    """Issue 6: a redaction reaches every copy, the search index included, and the log says what
    was removed without keeping it."""
    from wagtail.models import PageLogEntry

    from attribution.gate import REDACTED

    ledger = outputs["ledger"]
    assert result_titles(search(client, "zephyrine")) == [ledger.title]

    ledger.body = "<p>A monthly ledger shows the tolerance spent.</p>"
    ledger.save_revision().publish()

    assert result_titles(search(client, "zephyrine")) == []
    assert result_titles(search(client, "ledger")) == [ledger.title]
    entry = PageLogEntry.objects.filter(page=ledger, action=REDACTED).get()
    assert "zephyrine" not in str(entry.data).lower()
