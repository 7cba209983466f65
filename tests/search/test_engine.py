"""The search engine behind search.backends.get_search_backend(), whichever the settings choose:
behaviour only, so the same tests hold for each engine. The `engine` fixture (conftest.py) runs
every test here twice: on the embedded engine (SQLite FTS5, or PostgreSQL in CI's second run)
and on Elasticsearch (ELASTICSEARCH_URL, or a stand-in the session starts). Where the engines
legitimately differ, a test states both behaviours; it never skips one engine.

Most tests index documents directly (fast, and exact about what the index holds); the last
ones publish, unpublish, move and delete real pages and rebuild the index from them."""

import datetime
import io
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from knowledge.models import Reply
from learning.models import PublicOutputPage
from search.backends.base import NEWEST, OLDEST, PUBLIC, SearchDocument, SearchQuery
from search.documents import all_documents, documents_for
from search.query import audiences_for, build_query, read_query
from search.synonyms import expand, synonym_groups
from themes.models import GlossaryTerm, Theme

ISFS = "Individual service funds (ISFs)"
GOVERNANCE = "Governance"
WORKFORCE = "Workforce"
A, B = "7001", "7002"  # two communities' audiences (documents only: no pages behind them)
_ids = iter(range(900_001, 999_999))


def doc(
    title="A page",
    *,
    summary="",
    body="",
    audience=PUBLIC,
    themes=(),
    date="2025-01-01",
    content_type="Insight",
    community=None,
    page_id=None,
):
    if community is None:
        community = {A: "Care Enterprise Circle", B: "Commissioners for Co-ops"}.get(audience, "")
    return SearchDocument(
        page_id=page_id or next(_ids),
        audience=audience,
        title=title,
        summary=summary,
        body=body,
        url=f"/{title.lower().replace(' ', '-')}/",
        content_type=content_type,
        community=community,
        themes=tuple(themes),
        date=date,
    )


def ask(engine, terms, audiences=(PUBLIC,), **options):
    """A search as a view makes it: the reader's words, the glossary as it is now."""
    return engine.search(build_query(terms, audiences, **options))


def titles(results):
    return [hit.title for hit in results.hits]


def facet(results, name):
    return {value.value: value.count for value in results.facets.get(name, [])}


def embedded(engine):
    """Whether this is an engine in the site's own database (not Elasticsearch). Asked of the
    class: the Elasticsearch fixture writes at once here (conftest.py), as if it were one."""
    return getattr(type(engine), "in_database", True)


# Words --------------------------------------------------------------------------------------


def test_stemming_finds_other_forms_of_a_word(engine):
    engine.index(
        [
            doc("Commissioned together", body="Two councils commissioned the service jointly."),
            doc("One commission", body="The commission met in May."),
            doc("Rotas", body="Care workers agree their own rotas."),
        ]
    )
    assert set(titles(ask(engine, "commissioning"))) == {"Commissioned together", "One commission"}
    assert titles(ask(engine, "rota")) == ["Rotas"]


def test_every_word_must_match(engine):
    engine.index([doc("Ledger", body="A monthly ledger."), doc("Rotas", body="Agreed rotas.")])
    assert titles(ask(engine, "ledger")) == ["Ledger"]
    assert titles(ask(engine, "ledger rotas")) == []


def test_accents_are_folded_both_ways(engine):
    if embedded(engine) and connection.vendor == "postgresql":  # folded where unaccent could be
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_extension WHERE extname = 'unaccent'")
            if not cursor.fetchone()[0]:
                pytest.skip("the unaccent extension could not be created here")
    engine.index(
        [
            doc("Zéphyrine's café", body="The crème brûlée budget."),
            doc("Plain notes", body="A zephyrine arrangement at the cafe."),
            doc("Other notes", body="A zephyr at the cafeteria."),
        ]
    )
    for terms in ("zephyrine", "Zéphyrine", "ZÉPHYRINE", "cafe", "café"):
        assert set(titles(ask(engine, terms))) == {"Zéphyrine's café", "Plain notes"}, terms
    assert titles(ask(engine, "creme brulee")) == ["Zéphyrine's café"]


