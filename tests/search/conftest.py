"""The search engines under test, each empty of anything but what a test puts in it.

`engine` runs each behaviour test twice: on the embedded engine the database gives (SQLite FTS5
here, PostgreSQL in CI's second run) and on Elasticsearch. Elasticsearch is the cluster at
ELASTICSEARCH_URL if that is set; otherwise a stand-in (noida-db, from requirements.txt) that
this session starts on a free port (never 9200) and stops at its end. Without it the
Elasticsearch runs skip, except in CI (the CI variable set), where they fail; an
ELASTICSEARCH_URL that does not answer always fails.

Under pytest-xdist each worker is its own session: it starts its own stand-in, on its own port,
the first time one of its tests needs it (a stand-in starts in a fraction of a second and holds
about 25 MB), and stops it when it finishes, so workers share nothing and need no locking.
With ELASTICSEARCH_URL every worker shares the cluster; each session's indexes carry its own
INDEX_PREFIX, so they never meet, and are deleted when the session ends.

Tests marked `real_elasticsearch` check what only a real Elasticsearch 8 can confirm, where the
stand-in is known to differ (multi-word synonyms in the search analyzer's synonym graph with
AND or phrases, 400s for bad requests, exact highlighted fragments, copy_to): they skip unless
ELASTICSEARCH_URL names a real cluster.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from search.backends import get_search_backend, reset_search_backends

ELASTICSEARCH_BACKEND = "search.backends.elasticsearch.ElasticsearchBackend"
STARTUP_SECONDS = 30
START_ATTEMPTS = 3  # a free port can be taken between choosing it and the stand-in binding it
STOP_SECONDS = 10


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def unavailable(reason: str):
    """Skip on a workstation; fail in CI, which must never pass by skipping these tests."""
    if in_ci():
        pytest.fail(f"CI is set, so the Elasticsearch tests must run. {reason}", pytrace=False)
    pytest.skip(reason)


@dataclass(frozen=True)
class Elasticsearch:
    url: str
    stand_in: bool  # the noida-db stand-in, not a real Elasticsearch
    options: dict  # API_KEY, CA_CERTS for a secured cluster


# --- the stand-in -----------------------------------------------------------------------------


def _noida_db() -> str | None:
    """The noida-db script of this interpreter's environment (make test runs .venv/bin/python
    without .venv/bin on PATH), else whichever is on PATH."""
    beside = Path(sys.executable).parent / "noida-db"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("noida-db")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:  # noqa: S310 (our own URL)
            return response.status == 200 and b'"tagline"' in response.read()
    except OSError:
        return False


# Leads the stand-in's process group: runs noida-db, exits with it, and stops the whole group if
# the test process dies without tearing down (killed, or an xdist worker lost), so no stand-in
# outlives its session.
WATCHDOG = """
import os, signal, subprocess, sys, time
parent = os.getppid()
server = subprocess.Popen(sys.argv[1:])
while server.poll() is None:
    if os.getppid() != parent:
        os.killpg(0, signal.SIGTERM)
    time.sleep(0.5)
