"""The public search: live, public outputs only, for anyone, by the words of their title,
summary, body and themes.

Small on purpose: one box, the configured search backend (WAGTAILSEARCH_BACKENDS), 20 results
a page. A later issue brings the full search interface over pluggable engines; until then this
searches nothing but what the wider sector may already read, whoever asks: a signed-in member
gets the same answer as anyone else, never a members-only page.

What the reader typed comes back only as the value of the search box: never in a heading, the
<title>, a message or the result count. The last line of defence (knowledge/public_guard.py)
sets aside the reader's own words in their box and nowhere else, so a search for a member's
name is served, and still cannot smuggle that name into the page's text. A query the page
will not search (too long, control characters) is not shown back at all.

Searching writes nothing: no Query.add_hit, no session, so a search costs reads only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.shortcuts import render
from django.views.decorators.http import require_safe

from knowledge.models import LISTING_PAGE_SIZE, PublicOutputPage
from knowledge.syndication import public_hub

MAX_QUERY_LENGTH = 200  # characters: a search is a few words, never a document
# A word as the search reads it: letters and digits, joined by inner hyphens and apostrophes
# ("co-operative", "convener's"). Everything else (quotes, operators, brackets) is not a search
# syntax here: it separates words, so no input can reach the backend as query syntax.
_WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")
_WHITESPACE = frozenset("\t\n\r\f\v")


@dataclass(frozen=True)
class SearchQuery:
    """A reader's query as the page understands it.

    `shown` is what goes back in the box; `terms` what is searched for; `problem` why nothing is
    searched ("empty", "too_long", "unsearchable", "no_words"); `adjusted` whether punctuation
    or symbols were left out of the search."""

    shown: str = ""
    terms: str = ""
    problem: str = ""
    adjusted: bool = False


def search_query(raw: str) -> SearchQuery:
    """Read what the reader typed: never an error, whatever it holds."""
    if any(unicodedata.category(ch) == "Cc" and ch not in _WHITESPACE for ch in raw):
        return SearchQuery(problem="unsearchable")  # NUL and other control characters
    shown = " ".join(raw.split())
    if not shown:
        return SearchQuery(problem="empty")
    if len(shown) > MAX_QUERY_LENGTH:
        return SearchQuery(problem="too_long")
    words = _WORD_RE.findall(shown)
    if not words:
        return SearchQuery(shown=shown, problem="no_words")
    terms = " ".join(words)
    return SearchQuery(shown=shown, terms=terms, adjusted=terms != shown)


def public_outputs_search(terms: str):
    """Live public outputs matching every word, most relevant first (lazy search results)."""
    return PublicOutputPage.objects.live().public().search(terms, operator="and")


@require_safe
def search(request):
    query = search_query(request.GET.get("q", ""))
    listing = None
    if query.terms:
        listing = Paginator(public_outputs_search(query.terms), LISTING_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        # The cards show each output's themes: one query for the whole page of results.
        results = list(listing.object_list)
        prefetch_related_objects(results, PublicOutputPage.card_themes())
        listing.object_list = results
    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "listing": listing,
            "hub": public_hub(request),
            "max_query_length": MAX_QUERY_LENGTH,
        },
    )
