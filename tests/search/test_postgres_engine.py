"""The PostgreSQL engine (search/backends/postgres.py), driven directly with documents.

Skipped unless the database is PostgreSQL; CI runs the whole suite on PostgreSQL too, where
these run. The behaviour both engines share is in test_engine.py; here are PostgreSQL's own
promises: the stored tsvector behind a GIN index, ts_rank's weights, ts_headline snippets,
tsquery syntax never reaching PostgreSQL, work bounded for a query that matches very many
documents (as test_sqlite_engine.py holds the SQLite engine to), diacritics folded by the
practice_english configuration and migration 0002, and a search that writes nothing."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from search.backends import postgres
from search.backends.base import (
    NEWEST,
    OLDEST,
    PUBLIC,
    SearchDocument,
    SearchQuery,
    estimated_facets,
)
from search.backends.postgres import PostgresSearchBackend, build_tsquery
from search.query import edit_distance
from search.synonyms import expand

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the PostgreSQL engine needs PostgreSQL"
)

CIRCLE, OTHER = "1", "2"  # two communities' audiences
SYNONYMS = (
    frozenset({"isf", "individual service fund"}),
    frozenset({"dp", "direct payment"}),
    frozenset({"home care", "domiciliary care"}),
    frozenset({"self care", "self-management"}),
    frozenset({"vcse", "voluntary sector"}),
    frozenset({"co-op", "co-operative"}),
)


def doc(page_id, title, *, audience=PUBLIC, summary="", body="", themes=(), **fields):
    fields.setdefault("url", f"/p/{page_id}/")
    fields.setdefault("content_type", "Public output" if audience == PUBLIC else "Insight")
    fields.setdefault("community", "" if audience == PUBLIC else f"Community {audience}")
    fields.setdefault("date", "2025-05-01")
    return SearchDocument(
        page_id=page_id,
        audience=audience,
        title=title,
        summary=summary,
        body=body,
        themes=tuple(themes),
        **fields,
    )


def find(engine, terms, audiences=(PUBLIC,), **options):
    options.setdefault("synonyms", SYNONYMS)
    return engine.search(SearchQuery(terms=terms, audiences=frozenset(audiences), **options))


def ids(results):
    return [hit.page_id for hit in results.hits]


@pytest.fixture
def engine(db):
    """The engine on the tables search/migrations/0001_initial.py made, empty."""
    engine = PostgresSearchBackend()
    engine.clear()  # rolled back with the test
    return engine


@pytest.fixture
def library(engine):
    engine.index(
        [
            doc(
                1,
                "Keeping an ISF ledger",
                summary="A monthly ledger for the provider.",
                body="The ledger shows what was spent.",
                themes=["Individual service funds"],
                date="2024-03-01",
            ),
            doc(
                2,
                "Rotas that keep care workers",
                summary="Agreeing rotas together.",
                body="Care workers who agree their own rotas stay for longer.",
                themes=["Workforce"],
                date="2025-06-01",
            ),
            doc(
                3,
                "Direct payments in practice",
                body="People who take a direct payment hire a PA.",
                themes=["Personal budgets and direct payments"],
                date="2023-01-10",
            ),
            doc(
                10,
                "Our members-only ledger",
                audience=CIRCLE,
                body="The circle's confidential zephyrine ledger.",
                themes=["Workforce"],
            ),
            doc(20, "Another circle's notes", audience=OTHER, body="Their quorlaxian ledger."),
        ]
    )
    return engine


# Matching: English stemming, the glossary's synonyms.


def test_stemming_finds_other_forms_of_a_word(library):
    assert ids(find(library, "ledgers")) == [1]
    assert ids(find(library, "agreed rota")) == [2]
    assert ids(find(library, "paying directly")) == []  # every word must match


def test_every_word_must_match_and_stop_words_are_ignored(library):
    assert ids(find(library, "the ledger of the provider")) == [1]
    assert find(library, "the of and").total == 0


def test_quotes_are_not_a_phrase_syntax(library):
    assert ids(find(library, '"workers care"')) == [2]


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ("ISF", "Spending an individual service fund"),
        ("individual service funds", "An ISF in practice"),
        ("DP", "Taking a direct payment"),
        ("home care", "Domiciliary care at night"),
        ("domiciliary care", "Home care at night"),
        ("self care", "Supported self-management"),
        ("VCSE", "The voluntary sector's role"),
        ("co-op", "Starting a care co-operative"),
    ],
)
def test_a_glossary_synonym_finds_its_equivalent(engine, typed, text):
    engine.index([doc(1, text), doc(2, "Something else entirely")])
    assert ids(find(engine, typed)) == [1]
    assert ids(find(engine, typed, synonyms=())) == []


def test_a_synonym_is_one_part_of_the_query(engine):
    engine.index(
        [
            doc(1, "Individual service fund ledgers"),
            doc(2, "ISF ledgers"),
            doc(3, "ISF rotas"),
        ]
    )
    assert sorted(ids(find(engine, "isf ledger"))) == [1, 2]


def test_the_query_sql_holds_no_word_the_reader_typed():
    typed = 'isf "home care" ledger\'); DROP TABLE x; --'
    sql, params = build_tsquery(expand(typed, SYNONYMS))
    assert "DROP" not in sql and "ledger" not in sql and "isf" not in sql
    assert sql.count("%s") == len(params)
    assert ("individual service fund" in params) and ("domiciliary care" in params)


def match(terms, audiences=(PUBLIC,), filters=None):
    tsquery, params = build_tsquery(expand(terms, SYNONYMS))
    return tsquery, params, postgres._where(tsquery, params, list(audiences), filters or {})


# Ranking: in PostgreSQL, title above summary and themes above body.


def test_a_word_in_the_title_outranks_the_same_word_often_in_the_body(engine):
    engine.index(
        [
            doc(1, "Notes", body="ledger " * 12),
            doc(2, "The ledger"),
            doc(3, "Notes", summary="About the ledger."),
            doc(4, "Notes", themes=["Ledger keeping"]),
        ]
    )
    ranked = ids(find(engine, "ledger"))
    assert ranked[0] == 2
    assert ranked[-1] == 1
    assert set(ranked[1:3]) == {3, 4}


def test_the_rank_is_computed_in_postgresql():
    tsquery, params, where = match("ledger")
    sql, _ = postgres._search_sql(tsquery, params, where, False, "", 20, 1)
    assert "ts_rank('{0.1, 0.2, 0.4, 1.0}', document" in sql
    assert "ORDER BY rank DESC, date DESC NULLS LAST, page_id\n            LIMIT %s OFFSET" in sql


# Audiences: kept apart by structure, whatever the query.


@pytest.mark.parametrize(
    "terms",
    [
        "ledger",
        "zephyrine",
        "zephyrine' OR audience <> 'public",
        "zephyrine | ledger",
        "!public & zephyrine",
        "zephyrine:*",
        "ledger) || to_tsquery('zephyrine'",
        "%",
    ],
)
def test_a_public_search_never_reaches_a_community(library, terms):
    found = find(library, terms)
    assert {10, 20}.isdisjoint(ids(found))
    assert found.facets["community"] == []


def test_a_member_reads_public_documents_and_their_own_community(library):
    assert sorted(ids(find(library, "ledger", (PUBLIC, CIRCLE)))) == [1, 10]
    assert ids(find(library, "quorlaxian", (PUBLIC, CIRCLE))) == []
    assert ids(find(library, "quorlaxian", (OTHER,))) == [20]


def test_a_page_in_two_of_the_readers_audiences_is_one_hit(engine):
    engine.index([doc(1, "Shared ledger"), doc(1, "Shared ledger", audience=CIRCLE)])
    found = find(engine, "ledger", (PUBLIC, CIRCLE))
    assert ids(found) == [1]
    assert found.total == 1


def test_no_audience_finds_nothing(library):
    assert find(library, "ledger", ()).total == 0


# Facets, pages and sorting.


def test_facets_count_every_match_not_only_the_page(engine):
    engine.index(
        [
            doc(
                n,
                f"Ledger {n}",
                themes=["Workforce"],
                date=f"{2020 + n % 2}-01-01",
                content_type="Insight" if n % 3 else "Tool",
            )
            for n in range(1, 31)
        ]
    )
    found = find(engine, "ledger", per_page=5)
    assert found.total == 30 and len(found.hits) == 5 and found.pages == 6
    facets = {name: {v.value: v.count for v in values} for name, values in found.facets.items()}
    assert facets["theme"] == {"Workforce": 30}
    assert facets["year"] == {"2020": 15, "2021": 15}
    assert facets["content_type"] == {"Insight": 20, "Tool": 10}
    assert [v.value for v in found.facets["content_type"]] == ["Insight", "Tool"]


def test_filters_narrow_the_hits_and_the_facets(library):
    found = find(library, "ledger", (PUBLIC, CIRCLE), filters={"theme": "Workforce"})
    assert ids(found) == [10]
    assert {v.value: v.count for v in found.facets["community"]} == {"Community 1": 1}
    assert ids(find(library, "ledger", filters={"year": "2024"})) == [1]
    assert ids(find(library, "ledger", filters={"content_type": "Insight"})) == []
    assert find(library, "ledger", filters={"year": "twenty"}).total == 0
    assert find(library, "ledger", filters={"year": "2024'; --"}).total == 0


def test_pages_and_sorting_by_date(engine):
    engine.index([doc(n, f"Ledger {n}", date=f"2024-01-{n:02d}") for n in range(1, 26)])
    assert ids(find(engine, "ledger", sort=NEWEST, per_page=10)) == list(range(25, 15, -1))
    assert ids(find(engine, "ledger", sort=NEWEST, per_page=10, page=3)) == list(range(5, 0, -1))
    assert ids(find(engine, "ledger", sort=OLDEST, per_page=10, page=2)) == list(range(11, 21))
    for page in (9, 10**30):
        beyond = find(engine, "ledger", sort=NEWEST, per_page=10, page=page)
        assert beyond.page == 3 and ids(beyond) == list(range(5, 0, -1))  # the last page
    assert find(engine, "ledger", per_page="ten", page=None).per_page == 20


def test_equal_ranks_fall_back_to_the_newest(engine):
    engine.index([doc(1, "Ledger", date="2020-01-01"), doc(2, "Ledger", date="2024-01-01")])
    assert ids(find(engine, "ledger")) == [2, 1]


# Snippets.


def test_snippets_are_escaped_with_matches_marked(engine):
    engine.index(
        [
            doc(
                1,
                "Ledger",
                summary="Why <script>alert(1)</script> keep a ledger?",
                body="A ledger & a balance, kept by the co-op. \ue000Not\ue001 a mark.",
            ),
        ]
    )
    snippet = find(engine, "ledger co-op").hits[0].snippet
    assert "<mark>ledger</mark>" in snippet
    assert "<mark>co-op</mark>" in snippet
    assert "&amp;" in snippet
    assert "<script" not in snippet and "\ue000" not in snippet
    assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_a_title_only_match_still_has_a_snippet_from_the_summary(engine):
    engine.index([doc(1, "Ledger", summary="What the monthly statement shows.")])
    assert find(engine, "ledger").hits[0].snippet.startswith("What the monthly statement")


# Did you mean.


def test_a_misspelt_word_gets_the_nearest_word_of_the_index(library):
    found = find(library, "ledgr")
    assert found.total == 0
    assert found.suggestion == "ledger"
    assert find(library, "montly ledgr").suggestion == "monthly ledger"
    assert find(library, "Ldeger").suggestion == "ledger"  # a swap, even in a short word
    assert find(library, "rtoas").suggestion == "rotas"
    assert find(library, "ledger").suggestion == ""


def test_a_suggestion_comes_only_from_the_readers_audiences(library):
    assert find(library, "zephirine").suggestion == ""
    assert find(library, "zephirine", (PUBLIC, CIRCLE)).suggestion == "zephyrine"


def test_a_removed_documents_words_are_never_suggested(library):
    library.remove([1])
    assert find(library, "ledgr").suggestion == ""
    assert find(library, "montly").suggestion == ""


def test_suggestions_without_pg_trgm(library, monkeypatch):
    monkeypatch.setattr(postgres, "_trigram_schema", lambda cursor: "")
    assert find(library, "ledgr").suggestion == "ledger"
    assert find(library, "zephirine").suggestion == ""
    assert find(library, "zephirine", (PUBLIC, CIRCLE)).suggestion == "zephyrine"


def test_edit_distance_counts_a_transposition_as_one():
    assert edit_distance("ledger", "ledger", 2) == 0
    assert edit_distance("ldeger", "ledger", 2) == 1
    assert edit_distance("lgr", "ledger", 2) == 3


# Safety: any input, no writes, the index usable.


@pytest.mark.parametrize(
    "terms",
    [
        "ledger & rota",
        "ledger | rota",
        "!ledger",
        "ledger:*",
        "ledger <-> rota",
        "ledger <2> rota",
        '"ledger',
        '"',
        '""',
        "(ledger",
        "ledger)",
        "(()",
        "'",
        "\\",
        "ledger:A",
        "&|!",
        "a & (b | !c)",
        "ledger\ue000",
        "ISF ISF isf",
        "'ledger' || 'x'",
        " ".join(["ledger"] * 100),
        "x" * 3000,
        "ſ",
        "co-op's",
        "ledger – rota",
    ],
)
def test_tsquery_syntax_is_only_text(library, terms):
    found = find(library, terms)  # never a syntax error from PostgreSQL
    assert set(ids(found)) <= {1, 2, 3} and found.total == len(found.hits)


def test_tsquery_operators_are_words_apart(library):
    assert ids(find(library, "ledger & monthly")) == [1]
    assert ids(find(library, "ledger | rota")) == []  # not an OR: both words must match
    assert ids(find(library, "!rota")) == [2]  # not a NOT


# transaction=True: the search runs in a transaction of its own, declared read only.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_search_writes_nothing(engine):
    engine.index([doc(1, "Keeping a ledger", body="The monthly ledger."), doc(2, "Ledger")])
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION READ ONLY")
            with CaptureQueriesContext(connection) as queries:
                found = find(engine, "ledger", filters={"theme": "x"})
                find(engine, "ledger")
                find(engine, "ledgr")  # with a suggestion
                bounded = find(PostgresSearchBackend(MAX_RANKED=1), "ledger", (PUBLIC, CIRCLE))
            cursor.execute("SELECT pg_current_xact_id_if_assigned()")
            assert cursor.fetchone()[0] is None  # no transaction id: nothing was written
        assert found.total == 0
        assert bounded.total == 2 and bounded.ranked == 1  # the sample full: all counted
        statements = [q["sql"].lstrip().split(None, 1)[0].upper() for q in queries]
        assert set(statements) <= {"SELECT", "WITH"}, statements
    finally:
        engine.clear()  # these tables are not Django's: the flush leaves them alone


def test_the_gin_index_answers_the_match(library):
    """The very query a search runs finds the few documents holding a rare word through the GIN
    index (seq scans off: over a few thousand rows a scan of the table is as cheap)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_document (page_id, audience, title, summary, body, url,"
            " content_type, community, themes)"
            " SELECT n, 'public', 'Note ' || n, '', 'Filler about rotas, number ' || n, '',"
            " 'Insight', '', '{}' FROM generate_series(1000, 6000) AS n"
        )
        cursor.execute("SELECT gin_clean_pending_list('search_document_document')")
        cursor.execute("ANALYZE search_document")
        cursor.execute("SET LOCAL enable_seqscan = off")
        tsquery, params, where = match("ledger")
        sql, params = postgres._search_sql(tsquery, params, where, False, "", 20, 1)
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on search_document_document" in plan, plan


