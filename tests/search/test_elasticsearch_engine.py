"""The Elasticsearch engine's own promises (search/backends/elasticsearch.py), beyond the
behaviour every engine shares (test_engine.py runs all of that on Elasticsearch too).

The first tests run on the stand-in too, where it is faithful: indexes per audience, no
reliance on copy_to (which the stand-in ignores), writes once a page's change commits, the
glossary reaching the search analyzer, the result window. Rebuilds, the fallback and the
synonyms set itself are in test_elasticsearch_operations.py.

Those marked `real_elasticsearch` need a real Elasticsearch 8 (ELASTICSEARCH_URL), because the
stand-in differs there: the search analyzer's synonym graph with multi-word synonyms, strict
400s for bad requests, the exact text of highlighted fragments."""

import contextlib

import pytest
from django.db import transaction
from elasticsearch import BadRequestError

from search.backends.base import NEWEST, PUBLIC, SearchQuery
from themes.models import GlossaryTerm

from .test_engine import ISFS, A, ask, doc, publish_output, titles


@pytest.fixture
def es(elasticsearch_engine):
    return elasticsearch_engine


def analyzer_only(terms, audiences=(PUBLIC,)):
    """A query with no glossary expansion of its own: only the cluster's analyzers (the synonym
    graph read from the synonyms set) can find a synonym."""
    return SearchQuery(terms=terms, audiences=frozenset(audiences), synonyms=())


# --- on the stand-in ---------------------------------------------------------------------------


def test_one_index_per_audience_named_from_the_prefix(
    es, elasticsearch_client, elasticsearch_prefix
):
    es.index(
        [
            doc("Public ledger", body="ledger"),
            doc("Circle ledger", body="ledger", audience=A),
            doc("Circle rotas", body="rotas", audience=A),
        ]
    )
    client = elasticsearch_client
    counts = {
        alias: client.count(index=alias)["count"]
        for alias in (f"{elasticsearch_prefix}-public", f"{elasticsearch_prefix}-members-{A}")
    }
    assert counts == {f"{elasticsearch_prefix}-public": 1, f"{elasticsearch_prefix}-members-{A}": 2}
    assert es.count() == 3
    indexes = client.indices.get(index=f"{elasticsearch_prefix}-*").body
    assert len(indexes) == 2  # one index behind each alias
    assert all(name.startswith(elasticsearch_prefix) for name in indexes)


def test_the_mapping_relies_on_nothing_the_stand_in_ignores(
    es, elasticsearch_client, elasticsearch_prefix
):
    """The stand-in ignores copy_to (and so would pass a search that finds nothing): the engine
    must search named fields, never a field filled by copy_to."""
    es.index([doc("Public ledger", body="ledger")])
    mappings = elasticsearch_client.indices.get_mapping(index=f"{elasticsearch_prefix}-public").body
    assert mappings
    assert "copy_to" not in str(mappings)
    assert titles(ask(es, "ledger")) == ["Public ledger"]


