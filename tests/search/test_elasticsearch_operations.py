"""Running the Elasticsearch engine (search/backends/elasticsearch.py): rebuilds that switch
indexes without downtime, falling back to the embedded engine when the cluster cannot answer,
the glossary reaching the cluster's synonyms set, and readers getting the same results as on
the embedded engine.

Against the stand-in CI starts, or a real cluster with ELASTICSEARCH_URL (tests/search/conftest.py).
The search behaviour both engines share is in test_engine.py."""

import socket
import uuid

import pytest

from search.backends import get_search_backend, reset_search_backends
from search.backends.base import PUBLIC, SearchDocument
from search.backends.elasticsearch import FALLBACK_NOTICE, ElasticsearchBackend
from search.query import build_query
from themes.models import GlossaryTerm

CIRCLE = "7001"


def doc(page_id, title, *, audience=PUBLIC, body="ledger"):
    return SearchDocument(
        page_id=page_id,
        audience=audience,
        title=title,
        summary="",
        body=body,
        url=f"/p/{page_id}/",
        content_type="Insight",
        community="" if audience == PUBLIC else "Care Enterprise Circle",
        themes=("Governance",),
        date="2025-01-01",
    )


def titles(engine, terms, audiences=(PUBLIC,)):
    return sorted(hit.title for hit in engine.search(build_query(terms, audiences)).hits)


@pytest.fixture
def cluster(db, elasticsearch_url):
    engine = ElasticsearchBackend(
        URL=elasticsearch_url, INDEX_PREFIX=f"test-ops-{uuid.uuid4().hex[:8]}"
    )
    engine.clear()
    yield engine
    engine.clear()
    engine.client.options(ignore_status=404).synonyms.delete_synonym(id=engine.synonyms_set)


def behind(engine, alias) -> list[str]:
    return sorted(engine.client.indices.get_alias(name=alias).body)


def test_a_rebuild_switches_to_new_indexes_in_one_step(cluster):
    cluster.index([doc(1, "Old ledger"), doc(2, "Circle ledger", audience=CIRCLE)])
    public_before = behind(cluster, cluster.alias_of(PUBLIC))
    seen_during = []

    def documents():
        yield doc(1, "New ledger")
        # Half-way: readers still get the old indexes, whole.
        seen_during.append(titles(cluster, "ledger", (PUBLIC, CIRCLE)))
        yield doc(3, "Another ledger")

    counts = cluster.rebuild(documents())
    assert seen_during == [["Circle ledger", "Old ledger"]]
    assert titles(cluster, "ledger", (PUBLIC, CIRCLE)) == ["Another ledger", "New ledger"]
    # The circle had no documents this time: its alias moved to an empty index.
    assert counts == {cluster.alias_of(PUBLIC): 2}
    assert len(behind(cluster, cluster.alias_of(PUBLIC))) == 1
    assert behind(cluster, cluster.alias_of(PUBLIC)) != public_before
    assert not cluster.client.indices.exists(index=public_before[0])  # the old one is gone
    assert not cluster.client.indices.exists_alias(name=cluster.alias_of(PUBLIC) + "-next")


def test_a_change_made_during_a_rebuild_is_not_lost(cluster):
    cluster.index([doc(1, "Ledger as it was")])

    def documents():
        yield doc(2, "Rotas ledger")
        cluster.index([doc(1, "Ledger as edited")])  # a publish while the rebuild runs
        yield doc(1, "Ledger as it was")  # the rebuild's copy, read before the edit

    cluster.rebuild(documents())
    assert titles(cluster, "ledger") == ["Ledger as edited", "Rotas ledger"]