def test_every_match_is_counted_through_the_gin_index(engine):
    """A common word: the sample walks the primary key back from the newest and stops; the
    count of every match takes the GIN index (reading no tsvector), never a scan that reads
    each row's vector, whatever the planner thinks of the word."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_document (page_id, audience, title, summary, body, url,"
            " content_type, community, themes)"
            " SELECT n, 'public', 'Note ' || n, '', 'Rotas, number ' || n, '',"
            " 'Insight', '', '{}' FROM generate_series(1, 5000) AS n"
        )
        cursor.execute("SELECT gin_clean_pending_list('search_document_document')")
        cursor.execute("ANALYZE search_document")
        tsquery, params, where = match("rotas")
        indexed = postgres._where(tsquery, params, [PUBLIC], {}, indexed=True)
        sql, params = postgres._search_sql(tsquery, params, where, False, "", 20, 1, 10, indexed)
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Scan Backward using search_document_pkey" in plan, plan
    assert "Bitmap Index Scan on search_document_document" in plan, plan
    assert "Seq Scan on search_document" not in plan, plan
    assert find(PostgresSearchBackend(MAX_RANKED=10), "rotas").total == 5000


def test_rows_keep_the_text_out_of_line(engine):
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'search_document'")
        assert cursor.fetchone()[0] == ["toast_tuple_target=256"]


def test_a_search_is_one_statement(library):
    with CaptureQueriesContext(connection) as queries:
        find(library, "ledger")
    assert len(queries) == 1  # the total, the facets and the page of hits together


# Bounded work: a query matching very many documents ranks a sample, counts every match.


@pytest.fixture
def bounded(engine):
    """An engine that ranks at most 10 matches, over 40 public ledgers: 30 insights of 2024,
    10 reports of 2025 (indexed last), and another community's 25 ledgers."""
    engine = PostgresSearchBackend(MAX_RANKED=10)
    engine.index(
        [
            doc(
                n,
                f"Insight {n}",
                body="ledger",
                content_type="Insight",
                date="2024-05-01",
                themes=["Governance"],
            )
            for n in range(1, 31)
        ]
        + [
            doc(
                n,
                f"Report {n}",
                body="ledger",
                content_type="Learning report",
                date="2025-05-01",
                themes=["Governance"],
            )
            for n in range(31, 41)
        ]
        + [doc(n, f"Other {n}", audience=OTHER, body="ledger zephyrine") for n in range(41, 66)]
    )
    return engine