def test_indexing_reaches_the_cluster_once_the_change_commits(
    es, hub, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        output = publish_output(hub, "Keeping an ISF ledger", body="<p>A zephyrine balance.</p>")
        assert titles(ask(es, "zephyrine")) == []  # not before the change commits
    assert callbacks
    assert titles(ask(es, "zephyrine")) == ["Keeping an ISF ledger"]
    with django_capture_on_commit_callbacks(execute=True):
        with contextlib.suppress(RuntimeError), transaction.atomic():
            output.body = "<p>A monthly balance.</p>"
            output.save_revision().publish()
            raise RuntimeError("rolled back")
    assert titles(ask(es, "monthly")) == []  # a change rolled back never reaches the cluster
    assert titles(ask(es, "zephyrine")) == ["Keeping an ISF ledger"]


def test_the_glossary_reaches_the_search_analyzer(es, django_capture_on_commit_callbacks):
    es.index(
        [
            doc("Acronym only", body="The TLAP checklist."),
            doc("Spelled out", body="Think Local Act Personal published a checklist."),
        ]
    )
    assert titles(es.search(analyzer_only("TLAP"))) == ["Acronym only"]
    with django_capture_on_commit_callbacks(execute=True):
        term = GlossaryTerm.objects.create(term="Think Local Act Personal", synonyms="TLAP")
    # The synonyms set is the glossary now, and the analyzers reading it were reloaded.
    assert set(titles(es.search(analyzer_only("TLAP")))) == {"Acronym only", "Spelled out"}
    with django_capture_on_commit_callbacks(execute=True):
        term.delete()
    assert titles(es.search(analyzer_only("TLAP"))) == ["Acronym only"]


def test_results_beyond_the_result_window_are_never_an_error(es):
    es.index([doc(f"Ledger {n}", body="ledger", date=f"2025-01-{n + 1:02d}") for n in range(3)])
    results = ask(es, "ledger", per_page=1, page=20_000)  # from + size far beyond 10,000
    assert results.page == 3 and titles(results) == ["Ledger 0"]
    assert titles(ask(es, "ledger", per_page=1, page=20_000, sort=NEWEST)) == ["Ledger 0"]


# --- only a real Elasticsearch 8 -----------------------------------------------------------------

SYNONYM_DOCUMENTS = [
    doc("Acronym", body="How ISFs are held by providers.", page_id=810_001),
    doc("Spelled out", body="An individual service fund, held by a provider.", page_id=810_002),
    # Every word of the synonym, but not as the phrase: a synonym graph keeps them together, a
    # flattened one (the stand-in's, with AND or in a phrase) matches them word by word.
    doc(
        "Word by word",
        body="An individual approach to the service, and a fund held in common.",
        page_id=810_003,
    ),
]


@pytest.mark.real_elasticsearch
def test_a_multi_word_synonym_is_matched_as_a_phrase(es):
    es.index(SYNONYM_DOCUMENTS)
    both = {"Acronym", "Spelled out"}
    for terms in ("ISF", "ISFs", "individual service fund", "individual service funds"):
        assert set(titles(ask(es, terms))) == both, terms  # with the glossary
    assert set(titles(ask(es, "ISF held"))) == both  # AND with another word
    assert set(titles(ask(es, "held ISF"))) == both
    # The synonym graph alone (the search analyzer, from the synonyms set):
    assert set(titles(es.search(analyzer_only("ISF")))) == both
    assert set(titles(es.search(analyzer_only("ISF held")))) == both


@pytest.mark.real_elasticsearch
def test_a_bad_request_is_refused_not_answered_empty(
    es, elasticsearch_client, elasticsearch_prefix
):
    """Real Elasticsearch refuses what it cannot parse (the stand-in answers 200 and no hits),
    so the shared tests passing here means every request the engine sends is well formed."""
    es.index([doc("Public ledger", body="ledger")])
    client = elasticsearch_client
    alias = f"{elasticsearch_prefix}-public"
    with pytest.raises(BadRequestError):
        client.search(index=alias, query={"match": {"body": {"query": "ledger", "bogus": 1}}})
    with pytest.raises(BadRequestError):
        client.search(index=alias, size=0, aggs={"words": {"terms": {"field": "body"}}})
    results = ask(es, "ledger")  # the engine's own request, for contrast: accepted, and found
    assert titles(results) == ["Public ledger"] and results.facets["theme"] == []


@pytest.mark.real_elasticsearch
def test_highlighted_fragments_are_exact(es):
    es.index(
        [
            doc(
                "Short", body="Members kept their ledgers weekly at the hub & <b>nowhere</b> else."
            ),
            doc(
                "Long",
                themes=(ISFS,),
                body=(
                    "The circle met four times over the spring to compare how each council holds "
                    "an "
                    "individual fund, and who answers for it when a provider changes hands "
                    "mid-year. "
                    "They kept zephyrine ledgers weekly, one per person. "
                    "After the summer the group wrote up what it had learned for the hub."
                ),
            ),
        ]
    )
    [short] = ask(es, "ledgers hub nowhere").hits
    assert short.snippet == (
        "Members kept their <mark>ledgers</mark> weekly at the <mark>hub</mark> &amp; "
        "&lt;b&gt;<mark>nowhere</mark>&lt;/b&gt; else."
    )
    [long] = ask(es, "zephyrine").hits
    assert long.snippet.startswith("They kept <mark>zephyrine</mark> ledgers weekly")
    assert long.snippet.count("<mark>") == 1
    assert "The circle met" not in long.snippet  # a fragment, not the body from its start
