"""A community section's own pages: its home, its directory, its theme pages and its listings.

Each renders as the section itself (CommunityHomePage's routes call these), so the section's
privacy, breadcrumbs and navigation apply unchanged.

`<section url>threads/` and its siblings list the live pages of one type in one section, newest
first (sessions by meeting date), 20 to a page. Queries do not grow with the page size (see
knowledge.selectors.listing_pages).
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from members.selectors import memberships_listed

from members.params import read_params, text_param
from themes.models import Theme

from .. import selectors
from ..models import LISTING_PAGE_SIZE
from ..selectors import KINDS, listing_pages
from ..services.contributions import may_review


def section_home(request, *, section):
    return section.render(
        request,
        context_overrides={
            "latest": selectors.knowledge_latest(section),
            "upcoming_sessions": selectors.sessions_upcoming(section),
            "open_threads": selectors.threads_open(section),
            "themes": section.themes_in_use(),
            "can_review": may_review(section=section, user=request.user),
        },
    )


def section_directory(request, *, section):
    return section.render(
        request,
        template="knowledge/community_directory.html",
        context_overrides={"memberships": memberships_listed(section.community)},
    )


def section_theme(request, *, section, theme_slug):
    theme = get_object_or_404(Theme, slug=theme_slug)
    pages = selectors.knowledge_themed(section, theme)
    listing = Paginator(pages, LISTING_PAGE_SIZE).get_page(request.GET.get("page"))
    return section.render(
        request,
        template="knowledge/community_theme.html",
        context_overrides={"theme": theme, "listing": listing},
    )


def section_listing(request, *, section, kind):
    if kind not in KINDS:
        raise Http404
    theme_slug = read_params(request.GET, theme=text_param()).get("theme")
    theme = get_object_or_404(Theme, slug=theme_slug) if theme_slug else None
    pages = listing_pages(section, kind, theme=theme)
    # get_page: a page number past the end gives the last page; a non-number gives the first.
    listing = Paginator(pages, LISTING_PAGE_SIZE).get_page(request.GET.get("page"))
    return section.render(
        request,
        template="knowledge/section_listing.html",
        context_overrides={
            "kind": kind,
            "heading": KINDS[kind].heading,
            "theme": theme,
            "listing": listing,
        },
    )