SYNONYM_PAIRS = [
    ("ISF", "individual service fund"),
    ("DP", "direct payment"),
    ("home care", "domiciliary care"),
    ("self care", "self-management"),
    ("VCSE", "voluntary sector"),
    ("co-op", "co-operative"),
]


@pytest.mark.parametrize(("one", "other"), SYNONYM_PAIRS)
def test_glossary_synonyms_work_both_ways(engine, one, other):
    engine.index(
        [
            doc("Says one", body=f"Our {one} story, told in full."),
            doc("Says the other", body=f"Our {other} story, told in full."),
            doc("Says neither", body="Our story, told in full."),
        ]
    )
    assert set(titles(ask(engine, one))) == {"Says one", "Says the other"}, one
    assert set(titles(ask(engine, other))) == {"Says one", "Says the other"}, other


def test_plural_phrases_and_acronyms_find_their_group(engine):
    engine.index(
        [
            doc("Acronym", body="How ISFs are held by providers."),
            doc("Spelled out", body="An individual service fund, held by a provider."),
        ]
    )
    for terms in ("individual service funds", "ISFs", "isf", "Individual Service Fund"):
        assert set(titles(ask(engine, terms))) == {"Acronym", "Spelled out"}, terms


def test_a_glossary_edit_takes_effect_at_once(engine):
    engine.index(
        [
            doc("Acronym only", body="The TLAP checklist."),
            doc("Spelled out", body="Think Local Act Personal published a checklist."),
        ]
    )
    assert titles(ask(engine, "TLAP")) == ["Acronym only"]
    term = GlossaryTerm.objects.create(term="Think Local Act Personal", synonyms="TLAP")
    assert set(titles(ask(engine, "TLAP"))) == {"Acronym only", "Spelled out"}
    assert set(titles(ask(engine, "think local act personal"))) == {"Acronym only", "Spelled out"}
    term.synonyms = ""
    term.save()
    assert titles(ask(engine, "TLAP")) == ["Acronym only"]
    term.synonyms = "TLAP"
    term.save()
    term.delete()
    assert titles(ask(engine, "TLAP")) == ["Acronym only"]


def test_expansion_keeps_the_readers_words_first(db):
    groups = [frozenset({"individual service fund", "isf"}), frozenset({"co-op", "co-operative"})]
    assert expand("ISF ledger", groups) == [
        (("isf",), ("individual", "service", "fund")),
        (("ledger",),),
    ]
    assert expand("co-operative-care", groups) == [(("co", "operative", "care"),)]
    assert expand('title:"isf" NEAR(*)', groups)[1] == (("isf",), ("individual", "service", "fund"))
    assert synonym_groups()  # the seeded glossary


# Ranking, facets, snippets, pages, sorting ----------------------------------------------------


def test_title_and_summary_rank_above_body(engine):
    filler = "Members met to compare notes on their practice this spring."
    engine.index(
        [
            doc("In the body", summary=filler, body=f"{filler} They kept a ledger."),
            doc("A ledger in the title", summary=filler, body=filler),
            doc("In the summary", summary=f"{filler} A ledger.", body=filler),
        ]
    )
    assert titles(ask(engine, "ledger")) == [
        "A ledger in the title",
        "In the summary",
        "In the body",
    ]


