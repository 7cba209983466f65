"""A community section's own pages: its home, its directory (and inviting people to it), its
theme pages and its listings.

Each renders as the section itself (CommunityHomePage's routes call these), so the section's
privacy, breadcrumbs and navigation apply unchanged.

`<section url>threads/` and its siblings list the live pages of one type in one section, newest
first (sessions by meeting date), 20 to a page. Queries do not grow with the page size (see
knowledge.selectors.listing_pages).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect

from members.forms import InvitationForm
from members.params import read_params, text_param
from members.selectors import memberships_listed
from members.services import InvitationRefused, member_invite
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
        context_overrides={
            "memberships": memberships_listed(section.community),
            "can_invite": section.community.is_convened_by(request.user),
        },
    )


def section_invite(request, *, section):
    """A convener invites someone to the community: account, membership and email in one step
    (members.services.member_invite)."""
    community = section.community
    if not community.is_convened_by(request.user):
        raise PermissionDenied("Only the community's conveners can invite people to it.")
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member_invite(community=community, by=request.user, **form.cleaned_data)
        except InvitationRefused as refusal:
            form.add_error("email", str(refusal))
        else:
            # The name the convener typed: someone with an account keeps their own, which is
            # not the convener's to learn until they are in the community.
            name = form.cleaned_data["name"]
            messages.success(request, f"{name} is invited: the email is on its way.")
            return redirect(section.url + section.reverse_subpage("directory"))
    return section.render(
        request,
        template="knowledge/community_invite.html",
        context_overrides={"form": form},
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
