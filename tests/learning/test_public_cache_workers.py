"""A takedown reaches every gunicorn worker: the public page cache is one for all processes.

Issue 15: after a consent was withdrawn and the page unpublished, the second worker went on
serving its own cached copy, name included, until PUBLIC_CACHE_TTL. Here gunicorn runs with two
workers and the production settings' default public cache (nothing but PUBLIC_CACHE_DIR set)
against a copy of the test database; both workers serve a public page, another process
unpublishes it, and neither worker may serve it again.

The workers are told apart by the process id gunicorn writes in its access log. The whole test
takes a few seconds: gunicorn loads the project once (--preload) and forks the workers.
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from knowledge.models import AboutPage, HomePage

pytestmark = [
    # The workers read committed data; serialized rollback restores the migrations' pages.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Withdrawn testimony from the north"
STARTUP_SECONDS = 60  # generous: the machine is shared; a normal start takes two or three
ROUNDS = 40  # of four concurrent requests: enough for both workers to answer, many times over
STOP_SECONDS = 10

# Production settings as they are, with the database and public cache the environment gives,
# but static files from the finders (collectstatic has not run for this copy).
SETTINGS_MODULE = """
from config.settings.production import *  # noqa: F403

STORAGES = {**STORAGES, "staticfiles": {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
"""
UNPUBLISH = """
import sys
import django
django.setup()
from wagtail.models import Page
Page.objects.get(pk=int(sys.argv[1])).specific.unpublish()
"""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url(directory: Path) -> str:
    """A database the subprocesses share, holding what this test committed: a file copy of the
    SQLite test database, or the PostgreSQL test database itself."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        path = directory / "db.sqlite3"
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return f"sqlite:///{path}"
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        credentials = quote(db["USER"] or "", safe="")
        if db["PASSWORD"]:
            credentials += ":" + quote(db["PASSWORD"], safe="")
        host = db["HOST"] or "localhost"
        return f"postgres://{credentials}@{host}:{db['PORT'] or 5432}/{db['NAME']}"
    pytest.skip(f"no way to share a {connection.vendor} test database with other processes")


def _environment(directory: Path, database_url: str) -> dict[str, str]:
    (directory / "process_settings.py").write_text(SETTINGS_MODULE)
    env = {
        name: value
        for name, value in os.environ.items()
        # Nothing of this machine's own configuration: the default public cache is under test.
        if not name.startswith(
            (
                "PUBLIC_CACHE_",
                "DJANGO_",
                "ELASTICSEARCH_",
                "FRONTEND_CACHE",
                "CLOUDFLARE_",
                "DEBUG",
                "SECURE_",
            )
        )
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "process_settings",
            "PYTHONPATH": os.pathsep.join([str(directory), str(settings.BASE_DIR)]),
            "SECRET_KEY": "test-only-" + "x" * 50,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": database_url,
            "DATABASE_CONN_MAX_AGE": "0",
            "MEDIA_ROOT": str(directory / "media"),
            "PUBLIC_CACHE_DIR": str(directory / "public-cache"),
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


class Gunicorn:
    """`gunicorn config.wsgi` with two workers on a free loopback port, in a process group of
    its own so that the master and both workers are stopped together."""

    def __init__(self, directory: Path, env: dict[str, str]):
        self.directory, self.env = directory, env
        self.access_log = directory / "access.log"
        self.output = directory / "gunicorn.log"
        self.process: subprocess.Popen | None = None
        self.url = ""

    def start(self) -> str:
        port = _free_port()
        with self.output.open("ab") as output:
            self.process = subprocess.Popen(  # noqa: S603 (our own arguments)
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "config.wsgi",
                    "--preload",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "2",
                    "--timeout",
                    "30",
                    "--access-logfile",
                    str(self.access_log),
                    "--access-logformat",
                    "%(p)s %(U)s %(s)s",
                ],
                cwd=settings.BASE_DIR,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline and self.process.poll() is None:
            if get(self.url + "/")[0] == 200:
                return self.url
            time.sleep(0.1)
        raise AssertionError(f"gunicorn did not start:\n{self.output.read_text()[-3000:]}")

    def workers_serving(self, path: str, since: int = 0) -> set[str]:
        """The process ids of the workers that answered `path`, in the access log's lines after
        the first `since`."""
        lines = self.access_log.read_text().splitlines()[since:]
        return {line.split()[0] for line in lines if line.split()[1:2] == [path]}

    def log_length(self) -> int:
        return len(self.access_log.read_text().splitlines())

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                break
            try:
                process.wait(timeout=STOP_SECONDS)
                break
            except subprocess.TimeoutExpired:
                continue


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (our own URL)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return 0, ""


def until_both_workers_answer(server: Gunicorn, path: str) -> list[tuple[int, str]]:
    """Ask for `path`, four at a time, until both workers have answered it; every answer."""
    since = server.log_length()
    answers = []
    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(ROUNDS):
            answers += pool.map(get, [server.url + path] * 4)
            if len(server.workers_serving(path, since)) == 2:
                return answers
    raise AssertionError(f"only {server.workers_serving(path, since)} answered {path}")


def test_a_page_unpublished_elsewhere_is_served_by_no_worker(tmp_path):
    home = HomePage.objects.get()
    page = home.add_child(
        instance=AboutPage(
            title=TITLE, slug="withdrawn-testimony", body="<p>What one co-operative learned.</p>"
        )
    )
    page.save_revision().publish()
    path = page.url

    env = _environment(tmp_path, _database_url(tmp_path))
    server = Gunicorn(tmp_path, env)
    try:
        server.start()
        before = until_both_workers_answer(server, path)
        assert all(status == 200 and TITLE in body for status, body in before)

        subprocess.run(  # noqa: S603 (our own arguments): as a cron job or a shell would
            [sys.executable, "-c", UNPUBLISH, str(page.pk)],
            cwd=settings.BASE_DIR,
            env=env,
            check=True,
            timeout=60,
            capture_output=True,
        )

        after = until_both_workers_answer(server, path)
        stale = [status for status, body in after if TITLE in body]
        assert not stale, f"{len(stale)} of {len(after)} answers still served the page"
        assert {status for status, _ in after} == {404}
    finally:
        server.stop()
