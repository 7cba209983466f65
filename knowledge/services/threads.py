"""Challenge threads: opening one, replying, and moving it towards its learning.

Every write is a keyword-only function taking the acting user as `by`; each checks its own
permission (knowledge/permissions.py, raising PermissionDenied) so a view, a command or a test
gets the same rules. The thread itself is a page, so its own fields (status, summary) change
through a published revision and keep their history; replies are plain rows beside it (see
Reply).

Reading a thread at all is Wagtail's job: these are routes of pages inside a community's
restricted section, so other communities and the public never reach these functions.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from members.mail import send_after_commit
from members.models import Member

from ..models import ChallengeThread, CommunityHomePage, Reply, ReplyVersion, ThreadFollow
from ..permissions import (
    can_change_reply,
    can_change_status,
    can_curate,
    member_of,
    require,
)


def _require_member(user) -> Member:
    member = member_of(user)
    require(member is not None, "Only members of the community can take part in threads.")
    return member


# Writes ----------------------------------------------------------------------------------


@transaction.atomic
def thread_open(
    *, section: CommunityHomePage, by, title: str, question: str, themes: Iterable
) -> ChallengeThread:
    """Pose a challenge to the community: a published thread, followed by its author."""
    thread = ChallengeThread(
        title=title,
        slug=section.free_slug(title),
        question=question,
        status=ChallengeThread.Status.OPEN,
        owner=by,
        live=False,  # live once published, with a revision to show for it
    )
    thread.themes.add(*themes)
    section.add_child(instance=thread)
    _publish(thread, by)
    member = member_of(by)
    if member is not None:
        thread_follow(thread=thread, by=by)
    return thread


def _publish(thread: ChallengeThread, by) -> None:
    # Members have no Wagtail page permissions (they never use the admin); the rules above,
    # checked by each service, decide instead. The revision still records who did it.
    thread.save_revision(user=by, log_action=True).publish(user=by, skip_permission_checks=True)


def _publish_change(thread: ChallengeThread, by, **fields) -> ChallengeThread:
    """Change page fields through a new published revision, so the change keeps history.

    Based on the live page: a draft a convener left unpublished in the admin is superseded,
    not published by the back door.
    """
    live = ChallengeThread.objects.get(pk=thread.pk)
    for name, value in fields.items():
        setattr(live, name, value)
    _publish(live, by)
    return live


@transaction.atomic
def thread_status_set(*, thread: ChallengeThread, by, status: str) -> ChallengeThread:
    require(
        can_change_status(by, thread),
        "Only the thread's author or a convener can change its status.",
    )
    if status not in ChallengeThread.Status.values:
        raise ValueError(f"Unknown status {status!r}")
    if status == thread.status:
        return thread
    return _publish_change(thread, by, status=status)


@transaction.atomic
def thread_summary_write(*, thread: ChallengeThread, by, summary: str) -> ChallengeThread:
    require(can_curate(by, thread), "Only a convener can write the thread's summary.")
    return _publish_change(thread, by, summary=summary)


def thread_follow(*, thread: ChallengeThread, by) -> ThreadFollow:
    member = _require_member(by)
    follow, _ = ThreadFollow.objects.get_or_create(thread=thread, member=member)
    return follow


def thread_unfollow(*, thread: ChallengeThread, by) -> None:
    member = _require_member(by)
    ThreadFollow.objects.filter(thread=thread, member=member).delete()


@transaction.atomic
def reply_post(*, thread: ChallengeThread, by, body: str) -> Reply:
    """Reply to a thread; its followers (not the author) hear of it by email once saved."""
    member = _require_member(by)
    reply = Reply.objects.create(thread=thread, author=member, body=body)
    _notify_followers(thread=thread, reply=reply)
    return reply


def _notify_followers(*, thread: ChallengeThread, reply: Reply) -> None:
    """One plain-text email per follower: which thread, and where. Never the reply's words,
    which stay in the members' area."""
    recipients = (
        ThreadFollow.objects.filter(thread=thread)
        .exclude(member_id=reply.author_id)
        .exclude(member__user__email="")
        .values_list("member__user__email", flat=True)
    )
    subject = f"New reply: {thread.title}"
    body = (
        f'There is a new reply on the challenge thread "{thread.title}", which you follow.\n\n'
        f"Read it (you will be asked to sign in): {thread.full_url}\n\n"
        "You are getting this because you follow the thread. To stop, open the thread and "
        'choose "Stop following".\n'
    )
    send_after_commit(
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients
    )


@transaction.atomic
def reply_edit(*, reply: Reply, by, body: str) -> Reply:
    """Change a reply's words, keeping the earlier wording as a version."""
    require(can_change_reply(by, reply), "Only the author of a reply can edit it.")
    if body == reply.body:
        return reply
    ReplyVersion.objects.create(
        reply=reply, body=reply.body, written_at=reply.edited_at or reply.created_at
    )
    reply.body = body
    reply.edited_at = timezone.now()
    reply.save(update_fields=["body", "edited_at"])
    return reply


@transaction.atomic
def reply_withdraw(*, reply: Reply, by) -> Reply:
    """Take a reply's words back: the text and its earlier versions go, a placeholder stays."""
    require(can_change_reply(by, reply), "Only the author of a reply can withdraw it.")
    reply.versions.all().delete()
    reply.body = ""
    reply.is_learning = False
    reply.withdrawn_at = timezone.now()
    reply.save(update_fields=["body", "is_learning", "withdrawn_at"])
    return reply


@transaction.atomic
def reply_mark_learning(*, reply: Reply, by, learning: bool = True) -> Reply:
    """Mark a reply as the thread's learning (unmarking any other), or unmark it."""
    require(can_curate(by, reply.thread), "Only a convener can mark the learning.")
    if learning and reply.is_withdrawn:
        raise PermissionDenied("A withdrawn reply cannot be the learning.")
    if learning:
        # Unmark first: the database allows one learning reply per thread.
        Reply.objects.filter(thread_id=reply.thread_id, is_learning=True).exclude(
            pk=reply.pk
        ).update(is_learning=False)
    reply.is_learning = learning
    reply.save(update_fields=["is_learning"])
    return reply
