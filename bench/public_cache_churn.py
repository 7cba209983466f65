"""The learning hub while members write: what purging the public cache on every draft cost.

    .venv/bin/python bench/public_cache_churn.py [--rounds 5] [--duration 6] [--every 0.6]

A fresh SQLite database in a temp directory (deleted at the end): `migrate`, `load_demo`, under
config.settings.test (the public page cache in process memory, DEBUG off). Then, in one
process, anonymous readers ask for the hub (/learning/) through Django's test client as fast as
it answers, while a member records a draft insight in their community's section every
`--every` seconds (knowledge.services.contributions.insight_record, as the form does), two ways:

- "rule": as the site does now: a draft is not public and no public page lists it, so the
  cache is left alone (learning/public_cache.py `purge_needed`);
- "every draft": as before issue 17, the whole public cache emptied after each draft
  (public_cache_clear() called by the bench).

Each round runs both, alternating which goes first, so drift on this shared machine hits both
alike. Hub requests/s counts only the time spent in hub requests (not the drafts'); p99 is of
the hub requests' latencies in that round. Cells are medians over rounds with min-max; the
ratio is "every draft" / "rule" of the medians, with the range of the per-round ratios.
Progress goes to stderr, the markdown table to stdout.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODES = ["rule", "every draft"]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def setup(tmp: Path):
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'db.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(tmp / "media")
    import django

    django.setup()
    import logging

    from django.core.management import call_command

    logging.getLogger("wagtail").setLevel(logging.WARNING)  # a line for each draft otherwise

    log("migrate, load_demo")
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", no_progress=True, verbosity=0, stdout=io.StringIO())


def run_mode(mode: str, duration: float, every: float, section, user, client, counter):
    from knowledge.services.contributions import insight_record
    from learning.public_cache import public_cache_clear

    latencies, drafts = [], 0
    started = next_draft = time.perf_counter()
    while time.perf_counter() - started < duration:
        if time.perf_counter() >= next_draft:
            counter[0] += 1
            insight_record(
                section=section,
                user=user,
                title=f"Draft {counter[0]}",
                learning="Agree outcomes first.",
                themes=[],
            )
            if mode == "every draft":
                public_cache_clear()
            drafts += 1
            next_draft += every
        t = time.perf_counter()
        response = client.get("/learning/")
        latencies.append(time.perf_counter() - t)
        if response.status_code != 200:
            raise SystemExit(f"/learning/ answered {response.status_code}")
    latencies.sort()
    return {
        "rps": len(latencies) / sum(latencies),
        "p99": latencies[int(len(latencies) * 0.99) - 1] * 1000,
        "drafts": drafts,
    }


def fmt(values, digits=0) -> str:
    return (
        f"{statistics.median(values):,.{digits}f} "
        f"({min(values):,.{digits}f}-{max(values):,.{digits}f})"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--duration", type=float, default=6.0)
    parser.add_argument("--every", type=float, default=0.6)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-cache-churn-"))
    try:
        setup(tmp)
        from django.test import Client

        from knowledge.models import CommunityHomePage
        from members.models import Membership

        section = CommunityHomePage.objects.live().first()
        membership = Membership.objects.filter(community=section.community).first()
        user = membership.member.user
        client = Client()
        for _ in range(20):
            client.get("/learning/")  # imports, templates, the cache filled
        results = {mode: [] for mode in MODES}
        counter = [0]
        for round_ in range(args.rounds):
            order = MODES if round_ % 2 == 0 else MODES[::-1]
            for mode in order:
                result = run_mode(mode, args.duration, args.every, section, user, client, counter)
                results[mode].append(result)
                log(
                    f"round {round_ + 1} {mode}: {result['rps']:,.0f} req/s, "
                    f"p99 {result['p99']:.1f} ms, {result['drafts']} drafts"
                )
        rule, every = results["rule"], results["every draft"]
        print(f"| hub, one draft every {args.every} s | requests/s | p99 (ms) |")
        print("| --- | ---: | ---: |")
        for mode in MODES:
            print(
                f"| {mode} | {fmt([r['rps'] for r in results[mode]])} | "
                f"{fmt([r['p99'] for r in results[mode]], 1)} |"
            )
        rps_ratio = [e["rps"] / r["rps"] for e, r in zip(every, rule, strict=True)]
        p99_ratio = [e["p99"] / r["p99"] for e, r in zip(every, rule, strict=True)]
        median = statistics.median
        print(
            f"| every draft / rule | "
            f"{median([e['rps'] for e in every]) / median([r['rps'] for r in rule]):.2f} "
            f"({min(rps_ratio):.2f}-{max(rps_ratio):.2f}) | "
            f"{median([e['p99'] for e in every]) / median([r['p99'] for r in rule]):.1f} "
            f"({min(p99_ratio):.1f}-{max(p99_ratio):.1f}) |"
        )
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
