"""Who may do what in a community's threads and contributions.

Reading at all is Wagtail's job (the section's view restriction); these are the rules within
it, asked by the views (to show or hide a control) and by the services (to refuse a write).
"""

from django.core.exceptions import PermissionDenied

from members.models import Community, Member

from .models import ChallengeThread, CommunityHomePage, Reply


def member_of(user) -> Member | None:
    """The Member behind a signed-in user, or None (an administrator may have none)."""
    return getattr(user, "member", None) if user.is_authenticated else None


def community_of(thread: ChallengeThread) -> Community:
    return CommunityHomePage.objects.ancestor_of(thread).select_related("community").get().community


def can_change_status(user, thread: ChallengeThread, *, community: Community | None = None) -> bool:
    """The thread's author or a convener of its community."""
    if user.is_authenticated and thread.owner_id == user.pk:
        return True
    return (community or community_of(thread)).is_convened_by(user)


def can_curate(user, thread: ChallengeThread, *, community: Community | None = None) -> bool:
    """Mark the learning and write the non-attributed summary: conveners only."""
    return (community or community_of(thread)).is_convened_by(user)


def can_change_reply(user, reply: Reply) -> bool:
    """Only a reply's author edits or withdraws it, and only while it still has words."""
    member = member_of(user)
    return member is not None and reply.author_id == member.pk and not reply.is_withdrawn


def require(allowed: bool, reason: str) -> None:
    if not allowed:
        raise PermissionDenied(reason)


def may_review(*, section, user) -> bool:
    """Conveners of the section's community (and superusers) review its contributions."""
    return section.community.is_convened_by(user)