def kinds(results):
    return {hit.title.split()[0] for hit in results.hits}


def test_a_common_word_is_counted_exactly_and_ranked_from_the_newest(bounded):
    results = find(bounded, "ledger", per_page=4)
    assert results.total == 40  # every match counted
    assert results.ranked == 10 and results.estimated and results.facets_estimated
    assert results.pages == 3  # only the ranked sample can be paged through
    assert kinds(results) == {"Report"}  # the newest indexed
    last = find(bounded, "ledger", per_page=4, page=99)
    assert last.page == 3 and len(last.hits) == 2
    newest = find(bounded, "ledger", sort=NEWEST)
    assert newest.ranked == 10 and kinds(newest) == {"Report"}


def test_facets_of_a_sample_are_scaled_to_every_match(bounded):
    results = find(bounded, "ledger")
    # The sample is the 10 reports; scaled to the 40 matches, to two significant figures.
    facets = {name: {v.value: v.count for v in values} for name, values in results.facets.items()}
    assert facets["content_type"] == {"Learning report": 40}
    assert facets["year"] == {"2025": 40}
    assert facets["theme"] == {"Governance": 40}
    assert facets["community"] == {}


def test_estimates_are_scaled_by_the_helper_both_engines_share(bounded, monkeypatch):
    calls = []

    def spy(facets, factor):
        calls.append(factor)
        return estimated_facets(facets, factor)

    monkeypatch.setattr(postgres, "estimated_facets", spy)
    find(bounded, "ledger")
    find(bounded, "ledger", filters={"year": "2025"})  # not bounded: exact, nothing scaled
    assert calls == [4.0]


