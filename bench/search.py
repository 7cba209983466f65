"""Public search at 10,000 and 100,000 documents: bulk load, index build time, query latency.

    .venv/bin/python bench/search.py [--sizes 10000 100000] [--runs 20] [--view-runs 5]
                                     [--database sqlite|postgres] [--keep]

For each size, a worker subprocess of this script builds a fresh database (SQLite in a temp
directory, or with --database postgres a new database on postgres@127.0.0.1:5432, dropped at
the end), runs `migrate` and `load_demo` (the hub, themes, glossary and 18 real outputs), then:

- **loads** N public outputs (knowledge.models.PublicOutputPage under the LearningHubPage)
  straight into the content tables with demo.build.bulk_add_child_pages(..., index=False)
  in batches of 1,000: every multi-table level, theme links, revisions, log entries and the
  reference index, but not the site's search index. The text is sector English: titles,
  summaries and bodies are drawn from the sentences of the demo content
  (demo/content.py) and the glossary's definitions (themes.GlossaryTerm, seeded from
  /work/shared/GLOSSARY.md), keeping only what the non-attribution check passes against the
  demo's registry (members, organisations, session guests), so common words ("care",
  "council", "people") match most documents; 1-3 themes, a kind and a date in the last four
  years each (seeded, so every run loads the same pages);
- **indexes** them, timed on its own: search.indexing.reindex_pages over the new ids in
  batches of 5,000 (what the loader does with index=True), then the engine's optimize() (what
  rebuild_search does last);
- **queries**: 20 realistic public queries (rare, mid-frequency and near-universal terms,
  acronyms and glossary synonyms, phrases, a typo that gets "did you mean", no results). Each
  is the full public search call the view makes,
  `get_search_backend().search(build_query(q, {"public"}, per_page=20))` (synonyms read,
  matches counted, facets counted, ranked, the page of 20 with snippets), timed with
  time.perf_counter() after one warm-up call each, --runs times round-robin over the queries
  so noise hits them all alike; then the whole view through the Django test Client,
  `Client().get("/search/?q=...")`, with the public page cache cleared before each request
  (so the search runs, the page renders and the last check on anonymous responses reads it),
  --view-runs times round-robin.

Settings: config.settings.test (DEBUG off, LocMemCache), DATABASE_URL and MEDIA_ROOT pointing
into the temp directory. Progress (tqdm) goes to stderr; the worker sends its results as JSON
to the parent, which prints markdown tables. Exits 1 if a view does not answer 200. With
--keep (SQLite only) the worker leaves its database behind and logs where, for profiling.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BATCH = 1000  # pages per bulk_add_child_pages call
INDEX_BATCH = 5000  # page ids per reindex_pages call
SEED = 20261125
POSTGRES = "postgres://postgres@127.0.0.1:5432/"  # + a database name

# (query, what it stands for)
QUERIES = [
    ("care", "near-universal word"),
    ("council", "near-universal word"),
    ("people", "near-universal word"),
    ("home care", "common phrase + synonyms"),
    ("care workers", "common phrase + synonyms"),
    ("the people we support", "common multi-word phrase"),
    ("ISF", "acronym (synonym)"),
    ("DP", "acronym (synonym)"),
    ("self care", "synonym"),
    ("co-op", "synonym"),
    ("sparsely populated", "rare phrase"),
    ("individual service fund", "phrase + acronym"),
    ("market shaping", "mid-frequency phrase"),
    ("social return on investment", "phrase + acronym"),
    ("peer support", "mid-frequency phrase"),
    ("commissioning outcomes rural", "three words, ANDed"),
    ("loneliness", "rare word"),
    ("ledger review unspent money", "rarer words, ANDed"),
    ("comissioning", "typo: did you mean"),
    ("xylophone", "no results"),
]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# =============================================================================================
# The text: sentences of the demo content and the glossary, with no one's name in them
# =============================================================================================

_TAG_RE = re.compile(r"<[^>]+>")
_MD_RE = re.compile(r"(\*{1,3}|^#+\s|^-\s)", re.MULTILINE)
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _strings(item)


def sentence_pool(glossary: list[tuple[str, str, str]]) -> tuple[list[str], list[str]]:
    """(sentences, titles) from the demo content and the glossary's definitions, keeping only
    text the non-attribution check passes against the loaded demo's registry: its members,
    their organisations (a council's place name included) and its session guests, who are
    protected too (a guest's organisation, "Co-operative Care Development Trust", is a short
    line of the demo content that a list of PEOPLE and ORGANISATIONS misses). The public guard
    refuses any page that shows a blocked name, so one such title among the outputs answers
    503 wherever it is listed. Each text is checked as written and as it reads mid-line (a
    search snippet, a heading run on), where a capitalised name is not a sentence's opener."""
    from attribution.check import BLOCK, check
    from attribution.registry import registry_cached
    from demo import content

    registry = registry_cached()

    def names_someone(text: str) -> bool:
        return any(
            finding.severity == BLOCK
            for variant in (text, "\u2026 " + text)
            for finding in check(variant, registry)
        )

    def clean(sentence: str) -> str | None:
        sentence = " ".join(sentence.split())
        if len(sentence.split()) < 6 or "@" in sentence or "{" in sentence or "http" in sentence:
            return None
        if not sentence[0].isupper() or sentence[-1] not in ".!?":
            return None
        return None if names_someone(sentence) else sentence

    sentences, titles = set(), set()
    for name in dir(content):
        if not name.isupper() or name in {"PEOPLE", "ORGANISATIONS", "DEMO_LOGINS"}:
            continue
        for text in _strings(getattr(content, name)):
            text = html.unescape(_MD_RE.sub(" ", _TAG_RE.sub(" ", text)))
            for part in _SENTENCE_RE.split(" ".join(text.split())):
                if (sentence := clean(part)) is not None:
                    sentences.add(sentence)
            if (
                4 <= len(text.split()) <= 12
                and text[0].isupper()
                and "{" not in text
                and text[-1] not in ".,;:"
                and not names_someone(text)
            ):
                titles.add(text.strip())
    for term, synonyms, meaning in glossary:
        first = synonyms.split(",")[0].strip() if synonyms else ""
        also = f" ({first})" if first else ""
        if not names_someone(sentence := f"{term[0].upper()}{term[1:]}{also}: {meaning}"):
            sentences.add(sentence)
    return sorted(sentences), sorted(titles)


def make_pages(n: int, start: int, rng: random.Random, sentences, titles, themes, kinds):
    """n unsaved PublicOutputPage instances with their themes."""
    import datetime

    from learning.models import PublicOutputPage, ThemedOutput

    now = datetime.datetime.now(tz=datetime.UTC)
    pages = []
    for i in range(start, start + n):
        if rng.random() < 0.5:
            title = rng.choice(titles)
        else:
            words = rng.choice(sentences).rstrip(".!?").split()
            title = " ".join(words[: rng.randint(5, 10)])
        paragraphs = [
            "<p>" + html.escape(" ".join(rng.sample(sentences, rng.randint(2, 4)))) + "</p>"
            for _ in range(rng.randint(3, 6))
        ]
        if rng.random() < 0.5:
            paragraphs.insert(
                rng.randint(0, len(paragraphs)), "<h2>" + html.escape(rng.choice(titles)) + "</h2>"
            )
        published = now - datetime.timedelta(
            days=rng.randint(1, 4 * 365), seconds=rng.randint(0, 86399)
        )
        page = PublicOutputPage(
            title=title[:250],
            slug=f"bench-output-{i}",
            kind=rng.choice(kinds),
            summary=" ".join(rng.sample(sentences, rng.randint(2, 3))),
            body="".join(paragraphs),
            first_published_at=published,
            last_published_at=published,
            translation_key=uuid.UUID(int=rng.getrandbits(128)),
        )
        page.themed_items = [ThemedOutput(tag=t) for t in rng.sample(themes, rng.randint(1, 3))]
        pages.append(page)
    return pages


# =============================================================================================
# Worker: one size, one database, one Django process
# =============================================================================================


def _postgres(sql: str) -> None:
    import psycopg

    with psycopg.connect(POSTGRES + "postgres", autocommit=True) as conn:
        conn.execute(sql)


def worker(size: int, runs: int, view_runs: int, database: str, keep: bool = False) -> None:
    protocol = sys.stdout  # JSON to the parent; everything else goes to stderr
    sys.stdout = sys.stderr
    tmp = Path(tempfile.mkdtemp(prefix=f"bench-search-{size}-"))
    pg_name = f"bench_search_{size}_{os.getpid()}"
    try:
        if database == "postgres":
            _postgres(f'CREATE DATABASE "{pg_name}"')
            os.environ["DATABASE_URL"] = POSTGRES + pg_name
        else:
            os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
        os.environ["MEDIA_ROOT"] = str(tmp / "media")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        import logging

        from django.conf import settings

        for name in ("weasyprint", "fontTools"):  # load_demo's report PDF: quiet
            logging.getLogger(name).setLevel(logging.WARNING)

        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
        settings.MEDIA_ROOT = str(tmp / "media")
        result = measure(size, runs, view_runs, database, tmp)
        protocol.write(json.dumps(result) + "\n")
        protocol.flush()
    finally:
        if database == "postgres":
            from django.db import connections

            connections.close_all()
            _postgres(f'DROP DATABASE IF EXISTS "{pg_name}"')
        if keep and database == "sqlite":
            log(f"[{size}] kept: DATABASE_URL=sqlite:///{tmp / 'bench.sqlite3'}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def measure(size: int, runs: int, view_runs: int, database: str, tmp: Path) -> dict:
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from tqdm import tqdm

    from demo.build import bulk_add_child_pages
    from learning.models import LearningHubPage, PublicOutputPage
    from learning.public_cache import public_cache
    from search.backends import get_search_backend
    from search.backends.base import PUBLIC
    from search.indexing import reindex_pages
    from search.query import build_query
    from themes.models import GlossaryTerm, Theme

    started = time.monotonic()
    log(f"[{size}] migrate")
    call_command("migrate", "--no-input", verbosity=0)
    log(f"[{size}] load_demo ({time.monotonic() - started:.0f}s)")
    call_command("load_demo", "--no-progress", verbosity=0)

    glossary = list(GlossaryTerm.objects.values_list("term", "synonyms", "meaning"))
    sentences, titles = sentence_pool(glossary)
    themes = list(Theme.objects.all())
    kinds = [k for k in PublicOutputPage.Kind.values if k != PublicOutputPage.Kind.REPORT]
    words = sum(len(s.split()) for s in sentences)
    log(
        f"[{size}] text: {len(sentences)} sentences ({words} words), {len(titles)} titles, "
        f"{len(themes)} themes, {len(glossary)} glossary terms"
    )

    # --- load --------------------------------------------------------------------------
    rng = random.Random(SEED)
    hub = LearningHubPage.objects.get()
    ids: list[int] = []
    generate = 0.0
    t0 = time.perf_counter()
    with tqdm(total=size, unit="page", desc=f"load {size}", file=sys.stderr, mininterval=1) as bar:
        for start in range(0, size, BATCH):
            g0 = time.perf_counter()
            pages = make_pages(
                min(BATCH, size - start), start, rng, sentences, titles, themes, kinds
            )
            generate += time.perf_counter() - g0
            with transaction.atomic():
                added = bulk_add_child_pages(hub, pages, index=False)
            ids += [page.pk for page in added]
            bar.update(len(pages))
    load_seconds = time.perf_counter() - t0
    body_words = [
        len(re.sub(r"<[^>]+>", " ", b).split())
        for b in PublicOutputPage.objects.filter(pk__in=ids[:2000]).values_list("body", flat=True)
    ]

    # --- index -------------------------------------------------------------------------
    backend = get_search_backend()
    t0 = time.perf_counter()
    indexed = 0
    with tqdm(
        total=len(ids), unit="page", desc=f"index {size}", file=sys.stderr, mininterval=1
    ) as bar:
        for start in range(0, len(ids), INDEX_BATCH):
            chunk = ids[start : start + INDEX_BATCH]
            indexed += reindex_pages(chunk, backend=backend)
            bar.update(len(chunk))
    index_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    optimize = getattr(backend, "optimize", None)
    if optimize is not None:
        optimize()
    if database == "postgres":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    optimize_seconds = time.perf_counter() - t0
    public_documents = backend.count()
    if database == "postgres":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            db_bytes = cursor.fetchone()[0]
    else:
        db_bytes = sum(f.stat().st_size for f in tmp.glob("bench.sqlite3*"))
    log(
        f"[{size}] loaded in {load_seconds:.1f}s (text generation {generate:.1f}s), indexed "
        f"{indexed} in {index_seconds:.1f}s, optimize {optimize_seconds:.1f}s; "
        f"{db_bytes / 1e6:.0f} MB"
    )

    # --- queries -----------------------------------------------------------------------
    def run_query(q):
        return backend.search(build_query(q, {PUBLIC}, per_page=20))

    facts = {}
    for q, _ in QUERIES:
        r = run_query(q)  # warm-up
        facts[q] = {"total": r.total, "hits": len(r.hits), "suggestion": r.suggestion}
    times: dict[str, list[float]] = {q: [] for q, _ in QUERIES}
    with tqdm(
        total=runs * len(QUERIES),
        unit="query",
        desc=f"search {size}",
        file=sys.stderr,
        mininterval=1,
    ) as bar:
        for _ in range(runs):
            for q, _ in QUERIES:
                t = time.perf_counter()
                run_query(q)
                times[q].append((time.perf_counter() - t) * 1000)
                bar.update(1)

    client = Client()
    cache = public_cache()
    view_times: dict[str, list[float]] = {q: [] for q, _ in QUERIES}
    statuses: dict[str, set] = {q: set() for q, _ in QUERIES}
    for q, _ in QUERIES:
        client.get("/search/", {"q": q})  # warm-up (templates)
    with tqdm(
        total=view_runs * len(QUERIES),
        unit="view",
        desc=f"view {size}",
        file=sys.stderr,
        mininterval=1,
    ) as bar:
        for _ in range(view_runs):
            for q, _ in QUERIES:
                if cache is not None:
                    cache.clear()
                t = time.perf_counter()
                response = client.get("/search/", {"q": q})
                view_times[q].append((time.perf_counter() - t) * 1000)
                statuses[q].add(response.status_code)
                bar.update(1)
    import sqlite3

    import django
    import wagtail

    if database == "postgres":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            engine = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        engine = f"SQLite {sqlite3.sqlite_version}"
    return {
        "size": size,
        "engine": engine,
        "python": sys.version.split()[0],
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "sentences": len(sentences),
        "pool_words": words,
        "body_words_mean": statistics.mean(body_words) if body_words else 0,
        "load_seconds": load_seconds,
        "generate_seconds": generate,
        "index_seconds": index_seconds,
        "optimize_seconds": optimize_seconds,
        "indexed": indexed,
        "public_documents": public_documents,
        "db_bytes": db_bytes,
        "facts": facts,
        "times": times,
        "view_times": view_times,
        "statuses": {q: sorted(s) for q, s in statuses.items()},
        "load": os.getloadavg()[0],
    }


# =============================================================================================
# Parent: run the workers, print the tables
# =============================================================================================


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def report(results: list[dict], runs: int, view_runs: int) -> int:
    first = results[0]
    print(
        f"{first['engine']}; Python {first['python']}, Django {first['django']}, Wagtail "
        f"{first['wagtail']}; {runs} timed runs per query (round-robin, after a warm-up), "
        f"{view_runs} per view; load average (1 min) at each worker's end: "
        + ", ".join(f"{r['load']:.2f}" for r in results)
        + "\n"
    )
    print(
        "| documents | load (bulk_add_child_pages, index=False) | index build (reindex_pages) "
        "| optimize | documents indexed (public, incl. demo) | database size | body words "
        "(mean) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r['size']:,} | {r['load_seconds']:.1f} s ({r['size'] / r['load_seconds']:.0f}"
            f" pages/s; text generation {r['generate_seconds']:.1f} s of it) | "
            f"{r['index_seconds']:.1f} s ({r['indexed'] / r['index_seconds']:.0f} docs/s) | "
            f"{r['optimize_seconds']:.1f} s | {r['public_documents']:,} | "
            f"{r['db_bytes'] / 1e6:.0f} MB | {r['body_words_mean']:.0f} |"
        )
    print()
    sizes = [r["size"] for r in results]
    header = "| query | what |" + "".join(
        f" hits at {s:,} | search ms median (p95), {s:,} | view ms median, {s:,} |" for s in sizes
    )
    print(header)
    print("|---|---|" + "---:|---:|---:|" * len(sizes))
    failures = []
    for q, what in QUERIES:
        cells = []
        for r in results:
            f = r["facts"][q]
            hits = f"{f['total']:,}"
            if f["suggestion"]:
                hits += f" (did you mean: {f['suggestion']})"
            t, v = r["times"][q], r["view_times"][q]
            cells.append(
                f" {hits} | {statistics.median(t):.1f} ({p95(t):.1f}) | "
                f"{statistics.median(v):.1f} |"
            )
            if r["statuses"][q] != [200]:
                failures.append(f"{r['size']}: /search/?q={q} answered {r['statuses'][q]}")
        print(f"| `{q}` | {what} |" + "".join(cells))
    print()
    print(
        "| documents | search: median over all queries | p95 over all queries | worst query "
        "(median, p95) | view: median over all queries | p95 | goal (median < 50 ms, p95 < "
        "150 ms) |"
    )
    print("|---:|---:|---:|---|---:|---:|---|")
    for r in results:
        every = [t for q, _ in QUERIES for t in r["times"][q]]
        views = [t for q, _ in QUERIES for t in r["view_times"][q]]
        worst = max(QUERIES, key=lambda item: statistics.median(r["times"][item[0]]))[0]
        med, p = statistics.median(every), p95(every)
        goal = "met" if med < 50 and p < 150 else "NOT met"
        print(
            f"| {r['size']:,} | {med:.1f} ms | {p:.1f} ms | `{worst}` "
            f"({statistics.median(r['times'][worst]):.1f}, {p95(r['times'][worst]):.1f} ms) | "
            f"{statistics.median(views):.1f} ms | {p95(views):.1f} ms | {goal} |"
        )
    for failure in failures:
        log(f"FAIL {failure}")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=20, help="timed searches per query (20)")
    parser.add_argument("--view-runs", type=int, default=5, help="timed views per query (5)")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--keep", action="store_true", help="leave each SQLite database behind (for profiling)"
    )
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.runs, args.view_runs, args.database, args.keep)
        return 0
    results = []
    for size in args.sizes:
        completed = subprocess.run(  # noqa: S603 (this script, fixed args)
            [
                sys.executable,
                __file__,
                "--worker",
                str(size),
                "--runs",
                str(args.runs),
                "--view-runs",
                str(args.view_runs),
                "--database",
                args.database,
                *(["--keep"] if args.keep else []),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            check=True,
        )
        results.append(json.loads(completed.stdout.strip().splitlines()[-1]))
    return report(results, args.runs, args.view_runs)


if __name__ == "__main__":
    sys.exit(main())
