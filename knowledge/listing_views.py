"""A community section's listings: its threads, insights, tools, sessions and case studies.

`<section url>threads/` and its siblings list the live pages of one type in one section, newest
first (sessions by meeting date), 20 to a page. The section's route (CommunityHomePage.listing)
calls section_listing, and the page renders as the section itself, so the section's privacy,
breadcrumbs and navigation apply unchanged.

Queries do not grow with the page size: one COUNT for the paginator, one SELECT for the page
(with the threads' reply counts annotated in it), one prefetch of the cards' themes.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from members.params import read_params, text_param


@dataclass(frozen=True)
class Kind:
    model_name: str  # a model of knowledge.models
    heading: str
    ordering: tuple[str, ...] = ("-first_published_at", "-pk")


KINDS = {
    "threads": Kind("ChallengeThread", "Challenge threads"),
    "insights": Kind("Insight", "Insights"),
    "tools": Kind("SharedTool", "Shared tools"),
    "sessions": Kind("SessionNote", "Session notes", ordering=("-date", "-pk")),
    "case-studies": Kind("CaseStudy", "Case studies"),
}


def listing_pages(section, kind: str, *, theme=None):
    """The live pages of this kind in this section, in listing order, ready for cards."""
    from . import models
    from .models import ThemedPage

    spec = KINDS[kind]
    model = getattr(models, spec.model_name)
    pages = model.objects.live().child_of(section)
    if theme is not None:
        pages = pages.filter(themed_items__tag=theme)
    if model is models.ChallengeThread:
        pages = pages.annotate(
            reply_count=Count(
                "replies", filter=Q(replies__withdrawn_at__isnull=True), distinct=True
            )
        )
    card_themes = ThemedPage.objects.select_related("tag").order_by("tag__sort_order", "tag__name")
    return pages.prefetch_related(Prefetch("themed_items", queryset=card_themes)).order_by(
        *spec.ordering
    )


def section_listing(request, *, section, kind):
    from themes.models import Theme

    from .models import LISTING_PAGE_SIZE

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
