"""The last check on anonymous responses: reading a response's text with a real HTML parser.

    git show 612878e:attribution/last_check.py > /tmp/public_guard_before.py
    .venv/bin/python bench/guard_text.py --before /tmp/public_guard_before.py [--runs 15]

Every anonymous response is read (`attribution.last_check.body_text`) and checked for names
before it is served or cached. Until issue 17 it was read with regular expressions; it is now
parsed by lexbor (attribution/html_text.py). This times both on the demo's own public responses:

- A fresh SQLite database in a temp directory (deleted at the end): `migrate`, `load_demo`,
  under config.settings.test. Each public address is fetched once, anonymously, with Django's
  test client (status 200 required), and its body and content type kept.
- `--runs` rounds, the order of (address, version) shuffled each round (seeded), each timing
  `body_text(body, content type, charset, what the request sent)` with time.perf_counter().
  "before" is the module at `--before` (its imports pointed at where those modules live now),
  "now" the working tree's.
- For scale, "request" is the whole anonymous request through the test client with the public
  cache off (rendered, read and checked), timed in the same rounds.

Medians and ratios come from the same run, side by side. Markdown table on stdout, progress on
stderr.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDRESSES = {
    "home": "/",
    "hub": "{hub}",
    "theme page": "{hub}themes/isfs/",
    "output page": "{output}",
    "search": "/search/?q=care+budgets",
    "RSS feed": "/learning/feed/",
    "Atom feed": "/learning/feed/atom/",
    "API list": "/api/outputs/",
    "API detail": "/api/outputs/{output_id}/",
    "sitemap": "/sitemap.xml",
}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# Where the modules the old public_guard.py imported live now (issue 18 split knowledge/).
_MOVED_IMPORTS = {
    "from . import cdn": "from learning import cdn",
    "from .attribution import": "from attribution.check import",
    "from .attribution_registry import": "from attribution.registry import",
    "from .gate import _NOT_CONTENT,": "from attribution.gate import NOT_CONTENT as _NOT_CONTENT,",
    " _ancestor_paths,": " ancestor_paths as _ancestor_paths,",
    "from .html_text import": "from attribution.html_text import",
}


def load_before(path: str):
    """Another version of the check, its imports pointed at where those modules live now. Its
    signal receivers connect as it loads; nothing in this bench saves a page."""
    source = Path(path).read_text()
    for old, new in _MOVED_IMPORTS.items():
        source = source.replace(old, new)
    module = types.ModuleType("attribution._last_check_before")
    module.__file__ = path
    module.__package__ = "attribution"
    sys.modules[module.__name__] = module
    exec(compile(source, path, "exec"), module.__dict__)  # noqa: S102 (a file the runner names)
    return module


def build() -> dict[str, str]:
    from django.core.management import call_command

    from learning.models import LearningHubPage, PublicOutputPage

    started = time.monotonic()
    log("migrate")
    call_command("migrate", verbosity=0, interactive=False)
    log(f"load_demo ({time.monotonic() - started:.0f}s)")
    call_command("load_demo", no_progress=True, verbosity=0, stdout=io.StringIO())
    log(f"demo loaded ({time.monotonic() - started:.0f}s)")
    output = PublicOutputPage.objects.live().public().order_by("path").first()
    hub = LearningHubPage.objects.live().first()
    return {
        label: address.format(hub=hub.url, output=output.url, output_id=output.pk)
        for label, address in ADDRESSES.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--before",
        metavar="FILE",
        required=True,
        help="attribution/last_check.py as it was (git show REV:...)",
    )
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-guard-text-"))
    try:
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'db.sqlite3'}"
        os.environ["MEDIA_ROOT"] = str(tmp / "media")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.conf import settings
        from django.test import Client, RequestFactory

        settings.MEDIA_ROOT = str(tmp / "media")
        settings.CACHES[settings.PUBLIC_CACHE_ALIAS] = {  # off: every request rendered, checked
            "BACKEND": "django.core.cache.backends.dummy.DummyCache"
        }
        from attribution import last_check as now

        before = load_before(args.before)
        run(args.runs, build(), now, before, Client(), RequestFactory())
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(runs, addresses, now, before, client, factory) -> None:
    bodies = {}
    for label, address in addresses.items():
        response = client.get(address)
        if response.status_code != 200:
            sys.exit(f"{address} answered {response.status_code}, not 200")
        sent = factory.get(address)
        bodies[label] = (
            response.content,
            response["Content-Type"],
            response.charset or "utf-8",
            now.submitted(sent),
            before.submitted(sent),
        )
        log(f"{label}: {address} ({len(response.content):,} bytes)")

    def read_now(label):
        content, content_type, charset, sent, _ = bodies[label]
        return now.body_text(content, content_type, charset, sent)

    def read_before(label):
        content, content_type, charset, _, sent = bodies[label]
        return before.body_text(content, content_type, charset, sent)

    def request(label):
        client.get(addresses[label])

    versions = {"before": read_before, "now": read_now, "request": request}
    cases = [(label, version) for label in addresses for version in versions]
    times: dict[tuple[str, str], list[float]] = {case: [] for case in cases}
    rng = random.Random(17)
    for round_ in range(runs):
        rng.shuffle(cases)
        for label, version in cases:
            start = time.perf_counter()
            versions[version](label)
            times[(label, version)].append((time.perf_counter() - start) * 1000)
        log(f"round {round_ + 1}/{runs}")

    print(
        "| response | bytes | before: regular expressions (ms) | now: lexbor (ms) "
        "| now ÷ before | whole cold request (ms) | now ÷ request |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label in addresses:
        b, n, r = (statistics.median(times[(label, v)]) for v in versions)
        print(
            f"| {label} | {len(bodies[label][0]):,} | {b:.2f} | {n:.2f} | {n / b:.2f}× "
            f"| {r:.1f} | {n / r:.1%} |"
        )


if __name__ == "__main__":
    main()