@pytest.fixture
def collection(engine):
    engine.index(
        [
            doc("Public ISF ledger", body="ledger", themes=(ISFS,), date="2024-03-01"),
            doc(
                "Public governance ledger",
                body="ledger",
                themes=(ISFS, GOVERNANCE),
                content_type="Learning report",
                date="2025-03-01",
            ),
            doc(
                "Circle ledger",
                body="ledger",
                audience=A,
                themes=(WORKFORCE,),
                content_type="Session note",
                date="2025-05-06",
            ),
            doc(
                "Circle second ledger", body="ledger", audience=A, themes=(ISFS,), date="2025-06-06"
            ),
            doc(
                "Other community ledger",
                body="ledger",
                audience=B,
                themes=(GOVERNANCE,),
                date="2025-07-07",
            ),
            doc("Public rotas", body="rotas", date="2023-01-01"),
        ]
    )
    return engine


def test_facets_count_every_match(collection):
    results = ask(collection, "ledger", (PUBLIC, A))
    assert results.total == 4
    assert facet(results, "theme") == {ISFS: 3, GOVERNANCE: 1, WORKFORCE: 1}
    assert facet(results, "content_type") == {"Insight": 2, "Learning report": 1, "Session note": 1}
    assert facet(results, "community") == {"Care Enterprise Circle": 2}
    assert facet(results, "year") == {"2024": 1, "2025": 3}
    assert [v.value for v in results.facets["theme"]][0] == ISFS  # the most common first


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("theme", ISFS, {"Public ISF ledger", "Public governance ledger", "Circle second ledger"}),
        ("content_type", "Session note", {"Circle ledger"}),
        ("community", "Care Enterprise Circle", {"Circle ledger", "Circle second ledger"}),
        ("year", "2024", {"Public ISF ledger"}),
        ("year", "not a year", set()),
        ("theme", "Nothing like it", set()),
        ("community", "Commissioners for Co-ops", set()),  # not the reader's: never a way in
    ],
)
def test_filters_narrow_the_matches(collection, name, value, expected):
    results = ask(collection, "ledger", (PUBLIC, A), filters={name: value})
    assert set(titles(results)) == expected
    assert results.total == len(expected)


def test_snippets_mark_matches_and_escape_the_text(engine):
    engine.index(
        [
            doc(
                "Ledgers",
                summary="",
                body=(
                    "Before <script>alert(1)</script> & after, the ledgers were kept \ue000 weekly."
                ),
            )
        ]
    )
    [hit] = ask(engine, "ledger").hits
    assert "<mark>ledgers</mark>" in hit.snippet
    assert "&lt;script&gt;" in hit.snippet and "<script" not in hit.snippet
    assert "&amp; after" in hit.snippet
    assert re.sub(r"</?mark>", "", hit.snippet).count("<") == 0
    assert hit.snippet.count("<mark>") == hit.snippet.count("</mark>") == 1


def test_a_snippet_comes_from_the_summary_when_only_the_title_matches(engine):
    engine.index([doc("Ledger", summary="What members learned.", body="Nothing more.")])
    [hit] = ask(engine, "ledger").hits
    assert "What members learned." in hit.snippet and "<mark>" not in hit.snippet


def test_results_come_a_page_at_a_time(engine):
    engine.index([doc(f"Ledger {n:02d}", body="ledger") for n in range(25)])
    pages = [ask(engine, "ledger", per_page=10, page=n) for n in (1, 2, 3)]
    assert [len(p.hits) for p in pages] == [10, 10, 5]
    assert {p.total for p in pages} == {25} and {p.pages for p in pages} == {3}
    seen = [t for p in pages for t in titles(p)]
    assert len(set(seen)) == 25
    beyond = ask(engine, "ledger", per_page=10, page=99)
    assert beyond.page == 3 and titles(beyond) == titles(pages[2])  # the last page
    assert ask(engine, "ledger", per_page=10, page=0).page == 1


def test_sorting_by_date(collection):
    newest = titles(ask(collection, "ledger", (PUBLIC, A), sort=NEWEST))
    assert newest == [
        "Circle second ledger",
        "Circle ledger",
        "Public governance ledger",
        "Public ISF ledger",
    ]
    assert titles(ask(collection, "ledger", (PUBLIC, A), sort=OLDEST)) == newest[::-1]
    assert [h.date for h in ask(collection, "ledger", (PUBLIC, A), sort=NEWEST).hits][0] == (
        "2025-06-06"
    )


