"""The search pages: one for anyone, one for members, over the one search interface.

`/search/` reads public outputs and reports only, for anyone: a signed-in member gets the same
answer as anyone else. `/search/members/` (signed in) reads those plus the members-only pages
of the communities the reader belongs to. Which audiences a page may read is decided here, by
who asks, and handed to the engine with every query (search/backends/base.py); the views never
ask which engine is active.

What the reader typed comes back only as the value of the search box and in the page's links
to itself: never in a heading, the <title>, a message, the result count or the words of a
"did you mean" (only its corrections are shown), so the last check on anonymous responses
(attribution/last_check.py) can tell the reader's own words from a disclosure. A query that is
not searched (too long, control characters) is not shown back at all. Searching writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from learning.syndication import public_hub
from members.params import read_params, text_param, year_param

from .backends import get_search_backend
from .backends.base import FACETS, PUBLIC, SORTS
from .query import MAX_QUERY_LENGTH, audiences_for, build_query, read_query, words

PER_PAGE = 20
FACET_LABELS = {"theme": "Theme", "content_type": "Type", "community": "Community", "year": "Year"}
SORT_LABELS = [("relevance", "Relevance"), ("newest", "Newest first"), ("oldest", "Oldest first")]


@require_safe
def public_search(request):
    return _search(request, frozenset({PUBLIC}), members=False)


@require_safe
@login_required
def member_search(request):
    return _search(request, audiences_for(request.user), members=True)


def _search(request, audiences, *, members: bool):
    # Checked before any query runs: a NUL byte or a year past 64 bits is a 400, not a 500.
    # (read_query sets aside a query with control characters itself: it is never searched.)
    filters = read_params(
        request.GET, **{name: year_param() if name == "year" else text_param() for name in FACETS}
    )
    query = read_query(request.GET.get("q", ""))
    if not members:
        filters.pop("community", None)  # public results belong to no community
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else SORTS[0]
    results = None
    if query.terms:
        results = get_search_backend().search(
            build_query(
                query.terms,
                audiences,
                filters=filters,
                sort=sort,
                page=_page_number(request.GET.get("page")),
                per_page=PER_PAGE,
            )
        )
    facets = [
        (name, FACET_LABELS[name], [_facet_link(request, name, value, filters) for value in values])
        for name, values in (results.facets.items() if results else ())
        if values and (members or name != "community")
    ]
    page = results.page if results else 1
    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "results": results,
            "corrections": _corrections(query, results.suggestion) if results else "",
            "facets": facets,
            "filters": filters,
            "sort": sort,
            "sorts": SORT_LABELS,
            "first_number": (page - 1) * PER_PAGE + 1,
            "previous_page": page - 1,
            "next_page": page + 1,
            "members": members,
            "action": request.path,
            "hub": public_hub(request),
            "max_query_length": MAX_QUERY_LENGTH,
        },
    )


@dataclass(frozen=True)
class FacetLink:
    value: str
    count: int
    chosen: bool
    choose: str  # this page's address with the filter set
    remove: str  # ... and without it


def _facet_link(request, name: str, facet, filters: dict) -> FacetLink:
    params = request.GET.copy()
    params.pop("page", None)
    chosen = filters.get(name) == facet.value
    params[name] = facet.value
    choose = "?" + params.urlencode()
    params.pop(name)
    return FacetLink(facet.value, facet.count, chosen, choose, "?" + params.urlencode())


def _corrections(query, suggestion: str) -> str:
    """The words of a "did you mean" that the reader did not type: all the page shows of it.
    The words it kept are theirs, and a page never prints what a reader sent in its text (the
    link to the suggestion carries them, as the page's own links carry the query)."""
    typed = {word.casefold() for word in words(query.terms)}
    return " ".join(word for word in words(suggestion) if word.casefold() not in typed)


def _page_number(raw) -> int:
    try:
        return max(1, min(int(raw), 10_000))
    except (TypeError, ValueError):
        return 1
