"""How long a member waits when a mail server or Elasticsearch accepts connections and never
answers: a reply posted (followers emailed, the thread re-indexed) and a public search.

    .venv/bin/python bench/hung_services.py [--rounds 8]

One process: a fresh SQLite database in a temp directory (`migrate`, `load_demo`), settings
config.settings.test (DEBUG off), requests through Django's test client (no HTTP server), so
that each request runs its after-commit work (mail, indexing) before it answers, as a web
worker does until a task worker exists. The hung services are local sockets that take every
connection and never say a word (tests/hung_service.py).

Each case is timed `--rounds` times in a row (a circuit breaker learns from the requests
before), one case after another in one run; the table gives the median, the first request and
the slowest, and the median once the site's breaker has had its 3 failures, side by side:

- mail hung: EMAIL_TIMEOUT as the site sets it (5 s) and as a test might (0.5 s); before it
  was set, a reply hung until the web worker was killed (30 s under gunicorn) and showed a 500.
- Elasticsearch hung, the site's settings (TIMEOUT 2 s, circuit breaker after 3 failures) and
  the old ones (TIMEOUT 5 s, no breaker: BREAKER_FAILURES set out of reach).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


OPENS_AFTER = 3  # failures before the site's breaker opens (BREAKER_FAILURES)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=8)
    options = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="practice-commons-hung-"))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": f"sqlite:///{directory / 'db.sqlite3'}",
            "MEDIA_ROOT": str(directory / "media"),
        }
    )
    import django

    django.setup()
    import logging

    from django.core.management import call_command
    from django.test import Client, override_settings

    from knowledge.models import ChallengeThread, CommunityHomePage, ThreadFollow
    from members.models import Membership
    from search.backends import reset_search_backends
    from tests.hung_service import hung_server

    logging.disable(logging.CRITICAL)  # the failures are logged by design: not measured here
    log("migrate, load_demo")
    call_command("migrate", verbosity=0)
    call_command("load_demo", no_progress=True, verbosity=0)

    thread = ChallengeThread.objects.live().first()
    section = thread.get_ancestors().type(CommunityHomePage).specific().first()
    author, follower = [
        m.member
        for m in Membership.objects.filter(community=section.community)
        .exclude(member__user__email="")
        .select_related("member__user")[:2]
    ]
    ThreadFollow.objects.get_or_create(thread=thread, member=follower)
    client = Client()
    client.force_login(author.user)
    reader = Client()

    def reply():
        response = client.post(thread.url, {"body": "We pooled budgets across two wards."})
        if response.status_code != 302:
            raise SystemExit(f"the reply was not posted: {response.status_code}")

    def search():
        response = reader.get("/search/", {"q": "budgets"})
        if response.status_code != 200:
            raise SystemExit(f"the search did not answer: {response.status_code}")

    from django.conf import settings

    embedded = settings.EMBEDDED_SEARCH_BACKEND

    def cluster(url, timeout, failures):
        return {
            "default": {
                "BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
                "URL": url,
                "INDEX_PREFIX": "bench",
                "TIMEOUT": timeout,
                "BREAKER_FAILURES": failures,
                "FALLBACK": "embedded",
            },
            "embedded": embedded,
        }

    times: dict[str, list[float]] = {}
    with hung_server() as mail, hung_server() as es:
        smtp = {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": mail.host,
            "EMAIL_PORT": mail.port,
            "EMAIL_USE_TLS": False,
        }
        cases = [
            ("reply, mail hung, EMAIL_TIMEOUT 5 s (the site)", reply, {**smtp, "EMAIL_TIMEOUT": 5}),
            ("reply, mail hung, EMAIL_TIMEOUT 0.5 s", reply, {**smtp, "EMAIL_TIMEOUT": 0.5}),
            (
                "search, Elasticsearch hung, 2 s + breaker (the site)",
                search,
                {"SEARCH_BACKENDS": cluster(es.url, 2, OPENS_AFTER)},
            ),
            (
                "search, Elasticsearch hung, 5 s, no breaker (before)",
                search,
                {"SEARCH_BACKENDS": cluster(es.url, 5, 10**9)},
            ),
            (
                "reply, Elasticsearch hung, 2 s + breaker (the site)",
                reply,
                {"SEARCH_BACKENDS": cluster(es.url, 2, OPENS_AFTER)},
            ),
            (
                "reply, Elasticsearch hung, 5 s, no breaker (before)",
                reply,
                {"SEARCH_BACKENDS": cluster(es.url, 5, 10**9)},
            ),
        ]
        # One case after another, each its requests in a row: a breaker learns from the
        # requests before, so each case keeps its engines (and breaker) for all its rounds.
        for label, action, overrides in cases:
            log(label)
            with override_settings(**overrides):
                reset_search_backends()
                for _ in range(options.rounds):
                    started = time.perf_counter()
                    action()
                    times.setdefault(label, []).append(time.perf_counter() - started)
            reset_search_backends()

    print(f"{options.rounds} requests per case, in a row; seconds per request\n")
    print(f"| case | median | first | slowest | median after the first {OPENS_AFTER} |")
    print("|---|---:|---:|---:|---:|")
    for label, _action, _overrides in cases:
        values = times[label]
        later = values[OPENS_AFTER:] or values
        print(
            f"| {label} | {statistics.median(values):.2f} | {values[0]:.2f} | "
            f"{max(values):.2f} | {statistics.median(later):.2f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