def test_did_you_mean(engine):
    engine.index(
        [
            doc("Commissioning together", body="Joint commissioning across two councils."),
            doc("Members only", audience=A, body="The zephyrine arrangement."),
        ]
    )
    results = ask(engine, "comissioning")
    if getattr(engine, "tolerates_typos", False):
        # Elasticsearch forgives one wrong letter in a longer word: the page is found, and the
        # right spelling is offered all the same.
        assert titles(results) == ["Commissioning together"]
        assert titles(ask(engine, "zephyrina", (PUBLIC, A))) == ["Members only"]
    else:
        # The embedded engines match words as they are: nothing found, a spelling offered.
        assert results.total == 0
        assert ask(engine, "zephyrina", (PUBLIC, A)).total == 0
    assert ask(engine, "comisioning").total == 0  # two wrong letters: never forgiven
    assert ask(engine, "zephyrina").total == 0  # never through another audience's words
    assert ask(engine, "zephyrina", (PUBLIC, B)).total == 0
    assert results.suggestion == "commissioning"
    assert ask(engine, "councils comissioning").suggestion == "councils commissioning"
    assert ask(engine, "commissioning").suggestion == ""  # found: nothing to suggest
    # Only words the reader's own documents hold are ever suggested.
    assert "zephyrine" not in ask(engine, "zephyrina").suggestion
    assert "zephyrine" not in ask(engine, "zephyrina", (PUBLIC, B)).suggestion
    assert ask(engine, "zephyrina", (PUBLIC, A)).suggestion == "zephyrine"


def test_did_you_mean_offers_no_other_audiences_spelling_of_a_shared_stem(engine):
    """The reader's documents hold "outsourced", another audience's "outsourcing": both stem
    alike, but only the reader's own spelling may be offered."""
    engine.index(
        [
            doc("Ours", audience=A, body="Night care outsourced to a co-op."),
            doc("Theirs", audience=B, body="Outsourcing night care."),
            doc("Public", body="Outsourcing and insourcing."),
        ]
    )
    assert ask(engine, "outsourcinq", (A,)).suggestion == ""
    assert ask(engine, "outsourcad", (A,)).suggestion == "outsourced"
    assert ask(engine, "outsourcinq", (PUBLIC, A)).suggestion == "outsourcing"  # a public word
    assert ask(engine, "outsourcinq", (B,)).suggestion == "outsourcing"


# Audiences ---------------------------------------------------------------------------------

HOSTILE = [
    "zephyrine",
    '"zephyrine',
    'zephyrine"',
    '"zephyrine"',
    "title:zephyrine",
    "body:zephyrine",
    "{title body}: zephyrine",
    "zephyrine*",
    "^zephyrine",
    "NEAR(zephyrine ledger, 2)",
    "zephyrine OR ledger",
    "ledger OR zephyrine",
    "ledger NOT rotas",
    "-zephyrine",
    "zephyrine AND",
    "(zephyrine",
    "zephyrine' OR '1'='1",
    "'; DROP TABLE search_document; --",
    "audience:7001 zephyrine",
    '"" OR 1=1',
    "* OR *",
    "zephyrine\x00ledger",
    "ledger " * 200,
    "x" * 1000,
    "\u200bzephyrine",
    "zéphyrine",
    "ZEPHYRINE+ledger",
    "zephyrine) OR (ledger",
    "ledger | zephyrine",
    "%zephyrine%",
    "\\",
]


