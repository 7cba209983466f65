"""Members' Markdown at each field's length limit: what the pathological inputs cost now.

    .venv/bin/python bench/markdown_bounds.py [--runs 7] [--limits 5000 10000]

The corpus is tests/knowledge/data/markdown_pathological.txt (inputs that make python-markdown
slow: repeated links, autolinks, raw HTML, brackets, emphasis, code spans, block marks). For
each input and each limit it times, with time.perf_counter(), in `--runs` rounds whose order is
shuffled from round to round (seeded) so the machine's load hits every case alike:

- **filled**: the input repeated to the limit. If knowledge.markdown.markdown_problem refuses
  it (what every form and model clean does), the refusal is timed; otherwise render_markdown
  (python-markdown, then nh3), which is what saving the text or previewing it costs;
- **most accepted**: as many repeats as markdown_problem accepts, padded with words to the
  limit: the slowest text of that shape a member can save, rendered;
- **every cap at once**: 20 links, 50 emphasised words, 50 code spans and 100 heading lines
  with table bars, padded.

With `--before`, each refused text is also rendered once, straight through python-markdown and
nh3 as before these checks (rendered on every view of the page): what the refusal spares.

Views never render (they print the stored HTML), so these are costs paid once per save or
preview. Progress goes to stderr, a markdown table to stdout. Exits 1 if any median exceeds
200 ms: a guard to run by hand, not a test.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MS = 200


def cases(limits):
    from knowledge.markdown import markdown_problem
    from tests.knowledge.markdown_corpus import corpus, most_accepted, repeated

    every_cap = "[a](b) " * 20 + "*a* " * 50 + "`a` " * 50 + "# a | b\n" * 100
    for limit in limits:
        for unit in corpus():
            filled = repeated(unit, limit)
            refused = markdown_problem(filled, limit) is not None
            yield (unit, limit, "filled", "refused" if refused else "rendered", filled)
            yield (unit, limit, "most accepted", "rendered", most_accepted(unit, limit))
        yield ("(every cap)", limit, "most accepted", "rendered", most_accepted(every_cap, limit))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--limits", type=int, nargs="+", default=[5_000, 10_000])
    parser.add_argument("--before", action="store_true", help="Time refused texts unchecked.")
    args = parser.parse_args()

    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import markdown as markdown_lib
    import nh3

    from knowledge import markdown as members_markdown
    from knowledge.markdown import markdown_problem, render_markdown

    def unchecked(text):  # render_markdown as it was before the checks
        html = markdown_lib.markdown(text, extensions=["tables", "sane_lists"])
        return nh3.clean(html, tags=members_markdown.ALLOWED_TAGS)

    todo = list(cases(args.limits))
    timings = {index: [] for index in range(len(todo))}
    shuffle = random.Random(17)
    for run in range(args.runs):
        order = list(timings)
        shuffle.shuffle(order)
        for index in order:
            _, limit, _, outcome, text = todo[index]
            start = time.perf_counter()
            if outcome == "refused":
                markdown_problem(text, limit)
            else:
                render_markdown(text)
            timings[index].append((time.perf_counter() - start) * 1000)
        print(f"round {run + 1} of {args.runs}", file=sys.stderr)
    before = {}
    if args.before:
        for index, (unit, _, _, outcome, text) in enumerate(todo):
            if outcome == "refused":
                print(f"unchecked: {unit!r} ({len(text):,})", file=sys.stderr)
                start = time.perf_counter()
                unchecked(text)
                before[index] = (time.perf_counter() - start) * 1000

    print(f"Median and slowest of {args.runs} runs, in ms (budget {BUDGET_MS} ms).\n")
    print("| input | limit | text | outcome | median ms | max ms | unchecked, once (ms) |")
    print("| --- | ---: | --- | --- | ---: | ---: | ---: |")
    over = []
    for index, (unit, limit, shape, outcome, _) in enumerate(todo):
        median = statistics.median(timings[index])
        shown = repr(unit).replace("|", "\\|").replace("`", "\\`")
        unchecked_ms = f"{before[index]:,.0f}" if index in before else ""
        print(
            f"| {shown} | {limit:,} | {shape} | {outcome} | {median:.1f} | "
            f"{max(timings[index]):.1f} | {unchecked_ms} |"
        )
        if median > BUDGET_MS:
            over.append((unit, limit, shape, median))
    worst = max(statistics.median(t) for t in timings.values())
    print(f"\nSlowest median: {worst:.1f} ms. Over budget: {len(over)}.")
    for unit, limit, shape, median in over:
        print(f"OVER: {unit!r} at {limit:,} ({shape}): {median:.1f} ms", file=sys.stderr)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