def test_oldest_first_ranks_the_first_indexed(bounded):
    results = find(bounded, "ledger", sort=OLDEST)
    assert results.estimated and results.total == 40
    assert kinds(results) == {"Insight"}
    assert {v.value for v in results.facets["year"]} == {"2024"}


def test_a_filtered_search_is_counted_with_its_filters(bounded):
    results = find(bounded, "ledger", filters={"content_type": "Insight"})
    assert results.total == 30 and results.ranked == 10
    assert kinds(results) == {"Insight"}
    results = find(bounded, "ledger", filters={"theme": "Governance", "year": "2024"})
    assert results.total == 30 and results.ranked == 10


def test_fewer_matches_than_the_bound_are_exact(bounded):
    results = find(bounded, "ledger", filters={"year": "2025"})
    assert results.total == 10 and results.ranked is None and not results.estimated
    assert not results.facets_estimated
    assert {v.value: v.count for v in results.facets["content_type"]} == {"Learning report": 10}
    assert find(PostgresSearchBackend(MAX_RANKED=40), "ledger").ranked is None  # exactly full


def test_counting_every_match_never_counts_another_audiences(bounded):
    bounded.index([doc(n, f"Circle {n}", audience=CIRCLE, body="ledger") for n in range(70, 75)])
    assert find(bounded, "ledger", (PUBLIC, CIRCLE)).total == 45
    assert find(bounded, "zephyrine", (PUBLIC, CIRCLE)).total == 0
    assert find(bounded, "ledger", (CIRCLE,)).total == 5
    assert find(bounded, "ledger", (OTHER,)).total == 25
    assert find(bounded, "ledger", (OTHER,)).ranked == 10


