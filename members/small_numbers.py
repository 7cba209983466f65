"""The small-numbers rule: every report about people shows its counts through `suppressed`.

A count under the threshold (SMALL_NUMBER_THRESHOLD, 5 by default) could point at one person
in a group of a dozen, so it is shown as "fewer than 5", and no other figure on the page may
let it be worked out:

- no percentages;
- a table's total only once it reaches the threshold (below it, every row is hidden);
- with anything hidden, the smallest count that is not small is withheld as well: the number
  of answers (this table's total, or another question's on the same page) then gives away only
  the sum of the hidden and the withheld, and a withheld count of 5 or more can always absorb
  the difference, so no hidden count can be had by subtraction;
- a zero is hidden like any other small count once anything is hidden, so "0" never narrows
  down the rest.

What is left: a table whose every count is under the threshold hides them all, and only a total
that is four times the number of answers (every count exactly 4) could be read back from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

FEWER = "fewer than {threshold}"
WITHHELD = "withheld"


@dataclass(frozen=True)
class Row:
    label: str
    shown: str  # the count, "fewer than 5" or "withheld"


@dataclass(frozen=True)
class Table:
    rows: list[Row]
    total: str  # the number of answers, or "fewer than 5"

    @property
    def has_hidden(self) -> bool:
        return any(not row.shown.isdigit() for row in self.rows)


def threshold() -> int:
    return getattr(settings, "SMALL_NUMBER_THRESHOLD", 5)


def suppressed(counts: list[tuple[str, int]], *, limit: int | None = None) -> Table:
    """The counts of one question's answers (label, count), as a report may show them."""
    limit = threshold() if limit is None else limit
    fewer = FEWER.format(threshold=limit)
    total = sum(count for _, count in counts)
    if total < limit:
        return Table([Row(label, fewer) for label, _ in counts], fewer)
    if all(count == 0 or count >= limit for _, count in counts):
        return Table([Row(label, str(count)) for label, count in counts], str(total))
    large = [(count, i) for i, (_, count) in enumerate(counts) if count >= limit]
    withheld = min(large)[1] if large else None
    rows = [
        Row(label, WITHHELD if i == withheld else fewer if count < limit else str(count))
        for i, (label, count) in enumerate(counts)
    ]
    return Table(rows, str(total))