@pytest.fixture
def audiences(engine):
    engine.index(
        [
            doc("Public ledger", summary="A public ledger.", body="ledger rotas"),
            doc(
                "Circle secret",
                audience=A,
                summary="Zephyrine ledger.",
                body="The zephyrine ledger, members only.",
                themes=(WORKFORCE,),
            ),
            doc(
                "Other secret",
                audience=B,
                summary="Zephyrine ledger elsewhere.",
                body="The zephyrine ledger of the other community.",
                themes=(GOVERNANCE,),
            ),
        ]
    )
    return engine


@pytest.mark.parametrize("terms", HOSTILE)
def test_public_search_never_reaches_members_only_text(audiences, terms):
    results = ask(audiences, terms)
    assert set(titles(results)) <= {"Public ledger"}, terms
    assert results.total == len(results.hits)
    assert facet(results, "community") == {}
    assert WORKFORCE not in facet(results, "theme") and GOVERNANCE not in facet(results, "theme")
    assert sum(facet(results, "content_type").values()) == results.total
    assert all("zephyrine" not in hit.snippet.casefold() for hit in results.hits)
    assert "zephyrine" not in results.suggestion.casefold()


@pytest.mark.parametrize("terms", HOSTILE)
def test_a_member_never_reaches_another_communitys_pages(audiences, terms):
    results = ask(audiences, terms, (PUBLIC, A))
    assert set(titles(results)) <= {"Public ledger", "Circle secret"}, terms
    assert results.total == len(results.hits)
    assert set(facet(results, "community")) <= {"Care Enterprise Circle"}
    assert GOVERNANCE not in facet(results, "theme")
    assert all("other community" not in hit.snippet for hit in results.hits)


def test_each_reader_finds_what_they_may_read(audiences):
    assert titles(ask(audiences, "zephyrine")) == []
    assert titles(ask(audiences, "zephyrine", (PUBLIC, A))) == ["Circle secret"]
    assert titles(ask(audiences, "zephyrine", (PUBLIC, B))) == ["Other secret"]
    assert set(titles(ask(audiences, "ledger", (PUBLIC, A)))) == {"Public ledger", "Circle secret"}
    assert ask(audiences, "ledger", ()).total == 0  # no audience: nothing, never everything
    for terms in ("", "   ", "*:()^~", "\x00"):
        assert ask(audiences, terms, (PUBLIC, A)).total == 0


def test_a_search_writes_nothing(audiences):
    ask(audiences, "ledger")  # warm
    with CaptureQueriesContext(connection) as captured:
        for terms in ("ledger", "zephyrine", "ledgr", "zephyrina", "ISF", '"bad', "x" * 1000):
            for readers in ((PUBLIC,), (PUBLIC, A)):
                ask(audiences, terms, readers)
                ask(audiences, terms, readers, sort=NEWEST, filters={"theme": WORKFORCE})
    assert captured.captured_queries
    written = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].lstrip().split(None, 1)[0].upper() not in {"SELECT", "WITH"}
    ]
    assert written == []


def test_a_search_costs_the_same_queries_however_many_match(engine):
    def queries():
        query = build_query("ledger", (PUBLIC, A))
        with CaptureQueriesContext(connection) as captured:
            assert engine.search(query).total
        return len(captured.captured_queries)

    engine.index([doc(f"Ledger {n}", body="ledger", themes=(ISFS,)) for n in range(2)])
    few = queries()
    engine.index(
        [doc(f"Ledger {n}", body="ledger", audience=A, themes=(ISFS, WORKFORCE)) for n in range(60)]
    )
    assert queries() == few <= 4


def test_how_a_query_is_read(db):
    assert read_query("  co-operative   convener's  ").terms == "co-operative convener's"
    assert read_query('"ISF" OR (budgets) title:x NEAR(y) a*').terms == (
        "ISF OR budgets title x NEAR y a"
    )
    assert read_query("a\x00b").problem == "unsearchable"
    assert read_query("ledger \ud800").problem == "unsearchable"  # half a character
    assert build_query("ledger\ud800rotas", [PUBLIC]).terms == "ledger rotas"
    assert read_query("x" * 201).problem == "too_long"
    assert read_query("*:()^").problem == "no_words"
    query = build_query("ISF", [PUBLIC])
    assert isinstance(query, SearchQuery) and query.synonyms and query.audiences == {PUBLIC}


