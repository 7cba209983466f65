"""A cache that fails (config/cache.py): the site serves every page uncached, says so once, and
uses the cache again when it is back. Redis is reached at a closed port, never stopped: the
machine's own Redis (127.0.0.1:6379) stands in for the one that comes back, in a database of
its own that only these tests flush."""

import logging
import socket
import threading

import pytest
import redis
from django.core.cache import caches

from config import cache as tolerant_cache
from config.settings.base import cache_from_url

REDIS = ("127.0.0.1", 6379)
TEST_DB = 13  # flushed by these tests, and nothing else

PAGES = (
    "/",
    "/learning/",
    "/learning/feed/",
    "/learning/feed/atom/",
    "/api/outputs/",
    "/api/themes/",
    "/sitemap.xml",
    "/search/?q=isf",
    "/accounts/login/",
    "/robots.txt",
)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once the probe is closed


@pytest.fixture
def redis_at(settings):
    """Point every cache at a Redis on this port, as PUBLIC_CACHE_URL and CACHE_URL would."""
    tolerant_cache._down_until.clear()

    def point(port):
        settings.CACHES = {
            "default": cache_from_url(f"redis://127.0.0.1:{port}/{TEST_DB - 1}"),
            settings.PUBLIC_CACHE_ALIAS: cache_from_url(
                f"redis://127.0.0.1:{port}/{TEST_DB}", TIMEOUT=60
            ),
        }

    yield point
    tolerant_cache._down_until.clear()
    for db in (TEST_DB - 1, TEST_DB):
        redis.Redis(*REDIS, db=db).flushdb()


class Relay:
    """A TCP relay to the machine's Redis, on a port that was closed until now: Redis back."""

    def __init__(self, port):
        self.server = socket.create_server(("127.0.0.1", port))
        self.open = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return  # closed
            upstream = socket.create_connection(REDIS)
            self.open += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            sink.close()

    def close(self):
        self.server.close()
        for conn in self.open:
            conn.close()


def test_every_page_is_served_while_the_cache_is_down_and_that_is_said_once(
    hub, client, redis_at, caplog
):
    port = _closed_port()
    redis_at(port)
    with caplog.at_level(logging.WARNING, logger="config.cache"):
        for _ in range(2):
            for url in PAGES:
                assert client.get(url).status_code == 200, url
    warnings = [r.getMessage() for r in caplog.records if r.name == "config.cache"]
    assert len(warnings) == 2  # one for each cache, not one for each request
    assert any(f":{port}/{TEST_DB} cannot be reached" in w for w in warnings)


def test_a_hung_cache_is_waited_for_once_not_at_every_request(hub, client, redis_at):
    """A Redis that accepts connections and never answers: its timeout is paid once, then the
    site stops asking it until RETRY_AFTER has passed."""
    with socket.create_server(("127.0.0.1", 0)) as hung:
        redis_at(hung.getsockname()[1])
        hung.settimeout(0)
        for url in PAGES:
            assert client.get(url).status_code == 200, url
        asked = 0
        while True:
            try:
                hung.accept()[0].close()
            except BlockingIOError:
                break
            asked += 1
    assert asked == 2  # each cache once, then none of the pages waited on it


def test_pages_are_cached_again_when_the_cache_is_back(
    hub, client, redis_at, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(tolerant_cache, "RETRY_AFTER", 0.0)  # try again at the next request
    port = _closed_port()
    redis_at(port)
    assert client.get("/learning/").status_code == 200  # down: rendered, not kept
    relay = Relay(port)
    try:
        assert client.get("/learning/").status_code == 200  # back: rendered and kept
        with django_assert_num_queries(0):
            assert client.get("/learning/").status_code == 200
        assert redis.Redis(*REDIS, db=TEST_DB).dbsize() > 0
    finally:
        relay.close()


def test_a_purge_lost_while_the_cache_was_down_is_not_undone_when_it_returns(
    hub, client, redis_at, monkeypatch
):
    """A page taken down during an outage must not come back from the cache's old copy."""
    monkeypatch.setattr(tolerant_cache, "RETRY_AFTER", 0.0)
    port = _closed_port()
    redis_at(port)
    relay = Relay(port)
    cache = caches["public_pages"]
    cache.set("stale", "a page since taken down")
    relay.close()
    cache.clear()  # the purge, lost
    relay = Relay(port)
    try:
        assert cache.get("stale") is None
    finally:
        relay.close()
