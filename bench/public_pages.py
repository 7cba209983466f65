"""Public pages over HTTP: throughput and latency of the hub, a theme page, an output page and
the about page, with the public page cache off ("cold") and on ("warm"), beside a static CSS
file served by the same gunicorn in the same run.

    .venv/bin/python bench/public_pages.py [--duration 10] [--rounds 3] [--connections 4]

It mirrors the HTTP method of the Wagtail demo baseline
(/work/shared/research/wagtail-demo-baseline.md, section 1):

- A fresh SQLite database in a temp directory (deleted at the end): `migrate`, `load_demo`
  (the hub and its 18 outputs), `collectstatic`, under config.settings.production with
  SECRET_KEY, ALLOWED_HOSTS=127.0.0.1,localhost, SECURE_SSL_REDIRECT=false and
  SECURE_HSTS_SECONDS=0. STATIC_ROOT has no environment variable, so a two-line settings
  module in the temp directory imports the production settings and points STATIC_ROOT there.
- Two gunicorn servers at once, `config.wsgi --workers 2` (sync) each, on two free ports:
  "cold" with PUBLIC_CACHE_URL=dummy:// (every anonymous request rendered and checked for
  names), "warm" with the default public cache, files in a PUBLIC_CACHE_DIR in the temp
  directory (served from the page cache once warmed; results in docs/benchmarks.md before
  issue 15 were measured on the per-process LocMemCache that was the default then).
  Only one server is under load at a time; the idle one sleeps.
- Floor: the hashed site.css, served by WhiteNoise through the same server.
- Every URL on both servers is fetched once with urllib (status and bytes; anything but 200
  stops the bench), then warmed with 6 requests. Then each round runs
  `wrk -t1 -c4 -d10s --latency` on every (server, URL) in turn, alternating which server
  goes first, so drift on this shared machine hits every URL alike.
- Cells are the median of the rounds with min-max; ratios are floor / page for req/s and
  page / floor for p50, against the floor on the same server, of the medians, with the range
  of the per-round ratios. Exits 1 if wrk counted any non-2xx response for any URL.

Progress goes to stderr; the markdown table to stdout. Needs wrk: `apt-get install -y wrk`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WARMUP = 6
SERVERS = ["cold", "warm"]
SERVER_LABELS = {
    "cold": "cold (cache off: rendered and checked)",
    "warm": "warm (public page cache)",
}
URLS = ["static", "hub", "theme", "output", "about"]
LABELS = {
    "static": "static CSS (floor)",
    "hub": "learning hub",
    "theme": "theme page (ISFs)",
    "output": "output page (shared tool)",
    "about": "about page",
}
FIND_URLS = """
import json
from django.contrib.staticfiles.storage import staticfiles_storage
from learning.models import PublicOutputPage
tool = (PublicOutputPage.objects.live().public().filter(kind="shared_tool")
        .order_by("path").first())