def test_a_page_in_two_audiences_is_counted_once_when_bounded(bounded):
    # The 10 reports again, for the circle too: indexed last, so they are the whole sample.
    bounded.index([doc(n, f"Report {n}", audience=CIRCLE, body="ledger") for n in range(31, 41)])
    results = find(bounded, "ledger", (PUBLIC, CIRCLE))
    assert results.total == 40 and results.ranked == 10  # pages, not documents
    assert sorted(ids(results)) == list(range(31, 41))


def test_a_bounded_search_is_still_one_statement(bounded):
    with CaptureQueriesContext(connection) as queries:
        assert find(bounded, "ledger", (PUBLIC, CIRCLE)).estimated
    assert len(queries) == 1  # the sample, the count, the facets and the page together


# Diacritics: folded by the practice_english configuration, as SQLite FTS5 folds them.


def unaccent_installed():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_extension WHERE extname = 'unaccent'")
        return cursor.fetchone()[0] == 1


@pytest.fixture
def accented(engine):
    if not unaccent_installed():
        pytest.skip("the unaccent extension could not be created here")
    engine.index(
        [
            doc(1, "Zéphyrine ledger", body="The crème brûlée budget of Søren's co-op."),
            doc(2, "Plain notes", body="A zephyrine arrangement, agreed."),
            doc(3, "Café rotas", audience=CIRCLE, body="Rotas at the café."),
        ]
    )
    return engine


