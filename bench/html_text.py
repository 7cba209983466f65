"""The gate's text extraction: the real parser (attribution/html_text.py) against the old ways.

    .venv/bin/python bench/html_text.py [--runs 9]

For rich text of about 1, 10 and 100 KB (paragraphs, lists, links, bold, a table: what an
output's body or a learning report's section holds), it times, with time.perf_counter(), in
`--runs` rounds whose order is shuffled from round to round (seeded):

- **before**: django.utils.html.strip_tags after a regular expression that turned block tags
  into line breaks, then html.unescape: the gate's extraction until issue 17 (it raised on
  `<![x>`);
- **tinyhtml5**: a pure-Python WHATWG parser, which attribution/html_text.py used first in issue 17
  (WeasyPrint still depends on it, so it is installed);
- **now**: attribution.html_text.parse_fragment then tree_text (lexbor through selectolax, a
  WHATWG parser in C).

Medians and the ratios to before come from the same run, side by side. The gate runs when a
page is published or previewed, never when a page is served. Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import html
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.utils.html import strip_tags  # noqa: E402
from tinyhtml5.parser import HTMLParser  # noqa: E402

from attribution.html_text import parse_fragment, tree_text  # noqa: E402

_BLOCK_TAG_RE = re.compile(  # the gate's, before
    r"</?(?:p|li|ul|ol|h[1-6]|br|div|blockquote|tr|td|th|table|hr|figure|figcaption)\b[^>]*>",
    re.IGNORECASE,
)
CHUNK = (
    "<h2>What we learned</h2><p>A member found that <b>starting small</b> with individual "
    'service funds helped, and <a href="https://example.org/isf">the guide</a> &amp; the '
    "toolkit made it easier.</p><ul><li>Agree outcomes first</li><li>Pay for hours later</li>"
    "</ul><table><tr><td>Council</td><td>Provider</td></tr></table>"
)


def before(source: str) -> str:
    return html.unescape(strip_tags(_BLOCK_TAG_RE.sub("\n", source)))


def tinyhtml5(source: str) -> str:
    root = HTMLParser(namespace_html_elements=False).parse_fragment(source)
    return "".join(root.itertext())


def now(source: str) -> str:
    return tree_text(parse_fragment(source))


WAYS = {"before": before, "tinyhtml5": tinyhtml5, "now": now}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    sizes = {f"{kb} KB": CHUNK * max(1, kb * 1024 // len(CHUNK)) for kb in (1, 10, 100)}
    cases = [(size, name, fn) for size in sizes for name, fn in WAYS.items()]
    times: dict[tuple[str, str], list[float]] = {(s, n): [] for s, n, _ in cases}
    rng = random.Random(17)
    for _ in range(args.runs):
        rng.shuffle(cases)
        for size, name, fn in cases:
            start = time.perf_counter()
            fn(sizes[size])
            times[(size, name)].append((time.perf_counter() - start) * 1000)
    print(
        "| rich text | before (ms, median) | tinyhtml5 (ms) | now: lexbor (ms) "
        "| tinyhtml5 ÷ before | now ÷ before |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for size in sizes:
        b = statistics.median(times[(size, "before")])
        t = statistics.median(times[(size, "tinyhtml5")])
        n = statistics.median(times[(size, "now")])
        print(f"| {size} | {b:.2f} | {t:.2f} | {n:.2f} | {t / b:.1f}× | {n / b:.2f}× |")


if __name__ == "__main__":
    main()
