"""Reads for the members' area that other apps build on (curation chooses sources with them)."""

import operator
from functools import reduce

from django.db.models import Q

from members.models import Community

from .models import CommunityHomePage, KnowledgePage


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