def test_accents_are_folded_both_ways(accented):
    assert sorted(ids(find(accented, "zephyrine"))) == [1, 2]
    assert sorted(ids(find(accented, "Zéphyrine"))) == [1, 2]
    assert ids(find(accented, "creme brulee")) == [1]
    assert ids(find(accented, "soren")) == [1]
    assert ids(find(accented, "cafe", (PUBLIC, CIRCLE))) == [3]
    assert ids(find(accented, "cafe")) == []  # folded, and still the reader's audiences only
    snippet = find(accented, "creme").hits[0].snippet
    assert "<mark>crème</mark>" in snippet  # the text as written, marked


def test_the_vocabulary_is_folded_for_did_you_mean(accented):
    with connection.cursor() as cursor:
        cursor.execute("SELECT word FROM search_word WHERE audience = 'public'")
        vocabulary = {row[0] for row in cursor.fetchall()}
    assert {"zephyrine", "creme", "brulee", "soren"} <= vocabulary
    assert all(word.isascii() for word in vocabulary)
    assert find(accented, "zephirine").suggestion == "zephyrine"
    assert find(accented, "zéphirine").suggestion == "zephyrine"
    assert find(accented, "crème budgat").suggestion == "crème budget"  # as typed, but one


def test_the_configuration_folds_accents_where_unaccent_could_be_created(engine):
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector(%s, 'Zéphyrine Crème')::text", [postgres.CONFIG])
        vector = cursor.fetchone()[0]
    if unaccent_installed():
        assert vector == "'creme':2 'zephyrin':1"
    else:
        assert vector == "'crème':2 'zéphyrine':1"


