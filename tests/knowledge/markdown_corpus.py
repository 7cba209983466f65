"""The pathological Markdown corpus (data/markdown_pathological.txt), for tests and bench/."""

import ast
from pathlib import Path

from knowledge.markdown import markdown_problem

CORPUS_FILE = Path(__file__).parent / "data" / "markdown_pathological.txt"


def corpus() -> list[str]:
    lines = CORPUS_FILE.read_text().splitlines()
    return [ast.literal_eval(line) for line in lines if line and not line.startswith("#")]


def repeated(unit: str, length: int) -> str:
    """The unit repeated to exactly `length` characters."""
    return (unit * (length // len(unit) + 1))[:length]


def most_accepted(unit: str, length: int, pad: str = "word ") -> str:
    """As many repeats of the unit as markdown_problem accepts, padded with `pad` to `length`:
    the slowest text the checks let through for this unit."""

    def padded(count: int) -> str:
        text = unit * count
        return text + repeated(pad, length - len(text)) if len(text) < length else text

    low, high = 0, length // len(unit)
    while low < high:  # the largest count of repeats that is accepted
        middle = (low + high + 1) // 2
        if markdown_problem(padded(middle), length) is None:
            low = middle
        else:
            high = middle - 1
    return padded(low)