print(json.dumps({"static": staticfiles_storage.url("css/site.css"), "output": tool.url}))
"""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(  # noqa: S603 (manage.py, a fixed argument list)
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: no proxy


def fetch(url: str) -> tuple[int, int]:
    try:
        with _OPENER.open(url, timeout=30) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, len(error.read())


def wait_ready(url: str, process: subprocess.Popen, log_file: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped:\n{log_file.read_text()}")
        try:
            fetch(url)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer {url} within 60 s:\n{log_file.read_text()}")


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def wrk(url: str, duration: int, connections: int) -> dict:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}
    for pct in ("50", "90", "99"):
        value, unit = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M).groups()
        result[f"p{pct}"] = float(value) * _UNITS[unit]
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    result["non2xx"] = int(non_2xx.group(1)) if non_2xx else 0
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    result["errors"] = sum(map(int, errors.groups())) if errors else 0
    result["requests"] = int(re.search(r"(\d+) requests in", output).group(1))
    return result


def med(values: list[float]) -> float:
    return statistics.median(values)


def fmt(values: list[float], digits: int = 1) -> str:
    return f"{med(values):.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def ratio(values: list[float]) -> str:
    return f"{med(values):.1f}× ({min(values):.1f}–{max(values):.1f})"


def run(duration: int, rounds: int, connections: int) -> int:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not on PATH: install it with `apt-get install -y wrk`.")
    if not (BIN / "gunicorn").exists():
        raise SystemExit(f"no gunicorn in {BIN}: run `make .venv/bin/.installed`.")
    tmp = Path(tempfile.mkdtemp(prefix="bench-public-"))
    servers: dict[str, subprocess.Popen] = {}
    try:
        (tmp / "bench_settings.py").write_text(
            "from config.settings.production import *  # noqa: F403\n"
            f"STATIC_ROOT = {str(tmp / 'static')!r}\n"
        )
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(tmp), str(ROOT)]),
            "DJANGO_SETTINGS_MODULE": "bench_settings",
            "SECRET_KEY": "bench-public-pages-not-secret",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
            "MEDIA_ROOT": str(tmp / "media"),
            "LOG_LEVEL": "WARNING",
            "PUBLIC_CACHE_DIR": str(tmp / "public-cache"),
        }
        env.pop("PUBLIC_CACHE_URL", None)
        started = time.monotonic()
        log(f"setup in {tmp}: migrate")
        manage(env, "migrate", "--no-input", "-v0")
        log(f"load_demo ({time.monotonic() - started:.0f}s)")
        manage(env, "load_demo", "--no-progress", "--allow-production", "-v0")
        log(f"collectstatic ({time.monotonic() - started:.0f}s)")
        manage(env, "collectstatic", "--no-input", "-v0")
        found = json.loads(manage(env, "shell", "-c", FIND_URLS).strip().splitlines()[-1])
        paths = {
            "static": found["static"],
            "hub": "/learning/",
            "theme": "/learning/themes/isfs/",
            "output": found["output"],
            "about": "/about/",
        }

        ports = {}
        for name in SERVERS:
            ports[name] = free_port()
            server_env = {**env, "PUBLIC_CACHE_URL": "dummy://"} if name == "cold" else env
            log_file = tmp / f"gunicorn-{name}.log"
            servers[name] = subprocess.Popen(  # noqa: S603 (the venv's gunicorn, fixed args)
                [
                    str(BIN / "gunicorn"),
                    "config.wsgi",
                    "--bind",
                    f"127.0.0.1:{ports[name]}",
                    "--workers",
                    "2",
                ],
                cwd=ROOT,
                env=server_env,
                stdout=log_file.open("w"),
                stderr=subprocess.STDOUT,
            )
        for name in SERVERS:
            base = f"http://127.0.0.1:{ports[name]}"
            wait_ready(base + paths["static"], servers[name], tmp / f"gunicorn-{name}.log")
        log(
            f"servers up ({time.monotonic() - started:.0f}s): "
            + ", ".join(f"{name} on {port}" for name, port in ports.items())
        )

        sizes = {}
        for name in SERVERS:
            for key in URLS:
                url = f"http://127.0.0.1:{ports[name]}{paths[key]}"
                status, size = fetch(url)
                if status != 200:
                    raise SystemExit(f"FAIL {name} {paths[key]} answered {status}, not 200")
                sizes[name, key] = size
                for _ in range(WARMUP):
                    fetch(url)

        results = {(name, key): [] for name in SERVERS for key in URLS}
        for number in range(rounds):
            order = SERVERS if number % 2 == 0 else list(reversed(SERVERS))
            for name in order:
                for key in URLS:
                    url = f"http://127.0.0.1:{ports[name]}{paths[key]}"
                    r = wrk(url, duration, connections)
                    results[name, key].append(r)
                    log(
                        f"round {number + 1}/{rounds} {name:4} {key:6} {r['rps']:8.1f} req/s "
                        f"p50 {r['p50']:7.2f} ms p99 {r['p99']:7.2f} ms non-2xx {r['non2xx']}"
                    )
        load = os.getloadavg()[0]
    finally:
        for process in servers.values():
            process.terminate()
        for process in servers.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(tmp, ignore_errors=True)

    return report(results, sizes, paths, duration, rounds, connections, load)


def report(results, sizes, paths, duration, rounds, connections, load) -> int:
    import django
    import wagtail

    def series(name, key, field):
        return [r[field] for r in results[name, key]]

    print(
        f"wrk -t1 -c{connections} -d{duration}s --latency, {rounds} rounds; gunicorn "
        f"--workers 2 (sync), two servers; Python {platform.python_version()}, Django "
        f"{django.get_version()}, Wagtail {wagtail.__version__}; load average (1 min) at the "
        f"end {load:.2f}\n"
    )
    print(
        "| server | page | path | bytes | req/s median (min–max) | p50 ms median (min–max) "
        "| p90 ms | p99 ms | req/s: floor ÷ page (per-round range) | p50: page ÷ floor "
        "(per-round range) | non-2xx / socket errors |"
    )
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    failures = []
    for name in SERVERS:
        floor_rps, floor_p50 = series(name, "static", "rps"), series(name, "static", "p50")
        for key in URLS:
            rps, p50 = series(name, key, "rps"), series(name, key, "p50")
            per_round_rps = [f / p for f, p in zip(floor_rps, rps, strict=True)]
            per_round_p50 = [p / f for f, p in zip(floor_p50, p50, strict=True)]
            non2xx, errors = sum(series(name, key, "non2xx")), sum(series(name, key, "errors"))
            page = f"**{LABELS[key]}**" if key == "static" else LABELS[key]
            print(
                f"| {SERVER_LABELS[name]} | {page} | `{paths[key]}` | {sizes[name, key]} | "
                f"{fmt(rps)} | {fmt(p50, 2)} | {med(series(name, key, 'p90')):.2f} | "
                f"{med(series(name, key, 'p99')):.2f} | "
                f"{med(floor_rps) / med(rps):.1f}× ({min(per_round_rps):.1f}–"
                f"{max(per_round_rps):.1f}) | {med(p50) / med(floor_p50):.1f}× "
                f"({min(per_round_p50):.1f}–{max(per_round_p50):.1f}) | {non2xx} / {errors} |"
            )
            if non2xx:
                failures.append(f"{name} {paths[key]}: {non2xx} non-2xx responses")

    print()
    warm_floor = med(series("warm", "static", "rps"))
    worst = 0.0
    parts = []
    for key in URLS[1:]:
        slower = warm_floor / med(series("warm", key, "rps"))
        worst = max(worst, slower)
        gain = med(series("warm", key, "rps")) / med(series("cold", key, "rps"))
        parts.append(f"{LABELS[key]} {slower:.1f}× ({gain:.0f}× the cold req/s)")
    verdict = "met" if worst <= 2 else "NOT met"
    print(f"Warm page ÷ static, req/s (goal: within 2×, {verdict}): " + "; ".join(parts) + ".")
    floors = med(series("cold", "static", "rps")) / warm_floor
    print(f"Static floor, cold server ÷ warm server, req/s: {floors:.2f}×.")
    for failure in failures:
        log(f"FAIL {failure}")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (10)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over every URL (3)")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections (4)")
    args = parser.parse_args()
    return run(args.duration, args.rounds, args.connections)


if __name__ == "__main__":
    sys.exit(main())