def test_without_unaccent_the_configuration_is_plain_english(library, monkeypatch):
    create = postgres._create_extension
    monkeypatch.setattr(
        postgres,
        "_create_extension",
        lambda editor, name: name != "unaccent" and create(editor, name),
    )
    with connection.schema_editor() as editor:  # DDL is transactional: rolled back after
        postgres.drop_schema(editor)
        postgres.create_schema(editor)
    engine = PostgresSearchBackend()
    engine.index([doc(1, "Zéphyrine ledger")])
    assert ids(find(engine, "zéphyrine ledgers")) == [1]  # English stemming as before
    assert ids(find(engine, "zephyrine")) == []  # accents count


def old_schema(editor):
    """The index as 0001 made it before 0002: vectors in english, rows as wide as PostgreSQL
    keeps them by default (the vocabulary is unfolded by the test)."""
    old_column = postgres._DOCUMENT_COLUMN.replace(f"'{postgres.CONFIG}'", "'english'")
    editor.execute("ALTER TABLE search_document RESET (toast_tuple_target)")
    editor.execute("ALTER TABLE search_document DROP COLUMN document")
    editor.execute(f"DROP TEXT SEARCH CONFIGURATION {postgres.CONFIG}")
    editor.execute(f"ALTER TABLE search_document ADD COLUMN {old_column}")
    editor.execute(postgres._DOCUMENT_INDEX_SQL)


def vocabulary():
    with connection.cursor() as cursor:
        cursor.execute("SELECT audience, word, documents FROM search_word ORDER BY 1, 2")
        words = cursor.fetchall()
        cursor.execute("SELECT word FROM search_spelling ORDER BY 1")
        return words, [row[0] for row in cursor.fetchall()]


def test_migration_0002_folds_an_index_made_before(library):
    library.index([doc(4, "Zéphyrine ledger", audience=CIRCLE, body="Crème brûlée.")])
    folded = vocabulary()
    assert (CIRCLE, "zephyrine", 2) in folded[0] and (CIRCLE, "creme", 1) in folded[0]
    with connection.schema_editor() as editor:
        old_schema(editor)
    with connection.cursor() as cursor:  # the words as they were counted before: unfolded
        cursor.execute("UPDATE search_word SET documents = 1 WHERE word = 'zephyrine'")
        cursor.execute("UPDATE search_word SET word = 'crème' WHERE word = 'creme'")
        cursor.execute("UPDATE search_word SET word = 'brûlée' WHERE word = 'brulee'")
        cursor.execute("INSERT INTO search_word VALUES (%s, 'zéphyrine', 1)", [CIRCLE])
        cursor.execute("INSERT INTO search_spelling VALUES ('zéphyrine'), ('crème'), ('brûlée')")
        cursor.execute(
            "SELECT page_id FROM search_document"
            " WHERE document @@ phraseto_tsquery('english', 'zephyrine')"
        )
        assert cursor.fetchall() == [(10,)]  # not the accented one

    with connection.schema_editor() as editor:
        postgres.update_schema_0002(editor)
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'search_document'")
        indexes = {row[0] for row in cursor.fetchall()}
    assert "search_document_document" in indexes
    test_rows_keep_the_text_out_of_line(library)
    assert sorted(ids(find(library, "zephyrine ledger", (CIRCLE,)))) == [4, 10]
    assert ids(find(library, "ledgers")) == [1]  # the rest as before
    assert find(library, "zephirine", (PUBLIC, CIRCLE)).suggestion == "zephyrine"
    assert vocabulary() == folded  # counted again from the documents, folded


