"""Concurrent replies on the embedded default (SQLite): how many fail with the site's settings,
and how many failed with SQLite's own defaults.

    .venv/bin/python bench/concurrency.py [--writers 8] [--seconds 15] [--workers 4 --threads 4]

For each mode, in one run: a fresh SQLite database in a temp directory (`migrate`, `load_demo`),
gunicorn (gthread) serving it on a free loopback port, and `--writers` threads, each a
`requests` session signed in as a different demo member (a session made for them in the
database, as signing in would), posting replies to the challenge threads of their community as
fast as the site answers for `--seconds`. A reply counts as posted when the site answers with
the redirect back to the thread; anything else (a 500, a timeout) is an error. Afterwards the
replies in the database are counted too, and gunicorn's log is searched for "database is
locked".

Modes: "defaults" sets SQLITE_LEGACY_LOCKING=1, which drops the site's SQLite options
(config/settings/base.py) and so gives SQLite's defaults (rollback journal, deferred
transactions, Python's 5 s busy timeout); "site" is the settings as they are (WAL, IMMEDIATE,
a 20 s busy timeout). Settings: config.settings.dev with DEBUG off. Progress goes to stderr;
a markdown table to stdout. Exits 1 if the site's own settings had any error.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
STARTUP_SECONDS = 120

# Run by `manage.py shell`: a session for each of the first N members who belong to a community
# with challenge threads, and the addresses of those threads.
SESSIONS = """
import json
from django.test import Client
from knowledge.models import ChallengeThread, CommunityHomePage
from members.models import Member

wanted = 16
writers = []
for member in Member.objects.filter(user__is_active=True).order_by("pk"):
    threads = []
    for membership in member.memberships.select_related("community"):
        section = CommunityHomePage.objects.filter(community=membership.community).first()
        if section is not None:
            threads += [t.url for t in ChallengeThread.objects.live().descendant_of(section)]
    if threads:
        client = Client()
        client.force_login(member.user)
        writers.append({"session": client.cookies["sessionid"].value, "threads": threads[:5]})
    if len(writers) == wanted:
        break
print("WRITERS=" + json.dumps(writers))
"""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(directory: Path, mode: str) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(
            ("DJANGO_", "DATABASE_", "ELASTICSEARCH_", "SQLITE_", "EMAIL_", "PUBLIC_CACHE_")
        )
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DEBUG": "false",
            "DATABASE_URL": f"sqlite:///{directory / 'db.sqlite3'}",
            "MEDIA_ROOT": str(directory / "media"),
            "PUBLIC_CACHE_DIR": str(directory / "public-cache"),
        }
    )
    if mode == "defaults":
        env["SQLITE_LEGACY_LOCKING"] = "1"
    return env


def manage(env, *args) -> str:
    result = subprocess.run(  # noqa: S603 (our own arguments)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def replies(env) -> int:
    return int(manage(env, "shell", "-c", COUNT).split("REPLIES=", 1)[1].split()[0])


def writer(base, member, until, tally, lock, number):
    session = requests.Session()
    session.cookies.set("sessionid", member["session"])
    threads = member["threads"]
    first = session.get(base + threads[0], timeout=30)
    if first.status_code != 200:
        raise SystemExit(f"writer {number} could not open {threads[0]}: {first.status_code}")
    token = session.cookies.get("csrftoken")
    count = 0
    while time.monotonic() < until:
        url = base + threads[count % len(threads)]
        count += 1
        try:
            response = session.post(
                url,
                {
                    "body": f"Reply {count} from writer {number}: we pooled budgets.",
                    "csrfmiddlewaretoken": token,
                },
                headers={"Referer": url},
                allow_redirects=False,
                timeout=60,
            )
            outcome = "posted" if response.status_code == 302 else f"HTTP {response.status_code}"
        except requests.RequestException as error:
            outcome = type(error).__name__
        with lock:
            tally[outcome] = tally.get(outcome, 0) + 1


def run(mode: str, options) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"practice-commons-concurrency-{mode}-") as tmp:
        directory = Path(tmp)
        env = environment(directory, mode)
        log(f"[{mode}] migrate, load_demo")
        manage(env, "migrate", "--no-input")
        manage(env, "load_demo", "--no-progress")
        out = manage(env, "shell", "-c", SESSIONS)
        members = json.loads(out.split("WRITERS=", 1)[1].strip())[: options.writers]
        if len(members) < options.writers:
            raise SystemExit(f"the demo has only {len(members)} members with threads")
        replies_before = replies(env)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        output = directory / "gunicorn.log"
        with output.open("wb") as sink:
            server = subprocess.Popen(  # noqa: S603 (our own arguments)
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "config.wsgi",
                    "--preload",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(options.workers),
                    "--threads",
                    str(options.threads),
                    "--worker-class",
                    "gthread",
                    "--timeout",
                    "60",
                ],
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=sink,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            deadline = time.monotonic() + STARTUP_SECONDS
            while True:
                try:
                    if requests.get(base + "/", timeout=5).status_code == 200:
                        break
                except requests.RequestException:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit(f"gunicorn did not start:\n{output.read_text()[-3000:]}")
                time.sleep(0.2)
            log(f"[{mode}] {options.writers} writers for {options.seconds} s")
            tally, lock = {}, threading.Lock()
            until = time.monotonic() + options.seconds
            threads = [
                threading.Thread(target=writer, args=(base, m, until, tally, lock, n))
                for n, m in enumerate(members, 1)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        replies_after = replies(env)
        locked = output.read_text(errors="replace").count("database is locked")
    attempts = sum(tally.values())
    posted = tally.get("posted", 0)
    return {
        "mode": mode,
        "attempts": attempts,
        "posted": posted,
        "errors": attempts - posted,
        "kinds": {k: v for k, v in tally.items() if k != "posted"},
        "saved": replies_after - replies_before,
        "locked_in_log": locked,
    }


COUNT = "from knowledge.models import Reply; print('REPLIES=%d' % Reply.objects.count())"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--modes", nargs="+", default=["defaults", "site"], choices=["defaults", "site"]
    )
    options = parser.parse_args()
    results = [run(mode, options) for mode in options.modes]
    print(
        f"{options.writers} writers, {options.seconds:g} s each, gunicorn "
        f"{options.workers} workers x {options.threads} threads (gthread)\n"
    )
    print(
        "| SQLite settings | replies tried | posted | errors | error rate | saved in the "
        "database | 'database is locked' in the log | errors by kind |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for r in results:
        rate = r["errors"] / r["attempts"] if r["attempts"] else 0
        kinds = ", ".join(f"{k}: {v}" for k, v in sorted(r["kinds"].items())) or "none"
        label = {
            "defaults": "SQLite defaults (SQLITE_LEGACY_LOCKING=1)",
            "site": "site (WAL, IMMEDIATE, 20 s busy timeout)",
        }[r["mode"]]
        print(
            f"| {label} | {r['attempts']} | {r['posted']} | {r['errors']} | {rate:.0%} | "
            f"{r['saved']} | {r['locked_in_log']} | {kinds} |"
        )
    site = next((r for r in results if r["mode"] == "site"), None)
    return 1 if site and site["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
