"""The SQLite FTS5 engine's own promise (search/backends/sqlite.py): work stays bounded for a
query that matches very many documents, and the reader is told what was estimated.

Skipped unless the database is SQLite (the PostgreSQL pass runs test_postgres_engine.py); the
behaviour both engines share is in test_engine.py."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.backends.base import OLDEST, PUBLIC, FacetValue, SearchDocument, estimated_facets
from search.backends.sqlite import SQLiteFTS5Backend
from search.query import build_query

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the SQLite engine needs SQLite"
)

CIRCLE, OTHER = "7001", "7002"


def doc(
    page_id,
    title,
    *,
    audience=PUBLIC,
    body="ledger",
    content_type="Insight",
    themes=("Governance",),
    date="2025-01-01",
):
    return SearchDocument(
        page_id=page_id,
        audience=audience,
        title=title,
        summary="",
        body=body,
        url=f"/p/{page_id}/",
        content_type=content_type,
        community="" if audience == PUBLIC else f"Community {audience}",
        themes=themes,
        date=date,
    )


@pytest.fixture
def engine(db):
    """An engine that ranks at most 10 matches, over 40 public ledgers: 30 insights of 2024,
    10 reports of 2025 (indexed last), and another community's 25 ledgers."""
    engine = SQLiteFTS5Backend(MAX_RANKED=10)
    engine.clear()
    engine.index(
        [doc(n, f"Insight {n}", date="2024-05-01") for n in range(1, 31)]
        + [
            doc(n, f"Report {n}", content_type="Learning report", date="2025-05-01")
            for n in range(31, 41)
        ]
        + [doc(n, f"Other {n}", audience=OTHER, body="ledger zephyrine") for n in range(41, 66)]
    )
    return engine


def ask(engine, terms, audiences=(PUBLIC,), **options):
    return engine.search(build_query(terms, audiences, **options))


def test_a_common_word_is_counted_exactly_and_ranked_from_the_newest(engine):
    results = ask(engine, "ledger", per_page=4)
    assert results.total == 40  # every match counted
    assert results.ranked == 10 and results.estimated and results.facets_estimated
    assert results.pages == 3  # only the ranked sample can be paged through
    assert {hit.title.split()[0] for hit in results.hits} == {"Report"}  # the newest indexed
    assert ask(engine, "ledger", per_page=4, page=99).page == 3


def test_facets_of_a_sample_are_scaled_to_every_match(engine):
    results = ask(engine, "ledger")
    # The sample is the 10 reports; scaled to the 40 matches, to two significant figures.
    assert {v.value: v.count for v in results.facets["content_type"]} == {"Learning report": 40}
    assert {v.value: v.count for v in results.facets["year"]} == {"2025": 40}


def test_estimates_keep_two_significant_figures():
    values = {"content_type": [FacetValue("Insight", n) for n in (1, 7, 45, 163, 999)]}
    assert [v.count for v in estimated_facets(values, 1.0)["content_type"]] == [1, 7, 45, 160, 1000]
    assert [v.count for v in estimated_facets(values, 97.559)["content_type"]] == [
        98,
        680,
        4400,
        16000,
        97000,
    ]


def test_oldest_first_ranks_the_first_indexed(engine):
    results = ask(engine, "ledger", sort=OLDEST)
    assert results.estimated
    assert {hit.title.split()[0] for hit in results.hits} == {"Insight"}


def test_a_filtered_search_is_counted_with_its_filters(engine):
    results = ask(engine, "ledger", filters={"content_type": "Insight"})
    assert results.total == 30 and results.ranked == 10
    assert all(hit.title.startswith("Insight") for hit in results.hits)


def test_fewer_matches_than_the_bound_are_exact(engine):
    results = ask(engine, "ledger", filters={"year": "2025"})
    assert results.total == 10 and results.ranked is None and not results.estimated
    assert not results.facets_estimated
    assert {v.value: v.count for v in results.facets["content_type"]} == {"Learning report": 10}


def test_counting_every_match_never_counts_another_audiences(engine):
    engine.index([doc(n, f"Circle {n}", audience=CIRCLE) for n in range(70, 75)])
    assert ask(engine, "ledger", (PUBLIC, CIRCLE)).total == 45
    assert ask(engine, "zephyrine", (PUBLIC, CIRCLE)).total == 0
    assert ask(engine, "ledger", (CIRCLE,)).total == 5


def test_a_bounded_search_takes_one_more_query(engine):
    query = build_query("ledger", (PUBLIC,))
    with CaptureQueriesContext(connection) as captured:
        engine.search(query)
    assert len(captured.captured_queries) == 3  # the sample, the count, the snippets