# The index -----------------------------------------------------------------------------------


def test_index_replaces_and_removes(engine):
    first = doc("Ledger", body="ledger", page_id=123)
    assert engine.index([first, doc("Rotas", body="rotas", page_id=124)]) == 2
    engine.index([doc("Renamed", body="balance", page_id=123)])
    assert engine.count() == 2
    assert titles(ask(engine, "ledger")) == []
    assert titles(ask(engine, "balance")) == ["Renamed"]
    engine.index([doc("Members' copy", body="balance", page_id=123, audience=A)])
    assert engine.count() == 3
    engine.remove([123])
    assert engine.count() == 1 and ask(engine, "balance", (PUBLIC, A)).total == 0
    engine.clear()
    assert engine.count() == 0


# Real pages: documents and indexing as they change ------------------------------------------


def publish_output(hub, title, **fields):
    fields.setdefault("summary", "Commissioners agreed a shared approach.")
    fields.setdefault("body", "<p>Start with one <b>provider</b> and one ward.</p>")
    output = hub.add_child(instance=PublicOutputPage(title=title, live=False, **fields))
    output.themes.add(ISFS)
    output.save_revision().publish()
    return PublicOutputPage.objects.get(pk=output.pk)


def test_documents_of_the_programme(programme, hub):
    output = publish_output(hub, "Keeping an ISF ledger")
    thread = programme.pages["thread"]
    Reply.objects.create(thread=thread, author=programme.member, body="A *ledger* kept monthly.")
    Reply.objects.create(
        thread=thread,
        author=programme.member,
        body="",
        withdrawn_at=datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC),
    )
    documents = {d.page_id: d for d in all_documents()}
    assert len(all_documents()) == len(documents) == 6  # five members' pages, one output
    assert documents[thread.pk].body.endswith("outcomes?\n\nA ledger kept monthly.")
    assert documents[programme.pages["tool"].pk].body.endswith("\n\nISF contract clause")
    public = documents[output.pk]
    assert (public.audience, public.content_type, public.community) == (PUBLIC, "Insight", "")
    assert public.themes == (ISFS,) and public.url == output.url
    assert public.body == "Start with one provider and one ward."
    session = documents[programme.pages["session"].pk]
    assert session.audience == str(programme.community.pk)
    assert session.community == programme.community.name
    assert (session.content_type, session.date) == ("Session note", "2025-05-06")
    assert documents[programme.pages["case_study"].pk].body.startswith("A rural county.")
    assert {documents_for(page)[0] for page in programme.pages.values()} == {
        documents[page.pk] for page in programme.pages.values()
    }
    assert documents_for(programme.section) == documents_for(hub) == []


def test_making_documents_costs_the_same_for_more_pages(programme, hub):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            list(all_documents())
        return len(captured.captured_queries)

    publish_output(hub, "One output")
    queries()  # warm: the site's root paths are cached for page URLs
    few = queries()
    for n in range(3):
        publish_output(hub, f"Output {n}")
    assert queries() == few


def test_publishing_unpublishing_and_deleting_follow_through(engine, hub):
    output = publish_output(hub, "Keeping an ISF ledger", body="<p>A zephyrine balance.</p>")
    assert titles(ask(engine, "zephyrine")) == ["Keeping an ISF ledger"]
    output.body = "<p>A monthly balance.</p>"
    output.save_revision().publish()
    assert titles(ask(engine, "zephyrine")) == []
    assert titles(ask(engine, "monthly")) == ["Keeping an ISF ledger"]
    output.unpublish()
    assert titles(ask(engine, "monthly")) == []
    output.save_revision().publish()
    assert titles(ask(engine, "monthly")) == ["Keeping an ISF ledger"]
    PublicOutputPage.objects.get(pk=output.pk).delete()
    assert titles(ask(engine, "monthly")) == [] and engine.count() == 0


