"""Members' pages at demo scale 1 and scale 10: SQL queries per request and in-process time.

    .venv/bin/python bench/pages.py [--rounds 5] [--requests 10] [--scales 1 10]

For each scale, a worker subprocess of this script builds a fresh SQLite database in a temp
directory (`migrate`, `load_demo --scale N`), gives one challenge thread exactly 30
replies, signs the demo member in (Client.force_login) and then:

- counts SQL queries per page: "cold" is the first request after clearing every Django cache
  and the ContentType cache (after one warm-up pass over all pages, so Python imports and
  template loading are not counted); "warm" is the request straight after it;
- times requests with time.perf_counter() around Client.get (no HTTP server), when told to.

The parent drives both workers in rounds, alternating which scale goes first, and within a
round each worker interleaves its pages request by request, so drift on this shared, noisy
machine hits every page and both scales alike. It prints a markdown table (medians with
min-max, and scale N / scale 1 ratios taken in the same run) and exits 1 if any page's warm
query count differs between scales, or any page does not answer 200.

Settings: config.settings.test (DEBUG off, MD5 password hasher, LocMemCache, no WhiteNoise),
with DATABASE_URL and MEDIA_ROOT pointing into the temp directory. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPLIES = 30
PAGES = ["home", "theme", "thread", "session", "threads", "insights"]
LABELS = {
    "home": "community home",
    "theme": "theme page (ISFs)",
    "thread": f"challenge thread ({REPLIES} replies)",
    "session": "session note",
    "threads": "listing: threads",
    "insights": "listing: insights",
}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# =============================================================================================
# Worker: one scale, one database, one Django process
# =============================================================================================


def worker(scale: int) -> None:
    protocol = sys.stdout  # JSON lines to the parent; everything else goes to stderr
    sys.stdout = sys.stderr
    tmp = Path(tempfile.mkdtemp(prefix=f"bench-pages-scale{scale}-"))
    try:
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'db.sqlite3'}"
        os.environ["MEDIA_ROOT"] = str(tmp / "media")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.conf import settings

        # config.settings.test makes its own temp MEDIA_ROOT; keep the files in ours.
        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
        settings.MEDIA_ROOT = str(tmp / "media")

        def send(obj):
            protocol.write(json.dumps(obj) + "\n")
            protocol.flush()

        client, urls, knowledge = _build(scale, tmp)
        counts = _count_queries(client, urls)
        send({"scale": scale, "counts": counts, "knowledge": knowledge})
        for line in sys.stdin:
            command = json.loads(line)
            if command["do"] == "time":
                send({"times": _time(client, urls, command["requests"])})
            else:
                break
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _build(scale: int, tmp: Path):
    import io

    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from demo.build import demo_logins
    from knowledge.models import ChallengeThread, CommunityHomePage, Reply, SessionNote
    from members.models import Member

    started = time.monotonic()
    log(f"scale {scale}: migrate into {tmp}")
    call_command("migrate", verbosity=0, interactive=False)
    log(f"scale {scale}: load_demo --scale {scale} ({time.monotonic() - started:.0f}s)")
    call_command("load_demo", scale=scale, no_progress=True, verbosity=0, stdout=io.StringIO())

    username = demo_logins()[0][1]  # the member of the first community
    member = Member.objects.select_related("user").get(user__username=username)
    section = CommunityHomePage.objects.get(community__memberships__member=member)
    threads = ChallengeThread.objects.live().child_of(section)
    thread = threads.order_by("-first_published_at", "-pk").first()
    authors = list(Member.objects.filter(memberships__community=section.community)[:6])
    thread.replies.all().delete()  # the demo's own replies: measure exactly REPLIES
    Reply.objects.bulk_create(
        Reply(
            thread=thread,
            author=authors[n % len(authors)],
            body=f"Reply {n + 1}. We tried **this** here; see [the guide](https://example.org/).",
        )
        for n in range(REPLIES)
    )
    session = (
        SessionNote.objects.live()
        .child_of(section)
        .filter(date__lte=timezone.localdate())
        .order_by("-date", "-pk")
        .first()
    )
    knowledge = section.knowledge().count()
    log(
        f"scale {scale}: ready in {time.monotonic() - started:.0f}s, {knowledge} live pages "
        f"in {section.title}"
    )
    client = Client(SERVER_NAME="127.0.0.1", SERVER_PORT="8000")
    client.force_login(member.user)
    urls = {
        "home": section.url,
        "theme": section.url + "themes/isfs/",
        "thread": thread.url,
        "session": session.url,
        "threads": section.url + "threads/",
        "insights": section.url + "insights/",
    }
    return client, urls, knowledge


def _count_queries(client, urls) -> dict:
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def capture(url):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        # Read the statements now: the next request_started resets the log.
        return response, len(list(ctx.captured_queries))

    for url in urls.values():  # warm-up pass: imports, templates, URL resolvers
        client.get(url)
    counts = {}
    for name, url in urls.items():
        for cache in caches.all():
            cache.clear()
        ContentType.objects.clear_cache()
        response, cold = capture(url)
        response, warm = capture(url)
        counts[name] = {
            "url": url,
            "status": response.status_code,
            "bytes": len(response.content),
            "cold": cold,
            "warm": warm,
        }
    return counts


def _time(client, urls, requests: int) -> dict:
    times = {name: [] for name in urls}
    for _ in range(requests):
        for name, url in urls.items():
            started = time.perf_counter()
            client.get(url)
            times[name].append((time.perf_counter() - started) * 1000)
    return times


# =============================================================================================
# Parent: start the workers, drive the rounds, print the table
# =============================================================================================


class Worker:
    def __init__(self, scale: int):
        self.scale = scale
        self.process = subprocess.Popen(  # noqa: S603 (this script, a fixed argument list)
            [sys.executable, __file__, "--worker", str(scale)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )

    def receive(self) -> dict:
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"the scale {self.scale} worker stopped (see its errors above)")
        return json.loads(line)

    def send(self, command: dict) -> None:
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()

    def close(self) -> None:
        if self.process.poll() is None:
            self.send({"do": "quit"})
            self.process.stdin.close()
            self.process.wait(timeout=60)


def fmt_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples):.1f} ({min(samples):.1f}–{max(samples):.1f})"


def run(rounds: int, requests: int, scales: list[int]) -> int:
    workers = [Worker(scale) for scale in scales]  # they build their databases in parallel
    try:
        ready = {w.scale: w.receive() for w in workers}
        counts = {scale: message["counts"] for scale, message in ready.items()}
        samples = {w.scale: {name: [] for name in PAGES} for w in workers}
        round_medians = {w.scale: {name: [] for name in PAGES} for w in workers}
        for number in range(rounds):
            log(f"round {number + 1}/{rounds}: {requests} requests per page per scale")
            order = workers if number % 2 == 0 else list(reversed(workers))
            for w in order:
                w.send({"do": "time", "requests": requests})
                times = w.receive()["times"]
                for name in PAGES:
                    samples[w.scale][name] += times[name]
                    round_medians[w.scale][name].append(statistics.median(times[name]))
    finally:
        for w in workers:
            w.close()

    base, top = scales[0], scales[-1]
    sizes = ", ".join(f"scale {s}: {ready[s]['knowledge']}" for s in scales)
    print(f"rounds={rounds}, requests per page per round={requests}, scales={scales}")
    print(f"live knowledge pages in the measured section: {sizes}\n")
    print(
        f"| page | path | queries cold → warm (scale {base}) | queries cold → warm "
        f"(scale {top}) | ms median (min–max), scale {base} | ms median (min–max), "
        f"scale {top} | ms ratio {top}/{base} (per-round range) | bytes {base} / {top} |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    failures = []
    for name in PAGES:
        low, high = counts[base][name], counts[top][name]
        ratio = statistics.median(samples[top][name]) / statistics.median(samples[base][name])
        per_round = [
            t / b for t, b in zip(round_medians[top][name], round_medians[base][name], strict=True)
        ]
        print(
            f"| {LABELS[name]} | `{high['url']}` | {low['cold']} → {low['warm']} | "
            f"{high['cold']} → {high['warm']} | {fmt_ms(samples[base][name])} | "
            f"{fmt_ms(samples[top][name])} | {ratio:.2f}× ({min(per_round):.2f}–"
            f"{max(per_round):.2f}) | {low['bytes']} / {high['bytes']} |"
        )
        for scale in scales:
            if counts[scale][name]["status"] != 200:
                failures.append(f"{name} answered {counts[scale][name]['status']} at {scale}")
        if len({counts[scale][name]["warm"] for scale in scales}) > 1:
            failures.append(f"{name}: warm queries differ between scales")
    for failure in failures:
        log(f"FAIL {failure}")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="timing rounds (default 5)")
    parser.add_argument(
        "--requests", type=int, default=10, help="requests per page per round (default 10)"
    )
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10], help="default: 1 10")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return 0
    return run(args.rounds, args.requests, args.scales)


if __name__ == "__main__":
    sys.exit(main())