sys.exit(server.returncode)
"""


class StandIn:
    """One `noida-db start --only elasticsearch` on a free port, with its data in a fresh
    temporary directory. noida-db is a Python wrapper that runs the server binary as its child,
    so it is started in a process group of its own (under WATCHDOG) and the whole group is
    stopped."""

    def __init__(self):
        self.directory = Path(tempfile.mkdtemp(prefix="practice-commons-elasticsearch-"))
        self.log = self.directory / "noida-db.log"
        self.process: subprocess.Popen | None = None
        self.url = ""

    def start(self) -> str:
        executable = _noida_db()
        if executable is None:
            raise RuntimeError("noida-db is not installed: pip install -r requirements.txt")
        problems = []
        for attempt in range(1, START_ATTEMPTS + 1):
            port = _free_port()
            data = self.directory / f"data-{attempt}"
            try:
                with self.log.open("ab") as log:
                    self.process = subprocess.Popen(  # noqa: S603 (our own arguments)
                        [
                            sys.executable,
                            "-c",
                            WATCHDOG,
                            executable,
                            "start",
                            "--only",
                            "elasticsearch",
                            "--data-dir",
                            str(data),
                            "--elasticsearch-port",
                            str(port),
                        ],
                        cwd=self.directory,
                        stdin=subprocess.DEVNULL,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        start_new_session=True,
                    )
            except OSError as error:
                raise RuntimeError(f"noida-db ({executable}) could not be run: {error}") from error
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + STARTUP_SECONDS
            while time.monotonic() < deadline and self.process.poll() is None:
                if _answers(url) and self.process.poll() is None:  # ours, not a port thief
                    self.url = url
                    return url
                time.sleep(0.1)
            outcome = (
                f"exited with code {self.process.returncode}"
                if self.process.poll() is not None
                else f"did not answer within {STARTUP_SECONDS} s"
            )
            problems.append(f"port {port}: {outcome}")
            self.stop(remove=False)
        tail = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
        raise RuntimeError(
            f"the Elasticsearch stand-in (noida-db) did not start: {'; '.join(problems)}.\n"
            f"Its output ({self.log}):\n{tail}"
        )

    def stop(self, remove: bool = True) -> None:
        process, self.process = self.process, None
        if process is not None:
            group = process.pid  # start_new_session: the watchdog leads its own group
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(group, sig)
                except ProcessLookupError:
                    break
                deadline = time.monotonic() + STOP_SECONDS
                while time.monotonic() < deadline and _group_alive(group):
                    process.poll()  # reap the watchdog, so the group can empty
                    time.sleep(0.05)
                if not _group_alive(group):
                    break
            process.wait()
        if remove:
            shutil.rmtree(self.directory, ignore_errors=True)


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --- Elasticsearch, real or stand-in, for the session -----------------------------------------


def _client(url: str, options: dict):
    from elasticsearch import Elasticsearch as Client

    kwargs = {"request_timeout": 10, "max_retries": 1}
    if options.get("API_KEY"):
        kwargs["api_key"] = options["API_KEY"]
    if options.get("CA_CERTS"):
        kwargs["ca_certs"] = options["CA_CERTS"]
    return Client(url, **kwargs)


@pytest.fixture(scope="session")
def elasticsearch_server():
    """ELASTICSEARCH_URL (a real cluster) if set, else a stand-in started for this session."""
    url = os.environ.get("ELASTICSEARCH_URL", "").strip()
    if url:
        options = {
            "API_KEY": os.environ.get("ELASTICSEARCH_API_KEY", ""),
            "CA_CERTS": os.environ.get("ELASTICSEARCH_CA_CERTS", ""),
        }
        client = _client(url, options)
        try:
            info = client.info()
        except Exception as error:  # any failure: the cluster named is unusable
            pytest.fail(
                f"ELASTICSEARCH_URL is set but {url} does not answer: {error}", pytrace=False
            )
        finally:
            client.close()
        version = info["version"]["number"]
        if not version.startswith("8."):
            pytest.fail(
                f"ELASTICSEARCH_URL answers as Elasticsearch {version}; the engine needs "
                "Elasticsearch 8",
                pytrace=False,
            )
        stand_in = info["version"].get("build_hash") == "noida"
        yield Elasticsearch(url=url, stand_in=stand_in, options=options)
        return
    stand_in = StandIn()
    try:
        started = stand_in.start()
    except RuntimeError as error:
        stand_in.stop()
        unavailable(str(error))
    try:
        yield Elasticsearch(url=started, stand_in=True, options={})
    finally:
        stand_in.stop()


@pytest.fixture(scope="session")
def elasticsearch_url(elasticsearch_server) -> str:
    return elasticsearch_server.url


@pytest.fixture(scope="session")
def elasticsearch_client(elasticsearch_server):
    """A client of the session's Elasticsearch, for looking at what the engine stored."""
    client = _client(elasticsearch_server.url, elasticsearch_server.options)
    yield client
    client.close()