def test_members_pages_are_indexed_for_their_community_only(engine, programme):
    insight = programme.pages["insight"]
    insight.learning = "Keep a zephyrine ledger."
    insight.save_revision().publish()
    own = (PUBLIC, str(programme.community.pk))
    other = (PUBLIC, str(programme.other_community.pk))
    assert titles(ask(engine, "zephyrine", own)) == [insight.title]
    assert titles(ask(engine, "zephyrine", other)) == titles(ask(engine, "zephyrine")) == []
    assert audiences_for(programme.member.user) == set(own)
    assert audiences_for(programme.outsider.user) == set(other)
    assert audiences_for(AnonymousUser()) == {PUBLIC}


def test_a_page_moved_out_of_public_view_leaves_public_results(engine, programme, hub):
    output = publish_output(hub, "Keeping an ISF ledger", body="<p>A zephyrine balance.</p>")
    members = (PUBLIC, str(programme.community.pk))
    assert titles(ask(engine, "zephyrine")) == ["Keeping an ISF ledger"]
    output.move(programme.section, pos="last-child")  # (and there it stays: knowledge/privacy.py)
    assert titles(ask(engine, "zephyrine")) == titles(ask(engine, "zephyrine", members)) == []


def test_a_restriction_above_an_output_takes_it_out_of_public_results(engine, hub):
    publish_output(hub, "Keeping an ISF ledger", body="<p>A zephyrine balance.</p>")
    restriction = PageViewRestriction.objects.create(
        page=hub, restriction_type=PageViewRestriction.LOGIN
    )
    assert titles(ask(engine, "zephyrine")) == []
    restriction.delete()
    assert titles(ask(engine, "zephyrine")) == ["Keeping an ISF ledger"]


def test_a_renamed_theme_is_found_by_its_new_name(engine, hub):
    publish_output(hub, "Keeping an ISF ledger")
    theme = Theme.objects.get(name=ISFS)
    theme.name = "Flexible zephyrine funds"
    theme.save()
    [hit] = ask(engine, "zephyrine").hits
    assert hit.themes == ("Flexible zephyrine funds",)


def test_indexing_in_the_background(engine, hub, settings, django_capture_on_commit_callbacks):
    settings.SEARCH_INDEX_IN_BACKGROUND = True
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish_output(hub, "Keeping an ISF ledger")
    assert titles(ask(engine, "ledger")) == []  # waits for the transaction, then a worker
    for callback in callbacks:
        callback()  # TASKS is the immediate backend here: the task runs as it is enqueued
    assert titles(ask(engine, "ledger")) == ["Keeping an ISF ledger"]


def test_rebuild_search(engine, programme, hub):
    output = publish_output(hub, "Keeping an ISF ledger")
    engine.index([doc("Stale", body="ledger", page_id=999_999)])
    engine.remove([output.pk])
    out, err = io.StringIO(), io.StringIO()
    call_command("rebuild_search", stdout=out, stderr=err)
    assert "Indexed 6 documents (1 public, 5 members-only)" in out.getvalue()
    assert "removed 1 no longer searchable" in out.getvalue()
    assert "6/6" in err.getvalue()  # the progress bar
    assert engine.count() == 6
    assert titles(ask(engine, "ledger")) == ["Keeping an ISF ledger"]
    call_command("rebuild_search", "--in-one-transaction", stdout=out, stderr=err)
    assert engine.count() == 6


def test_dates_are_kept_as_iso_dates(engine):
    engine.index([doc("Ledger", body="ledger", date=datetime.date(2025, 2, 3).isoformat())])
    assert ask(engine, "ledger").hits[0].date == "2025-02-03"
    assert facet(ask(engine, "ledger"), "year") == {"2025": 1}
