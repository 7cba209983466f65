"""Reads for the members' area: what a section lists and shows, and what other apps build on
(curation chooses sources with knowledge_pages_open_to)."""

import operator
from dataclasses import dataclass
from functools import reduce

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from wagtail.models import Page

from members.models import Community

from . import models
from .models import (
    ChallengeThread,
    CommunityHomePage,
    KnowledgePage,
    SessionNote,
    ThemedPage,
    ThreadFollow,
)
from .permissions import member_of


def knowledge_pages_open_to(user):
    """Every members-only page in the sections of the communities this user belongs to (all of
    them for a superuser), live or not: what they may choose as an output's source."""
    pages = KnowledgePage.objects.all()
    if user.is_superuser:
        return pages
    paths = list(
        CommunityHomePage.objects.filter(
            community__in=Community.objects.for_user(user)
        ).values_list("path", flat=True)
    )
    if not paths:
        return pages.none()
    return pages.filter(reduce(operator.or_, (Q(path__startswith=p) for p in paths)))


# A section's home ----------------------------------------------------------------------------


def knowledge_latest(section, count: int = 10):
    return (
        section.knowledge().select_related("content_type").order_by("-first_published_at")[:count]
    )


def sessions_upcoming(section, count: int = 3):
    today = timezone.localdate()
    return (
        SessionNote.objects.live()
        .child_of(section)
        .filter(date__gte=today)
        .order_by("date")[:count]
    )


def threads_open(section, count: int = 5):
    return (
        ChallengeThread.objects.live()
        .child_of(section)
        .exclude(status=ChallengeThread.Status.ANSWERED)
        .order_by("-first_published_at")[:count]
    )


def knowledge_themed(section, theme):
    """A theme's page in a section: its live knowledge with that theme, newest first."""
    return (
        section.knowledge()
        .filter(themed_items__tag=theme)
        .select_related("content_type")
        .order_by("-first_published_at", "-pk")
    )


# A section's listings ------------------------------------------------------------------------


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
    """The live pages of this kind in this section, in listing order, ready for cards: one
    COUNT for the paginator, one SELECT for the page (the threads' reply counts annotated in
    it), one prefetch of the cards' themes, whatever the page size."""
    spec = KINDS[kind]
    model = getattr(models, spec.model_name)
    pages = model.objects.live().child_of(section)
    if theme is not None:
        pages = pages.filter(themed_items__tag=theme)
    if model is ChallengeThread:
        pages = pages.annotate(
            reply_count=Count(
                "replies", filter=Q(replies__withdrawn_at__isnull=True), distinct=True
            )
        )
    card_themes = ThemedPage.objects.select_related("tag").order_by("tag__sort_order", "tag__name")
    return pages.prefetch_related(Prefetch("themed_items", queryset=card_themes)).order_by(
        *spec.ordering
    )


# Threads -----------------------------------------------------------------------------------------


def is_following(*, thread: ChallengeThread, user) -> bool:
    member = member_of(user)
    return member is not None and ThreadFollow.objects.filter(thread=thread, member=member).exists()


# Contributions -------------------------------------------------------------------------------


def source_pages_for(section):
    """The live session notes, threads and case studies of a section an insight may cite."""
    return (
        Page.objects.live()
        .child_of(section)
        .type(models.SessionNote, models.ChallengeThread, models.CaseStudy)
        .select_related("content_type")
        .order_by("title")
    )


def contributions_awaiting_review(*, section):
    """Draft insights and tools in a section, newest first, with their contributors."""
    return (
        Page.objects.child_of(section)
        .not_live()
        .type(models.Insight, models.SharedTool)
        .select_related("content_type", "owner__member")
        .order_by("-latest_revision_created_at", "-pk")
    )
