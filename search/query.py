"""What a reader typed, read as words: the only way text reaches a search engine.

No engine syntax ever reaches an engine. Quotes, operators, column filters ("title:"), `*`, `^`,
NEAR, brackets and control characters are not a language here: they separate words. A word is
letters and digits joined by inner hyphens and apostrophes ("co-operative", "convener's"); an
engine receives the words, never the string, and builds its own query from them (quoted phrases
in FTS5, phraseto_tsquery in PostgreSQL), so "OR" and "NEAR" are searched for as words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .backends.base import PUBLIC, RELEVANCE, SearchQuery

MAX_QUERY_LENGTH = 200  # characters: a search is a few words, never a document
MAX_WORDS = 24  # words searched for; the rest of a long query is left out
# Letters and digits (not "_"), joined by inner hyphens and apostrophes.
_WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_TOKEN_RE = re.compile(r"[^\W_]+")
_WHITESPACE = frozenset("\t\n\r\f\v")
# Control characters, and lone surrogates (half a character: no database can store them).
_UNSEARCHABLE = frozenset({"Cc", "Cs"})


@dataclass(frozen=True)
class ReadQuery:
    """A reader's query as the search page understands it.

    `shown` is what goes back in the box; `terms` what is searched for (words, one space
    apart); `problem` why nothing is searched ("empty", "too_long", "unsearchable", "no_words");
    `adjusted` whether punctuation or symbols were left out."""

    shown: str = ""
    terms: str = ""
    problem: str = ""
    adjusted: bool = False


def read_query(raw: str) -> ReadQuery:
    """Read what the reader typed: never an error, whatever it holds."""
    raw = raw or ""
    if any(unicodedata.category(ch) in _UNSEARCHABLE and ch not in _WHITESPACE for ch in raw):
        return ReadQuery(problem="unsearchable")  # NUL, control characters, lone surrogates
    shown = " ".join(raw.split())
    if not shown:
        return ReadQuery(problem="empty")
    if len(shown) > MAX_QUERY_LENGTH:
        return ReadQuery(problem="too_long")
    terms = " ".join(words(shown))
    if not terms:
        return ReadQuery(shown=shown, problem="no_words")
    return ReadQuery(shown=shown, terms=terms, adjusted=terms != shown)


def words(text: str) -> list[str]:
    """The words of a text, at most MAX_WORDS of them (what engines search for). Safe on any
    input: whatever is not a word separates words."""
    text = unicodedata.normalize("NFKC", (text or "")[: MAX_QUERY_LENGTH * 2])
    return _WORD_RE.findall(text)[:MAX_WORDS]


def tokens(word: str) -> tuple[str, ...]:
    """A word as an engine's tokenizer splits it, casefolded: "Co-op" -> ("co", "op")."""
    return tuple(_TOKEN_RE.findall(unicodedata.normalize("NFKC", word).casefold()))


def audiences_for(user) -> frozenset[str]:
    """What this reader may search: public outputs, and the members-only pages of each
    community whose section they may read (Community.objects.for_user: their memberships)."""
    from members.models import Community

    ids = Community.objects.for_user(user).values_list("pk", flat=True)
    return frozenset({PUBLIC, *(str(pk) for pk in ids)})


def build_query(terms: str, audiences: Iterable[str], **options) -> SearchQuery:
    """A SearchQuery for these terms and audiences, with the glossary's synonyms as they are now
    (one small query): what a view builds. options: filters, sort, page, per_page."""
    from .synonyms import synonym_groups

    options.setdefault("sort", RELEVANCE)
    return SearchQuery(
        terms=" ".join(words(terms)),
        audiences=frozenset(audiences),
        synonyms=synonym_groups(),
        **options,
    )


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (two letters swapped count one), or limit + 1 as soon
    as it must exceed limit: how far a typed word is from a known one, for "did you mean"."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]
