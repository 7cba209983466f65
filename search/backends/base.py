"""The search interface every engine implements, and the values that cross it.

A *document* is one searchable page as one audience may read it: public outputs and reports
(audience PUBLIC) and members-only knowledge pages (audience = their community's id). Audiences
are kept apart by structure: an engine stores the audience with each document and every search
names the audiences it may read, so a query can never reach a document outside them.

Engines rank inside the engine (FTS5 bm25, PostgreSQL ts_rank) with title and summary weighted
above the body, never per result in Python, and a search never writes to the database.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

PUBLIC = "public"  # the audience of public outputs and reports; a community's is str(its id)

RELEVANCE, NEWEST, OLDEST = "relevance", "newest", "oldest"
SORTS = (RELEVANCE, NEWEST, OLDEST)
FACETS = ("theme", "content_type", "community", "year")
# Snippet marks: private-use characters no document holds (engines remove them from the text
# they index), so an engine's snippet can be escaped whole and its marks made <mark> after.
OPEN, CLOSE = "\ue000", "\ue001"
_MARKS_RE = re.compile(f"[{OPEN}{CLOSE}]")


@dataclass(frozen=True)
class SearchDocument:
    """One page as the index holds it (built by search/documents.py)."""

    page_id: int
    audience: str  # PUBLIC or a community id as a string
    title: str
    summary: str
    body: str  # plain text
    url: str
    content_type: str  # a label readers know: "Insight", "Learning report", ...
    community: str  # the community's name, "" for public documents
    themes: tuple[str, ...]  # theme names
    date: str  # ISO date the page was published or held (year facet, date sort)


@dataclass(frozen=True)
class SearchQuery:
    """What to look for, and where: built by the views from what the reader typed."""

    terms: str  # the words as typed, already cleaned of control characters (search/query.py)
    audiences: frozenset[str]  # which audiences this reader may read: never empty
    filters: dict[str, str] = field(default_factory=dict)  # facet name -> chosen value
    sort: str = RELEVANCE
    page: int = 1
    per_page: int = 20
    synonyms: Sequence[frozenset[str]] = ()  # groups of equivalent phrases (search/synonyms.py)


@dataclass(frozen=True)
class SearchHit:
    page_id: int
    title: str
    url: str
    content_type: str
    community: str
    themes: tuple[str, ...]
    date: str
    snippet: str  # HTML-safe: the engine escapes the text and wraps matches in <mark>


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int


@dataclass
class SearchResults:
    hits: list[SearchHit]
    total: int  # how many documents match, over all pages
    facets: dict[str, list[FacetValue]]  # facet name -> values with counts, over all matches
    page: int
    per_page: int
    suggestion: str = ""  # "did you mean", where the engine can; "" otherwise
    notice: str = ""  # something the reader should know about these results (a fallback)
    # How many matches were ranked and can be paged through: all of them (None), or fewer
    # when an engine bounds its work on a query that matches very many documents (it ranks a
    # sample of this size) or cannot page further (Elasticsearch's result window).
    ranked: int | None = None
    facets_estimated: bool = False  # the facet counts were scaled from a sample

    @property
    def estimated(self) -> bool:
        """True when only some of the matches were ranked and can be shown."""
        return self.ranked is not None and self.ranked < self.total

    @property
    def pages(self) -> int:
        reachable = min(self.total, self.ranked) if self.ranked is not None else self.total
        return max(1, -(-reachable // self.per_page))


def whole_number(value, default: int) -> int:
    """A page number or size as the reader sent it, or the default."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def without_marks(text: str) -> str:
    """Text to index: the snippet marks taken out."""
    return _MARKS_RE.sub("", text or "")


def marked_snippet(snippet: str) -> str:
    """A snippet with OPEN/CLOSE marks as HTML: the text escaped, its matches in <mark>."""
    escaped = html.escape(snippet or "", quote=False)
    return escaped.replace(OPEN, "<mark>").replace(CLOSE, "</mark>")


def order_facets(facets: dict[str, list[FacetValue]]) -> dict[str, list[FacetValue]]:
    """Facet values as readers see them, in place: years newest first, the rest commonest
    first, then alphabetically."""
    for name, values in facets.items():
        if name == "year":
            values.sort(key=lambda v: v.value, reverse=True)
        else:
            values.sort(key=lambda v: (-v.count, v.value.casefold(), v.value))
    return facets


def estimated_facets(
    facets: dict[str, list[FacetValue]], factor: float
) -> dict[str, list[FacetValue]]:
    """A sample's facet counts as estimates for all the matches, to two significant figures."""

    def about(count: int) -> int:
        estimate = count * factor
        return max(1, int(round(estimate, 2 - len(str(int(estimate))))))

    return {
        name: [FacetValue(v.value, about(v.count)) for v in values]
        for name, values in facets.items()
    }


class SearchBackend:
    """An engine. Subclasses implement every method; options come from SEARCH_BACKENDS."""

    def __init__(self, alias: str = "default", **options):
        self.alias = alias
        self.options = options

    def search(self, query: SearchQuery) -> SearchResults:
        raise NotImplementedError

    def index(self, documents: Iterable[SearchDocument]) -> int:
        """Add or replace these documents (by page_id and audience); returns how many."""
        raise NotImplementedError

    def remove(self, page_ids: Iterable[int]) -> None:
        """Remove every document of these pages, whatever their audience."""
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def count(self) -> int:
        raise NotImplementedError