def test_migration_0002_in_sql(library):
    with connection.schema_editor(collect_sql=True) as editor:
        postgres.update_schema_0002(editor)
    sql = "\n".join(editor.collected_sql)
    assert "CREATE EXTENSION IF NOT EXISTS unaccent" in sql
    assert f"CREATE TEXT SEARCH CONFIGURATION {postgres.CONFIG}" in sql
    assert "ADD COLUMN document tsvector GENERATED ALWAYS AS" in sql


def test_migration_0002_leaves_an_index_made_by_0001_as_it_is(library):
    with CaptureQueriesContext(connection) as queries, connection.schema_editor() as editor:
        postgres.update_schema_0002(editor)
    statements = {q["sql"].lstrip().split(None, 1)[0].upper() for q in queries}
    assert statements <= {"SELECT", "SAVEPOINT", "RELEASE"}, statements
    assert ids(find(library, "ledgers")) == [1]


# The schema and writing the index.


def test_the_document_vector_is_generated_with_weights(engine):
    engine.index([doc(1, "Ledgers", summary="Rotas", body="Budgets", themes=["Workforce"])])
    with connection.cursor() as cursor:
        cursor.execute("SELECT document::text, year FROM search_document")
        assert cursor.fetchone() == ("'budget':4C 'ledger':1A 'rota':2B 'workforc':3B", 2025)


def test_the_schema_is_dropped_and_made_again(library):
    with connection.schema_editor() as editor:  # DDL is transactional: rolled back after
        postgres.drop_schema(editor)
        postgres.create_schema(editor)
    engine = PostgresSearchBackend()
    assert engine.count() == 0
    engine.index([doc(1, "Ledger")])
    assert ids(find(engine, "ledger")) == [1]
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename LIKE 'search_%%'")
        indexes = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")
        trigram = cursor.fetchone()[0] == 1
    assert {"search_document_document", "search_document_audience"} <= indexes
    assert ("search_spelling_trigram" in indexes) == trigram


def test_index_replaces_a_document_and_its_words(engine):
    engine.index([doc(1, "Ledger", audience=CIRCLE)])
    assert engine.index([doc(1, "Rota", audience=CIRCLE), doc(1, "Rota", audience=CIRCLE)]) == 1
    assert engine.count() == 1
    assert ids(find(engine, "ledger", (CIRCLE,))) == []
    assert ids(find(engine, "rota", (CIRCLE,))) == [1]
    with connection.cursor() as cursor:
        cursor.execute("SELECT word, documents FROM search_word ORDER BY word")
        assert cursor.fetchall() == [("rota", 1)]


def test_remove_takes_every_audience_of_a_page(library):
    library.remove([10, 20, 999])
    assert library.count() == 3
    assert find(library, "ledger", (CIRCLE, OTHER)).total == 0


def test_clear_empties_the_index(library):
    library.clear()
    assert library.count() == 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_word")
        assert cursor.fetchone()[0] == 0


def test_text_postgresql_cannot_store_is_dropped(engine):
    engine.index([doc(1, "Nul\x00 ledger", body="\x00", date="not a date", themes=["A\x00"])])
    hit = find(engine, "ledger").hits[0]
    assert hit.title == "Nul ledger" and hit.date == "" and hit.themes == ("A",)