@pytest.fixture(scope="session")
def elasticsearch_prefix(elasticsearch_client):
    """This session's INDEX_PREFIX (xdist: one per worker); its indexes and synonyms sets are
    deleted when the session ends, by name (Elasticsearch 8 refuses wildcard deletes)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    prefix = f"test-{uuid.uuid4().hex[:10]}-{worker}".lower()
    yield prefix
    client = elasticsearch_client
    names = list(
        client.indices.get(index=f"{prefix}-*", allow_no_indices=True, ignore_unavailable=True).body
    )
    if names:
        client.indices.delete(index=",".join(names), ignore_unavailable=True)
    for each in client.synonyms.get_synonyms_sets(size=1000)["results"]:
        if each["synonyms_set"].startswith(prefix):
            client.synonyms.delete_synonym(id=each["synonyms_set"])


@pytest.fixture
def elasticsearch_config(elasticsearch_server, elasticsearch_prefix) -> dict:
    """SEARCH_BACKENDS["default"] for the Elasticsearch engine of this session."""
    config = {
        "BACKEND": ELASTICSEARCH_BACKEND,
        "URL": elasticsearch_server.url,
        "INDEX_PREFIX": elasticsearch_prefix,
        "FALLBACK": "embedded",
    }
    config.update({k: v for k, v in elasticsearch_server.options.items() if v})
    return config


# --- pages ------------------------------------------------------------------------------------


# --- the engine under test --------------------------------------------------------------------


def _embedded_config(settings) -> dict:
    return dict(settings.SEARCH_BACKENDS.get("embedded", settings.SEARCH_BACKENDS["default"]))


@pytest.fixture
def elasticsearch_engine(db, settings, elasticsearch_config):
    """The Elasticsearch engine as SEARCH_BACKENDS["default"], with the embedded engine as its
    fallback (as in production), its indexes emptied for the test."""
    settings.SEARCH_BACKENDS = {
        "default": elasticsearch_config,
        "embedded": _embedded_config(settings),
    }
    reset_search_backends()
    backend = get_search_backend()
    backend.clear()
    yield backend
    reset_search_backends()


@pytest.fixture(params=["embedded", "elasticsearch"])
def engine(request, db, settings):
    """Each engine in turn, as SEARCH_BACKENDS["default"]: what the views search and what
    search.indexing keeps in step with the pages."""
    if request.param == "elasticsearch":
        backend = request.getfixturevalue("elasticsearch_engine")
        # search.indexing writes to an engine outside the database once the change commits,
        # and a test's transaction never commits: here it writes at once, as if each change
        # had committed. (test_elasticsearch_engine.py checks the wait for the commit.)
        backend.in_database = True
        yield backend
        return
    settings.SEARCH_BACKENDS = {"default": _embedded_config(settings)}
    reset_search_backends()
    backend = get_search_backend()
    backend.clear()  # rolled back with the test: other tests' pages are not ours
    yield backend
    reset_search_backends()


@pytest.fixture(autouse=True)
def _real_elasticsearch_only(request):
    """Tests marked real_elasticsearch run only against a real Elasticsearch 8."""
    if request.node.get_closest_marker("real_elasticsearch") is None:
        return
    if not os.environ.get("ELASTICSEARCH_URL", "").strip():
        pytest.skip(
            "needs a real Elasticsearch 8, where the stand-in differs: set "
            "ELASTICSEARCH_URL=http://host:9200 to run it"
        )
    if request.getfixturevalue("elasticsearch_server").stand_in:
        pytest.skip(
            "ELASTICSEARCH_URL answers as the noida-db stand-in, not a real "
            "Elasticsearch 8, and the stand-in differs here"
        )
