"""An Elasticsearch that accepts connections and never answers: searches still answer, from
the embedded engine, and after a few failures the cluster is not asked at all for a while (the
circuit breaker in search/backends/elasticsearch.py), so nobody waits on it. How long each
search takes is measured in bench/hung_services.py."""

import pytest

from search.backends import get_search_backend, reset_search_backends
from search.backends.elasticsearch import FALLBACK_NOTICE

from ..hung_service import hung_server
from .test_public_search import publish_output

FAILURES = 3


@pytest.fixture
def hung_cluster(db, settings):
    with hung_server() as server:
        settings.SEARCH_BACKENDS = {
            "default": {
                "BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
                "URL": server.url,
                "INDEX_PREFIX": "test-hung",
                "TIMEOUT": 0.3,
                "FALLBACK": "embedded",
                "BREAKER_FAILURES": FAILURES,
                "BREAKER_RESET": 600,
            },
            "embedded": settings.EMBEDDED_SEARCH_BACKEND,
        }
        reset_search_backends()
        get_search_backend("embedded").clear()
        yield server
        reset_search_backends()


def search(client, words):
    response = client.get("/search/", {"q": words})
    assert response.status_code == 200
    return response.content.decode()


def test_searches_fall_back_then_stop_asking_a_hung_cluster(hung_cluster, hub, client):
    publish_output(hub, "Rotas that keep care workers")

    for _ in range(FAILURES):
        html = search(client, "rotas")
        assert "Rotas that keep care workers" in html
        assert FALLBACK_NOTICE.split(",")[0] in html
    tried = hung_cluster.connections
    assert tried >= 1

    for _ in range(5):  # the breaker is open: answered at once, the cluster not tried
        assert "Rotas that keep care workers" in search(client, "rotas")
    assert hung_cluster.connections == tried


def test_pages_still_save_and_skip_the_cluster_while_the_breaker_is_open(
    hung_cluster, hub, client, django_capture_on_commit_callbacks
):
    for _ in range(FAILURES):
        search(client, "rotas")
    tried = hung_cluster.connections

    with django_capture_on_commit_callbacks(execute=True):  # indexing runs after the commit
        publish_output(hub, "Keeping an ISF ledger")

    assert hung_cluster.connections == tried
    assert "Keeping an ISF ledger" in search(client, "ledger")  # the embedded engine has it


def test_the_breaker_tries_again_after_a_while_and_closes_on_success():
    from search.backends.elasticsearch import CircuitBreaker

    now = [0.0]
    breaker = CircuitBreaker(failures=2, reset_after=30, clock=lambda: now[0])
    breaker.failed()
    assert breaker.allows()  # one failure is not enough
    breaker.failed()
    assert not breaker.allows()
    now[0] = 31
    assert breaker.allows()  # one trial...
    assert not breaker.allows()  # ...at a time
    breaker.failed()
    assert not breaker.allows()  # failed again: open for another while
    now[0] = 62
    assert breaker.allows()
    breaker.succeeded()
    assert breaker.allows() and breaker.allows()