@pytest.fixture
def unreachable(db, settings):
    """Elasticsearch configured at an address nobody answers, the embedded engine as fallback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # free now, and nothing listens on it
    settings.SEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
            "URL": f"http://127.0.0.1:{port}",
            "INDEX_PREFIX": "test-unreachable",
            "TIMEOUT": 1,
            "FALLBACK": "embedded",
        },
        "embedded": settings.EMBEDDED_SEARCH_BACKEND,
    }
    reset_search_backends()
    get_search_backend("embedded").clear()
    yield get_search_backend()
    reset_search_backends()


def test_an_unreachable_cluster_falls_back_to_the_embedded_engine(unreachable):
    unreachable.index([doc(1, "Public ledger")])  # logged, never raised
    unreachable.remove([1])
    get_search_backend("embedded").index([doc(1, "Public ledger")])
    results = unreachable.search(build_query("ledger", (PUBLIC,)))
    assert [hit.title for hit in results.hits] == ["Public ledger"]
    assert results.notice == FALLBACK_NOTICE


def test_stopping_the_cluster_falls_back_cleanly(db, settings):
    from .conftest import StandIn

    stand_in = StandIn()
    try:
        settings.SEARCH_BACKENDS = {
            "default": {
                "BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
                "URL": stand_in.start(),
                "INDEX_PREFIX": "test-stopped",
                "TIMEOUT": 2,
                "FALLBACK": "embedded",
            },
            "embedded": settings.EMBEDDED_SEARCH_BACKEND,
        }
        reset_search_backends()
        cluster, embedded = get_search_backend(), get_search_backend("embedded")
        embedded.clear()
        for engine in (cluster, embedded):
            engine.index([doc(1, "Public ledger"), doc(2, "Circle ledger", audience=CIRCLE)])
        answered = cluster.search(build_query("ledger", (PUBLIC,)))
        assert [hit.title for hit in answered.hits] == ["Public ledger"]
        assert answered.notice == ""
    finally:
        stand_in.stop()
    try:
        fallen_back = cluster.search(build_query("ledger", (PUBLIC,)))
        assert [hit.title for hit in fallen_back.hits] == ["Public ledger"]  # audiences kept
        assert fallen_back.notice == FALLBACK_NOTICE
        cluster.index([doc(3, "Another ledger")])  # logged, never raised: the page still saves
    finally:
        reset_search_backends()


def test_the_search_page_says_when_it_fell_back(unreachable, client):
    get_search_backend("embedded").index([doc(1, "Public ledger")])
    page = client.get("/search/", {"q": "ledger"}).content.decode()
    assert "Public ledger" in page
    assert "The full search service is not answering just now" in page


@pytest.fixture
def configured(cluster, settings, elasticsearch_url):
    """The cluster as the site's only engine."""
    settings.SEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
            "URL": elasticsearch_url,
            "INDEX_PREFIX": cluster.prefix,
        }
    }
    reset_search_backends()
    yield cluster
    reset_search_backends()


def test_a_glossary_edit_reaches_the_clusters_synonyms(
    configured, django_capture_on_commit_callbacks
):
    cluster = configured
    with django_capture_on_commit_callbacks(execute=True):
        GlossaryTerm.objects.create(term="Zephyrine budget", synonyms="ZB", meaning="A test term.")
    rules = cluster.client.synonyms.get_synonym(id=cluster.synonyms_set, size=1000).body
    assert "zb, zephyrine budget" in [rule["synonyms"] for rule in rules["synonyms_set"]]


SECTOR_QUERIES = [
    "ISF",
    "individual service funds",
    "home care",
    "domiciliary care",
    "self care",
    "self-management",
    "DP",
    "direct payments",
    "co-op",
    "co-operative",
    "rotas",
    "ledger",
    "care workers",
    "VCSE",
    "voluntary sector",
    "commissioning outcomes",
]


def test_readers_and_members_get_the_same_results_as_on_the_embedded_engine(
    configured,
    programme,
    elasticsearch_url,
    settings,
    client_for,
    django_capture_on_commit_callbacks,
):
    """Tried as readers would: the same pages, through the same search pages, on both."""
    from knowledge.models import HomePage
    from learning.models import LearningHubPage, PublicOutputPage

    settings.SEARCH_BACKENDS = {
        **settings.SEARCH_BACKENDS,
        "embedded": settings.EMBEDDED_SEARCH_BACKEND,
    }
    reset_search_backends()
    with django_capture_on_commit_callbacks(execute=True):
        hub = HomePage.objects.get().add_child(
            instance=LearningHubPage(title="Learning", slug="learning")
        )
        for title, summary in [
            ("Rotas that keep care workers", "Domiciliary care workers agree their own rotas."),
            ("Keeping an ISF ledger", "An individual service fund ledger, kept monthly."),
            ("Direct payments in practice", "What people did with a direct payment."),
            ("Self-management groups", "Peer groups for self-management of long conditions."),
            ("A care co-operative", "How a co-operative of home care workers began."),
            ("Voluntary sector partners", "Commissioning outcomes with the voluntary sector."),
        ]:
            output = hub.add_child(instance=PublicOutputPage(title=title, summary=summary))
            output.save_revision().publish()
        for page in programme.pages.values():
            programme.publish(page)
    assert configured.count() == get_search_backend("embedded").count() == 11

    member = str(programme.community.pk)
    for terms in SECTOR_QUERIES:
        for audiences in ((PUBLIC,), (PUBLIC, member)):
            on_cluster = titles(configured, terms, audiences)
            assert on_cluster == titles(get_search_backend("embedded"), terms, audiences), terms
    assert titles(configured, "ISF") == ["Keeping an ISF ledger"]  # never an empty pass
    assert titles(configured, "home care") == [
        "A care co-operative",
        "Rotas that keep care workers",
    ]
    reader = client_for(None).get("/search/", {"q": "self care"}).content.decode()
    assert "Self-management groups" in reader and "Did you mean" not in reader
    members_page = client_for(programme.member).get("/search/members/", {"q": "ISF"})
    assert "Start small with ISFs" in members_page.content.decode()
