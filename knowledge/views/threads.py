"""Challenge threads on the front end: open one, reply, edit or withdraw a reply, follow, and
(for the thread's author or a convener) move it along and record its learning.

Thin views: read the request, call services/threads.py, render or redirect (post/redirect/get,
with a message). Every form re-renders with what was typed when something is wrong, and has a
Preview button that shows the rendered Markdown without saving anything. Wagtail's privacy
checks have run before any of these are called: they are routes of restricted pages.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_POST

from ..forms.preview import form_or_preview, is_submitted
from ..forms.threads import ReplyForm, StatusForm, SummaryForm, ThreadOpenForm
from ..models import Reply, ReplyVersion
from ..permissions import can_change_reply, can_change_status, can_curate, member_of, require
from ..selectors import is_following
from ..services import threads


def refusals_explained(view):
    """Answer a refused action with a 403 that says why (Django's 403 page speaks of other
    communities, which is wrong for a member who may read the thread but not do this)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as refusal:
            return TemplateResponse(
                request,
                "knowledge/threads/refused.html",
                {"reason": str(refusal), "page": kwargs.get("thread") or kwargs.get("section")},
                status=403,
            )

    return wrapper


def _thread_url(request, thread, route=None, *args):
    url = thread.get_url(request)
    return url + thread.reverse_subpage(route, args=args) if route else url


def _reply(thread, reply_id):
    return get_object_or_404(Reply.objects.select_related("author"), pk=reply_id, thread=thread)


@refusals_explained
@require_http_methods(["GET", "POST"])
def thread_open(request, *, section):
    form, preview = form_or_preview(request, ThreadOpenForm, markdown_field="question")
    if is_submitted(form, preview):
        thread = threads.thread_open(section=section, by=request.user, **form.cleaned_data)
        messages.success(request, "Your thread is open. You will hear about replies.")
        return redirect(_thread_url(request, thread))
    return section.render(
        request,
        template="knowledge/threads/thread_open.html",
        context_overrides={"form": form, "preview": preview, "section": section},
    )


@refusals_explained
@require_http_methods(["GET", "POST"])
def thread_page(request, *, thread):
    form, preview = form_or_preview(request, ReplyForm, markdown_field="body")
    if is_submitted(form, preview):
        reply = threads.reply_post(thread=thread, by=request.user, body=form.cleaned_data["body"])
        messages.success(request, "Your reply is posted.")
        return redirect(f"{_thread_url(request, thread)}#reply-{reply.pk}")

    section = thread.community_section()
    community = section.community
    user = request.user
    replies = (
        Reply.objects.filter(thread=thread)
        .select_related("author")
        .prefetch_related(Prefetch("versions", queryset=ReplyVersion.objects.all()))
    )
    owner_member = member_of(thread.owner) if thread.owner_id else None
    return thread.render(
        request,
        context_overrides={
            "section": section,
            "author_name": owner_member.display_name if owner_member else "",
            "replies": replies,
            "me": member_of(user),
            "reply_form": form,
            "preview": preview,
            "following": is_following(thread=thread, user=user),
            "can_change_status": can_change_status(user, thread, community=community),
            "can_curate": can_curate(user, thread, community=community),
            "status_form": StatusForm(initial={"status": thread.status}),
        },
    )


@refusals_explained
@require_POST
def status_change(request, *, thread):
    require(
        can_change_status(request.user, thread),
        "Only the thread's author or a convener can change its status.",
    )
    form = StatusForm(request.POST)
    if form.is_valid():
        thread = threads.thread_status_set(
            thread=thread, by=request.user, status=form.cleaned_data["status"]
        )
        messages.success(request, f"The thread is now marked {thread.get_status_display()}.")
    else:
        messages.error(request, "Choose open, exploring or answered.")
    return redirect(_thread_url(request, thread))


@refusals_explained
@require_POST
def follow(request, *, thread):
    if is_following(thread=thread, user=request.user):
        threads.thread_unfollow(thread=thread, by=request.user)
        messages.success(request, "You no longer follow this thread.")
    else:
        threads.thread_follow(thread=thread, by=request.user)
        messages.success(request, "You follow this thread: we will email you about new replies.")
    return redirect(_thread_url(request, thread))


@refusals_explained
@require_http_methods(["GET", "POST"])
def summary_write(request, *, thread):
    require(can_curate(request.user, thread), "Only a convener can write the summary.")
    form = SummaryForm(initial={"summary": thread.summary})
    if request.method == "POST":
        form = SummaryForm(request.POST)
        if form.is_valid():
            threads.thread_summary_write(
                thread=thread, by=request.user, summary=form.cleaned_data["summary"]
            )
            messages.success(request, "The summary is saved.")
            return redirect(_thread_url(request, thread))
    return thread.render(
        request, template="knowledge/threads/summary_write.html", context_overrides={"form": form}
    )


@refusals_explained
@require_http_methods(["GET", "POST"])
def reply_edit(request, *, thread, reply_id):
    reply = _reply(thread, reply_id)
    if reply.is_withdrawn:
        raise PermissionDenied("This reply was withdrawn, so it cannot be edited.")
    require(can_change_reply(request.user, reply), "Only the author of a reply can edit it.")
    form, preview = form_or_preview(
        request, ReplyForm, markdown_field="body", initial={"body": reply.body}
    )
    if is_submitted(form, preview):
        threads.reply_edit(reply=reply, by=request.user, body=form.cleaned_data["body"])
        messages.success(request, "Your reply is updated.")
        return redirect(f"{_thread_url(request, thread)}#reply-{reply.pk}")
    return thread.render(
        request,
        template="knowledge/threads/reply_edit.html",
        context_overrides={"form": form, "preview": preview, "reply": reply},
    )


@refusals_explained
@require_http_methods(["GET", "POST"])
def reply_withdraw(request, *, thread, reply_id):
    reply = _reply(thread, reply_id)
    if reply.is_withdrawn:
        raise PermissionDenied("This reply is already withdrawn.")
    require(
        can_change_reply(request.user, reply),
        "Only the author of a reply can withdraw it.",
    )
    if request.method == "POST":
        threads.reply_withdraw(reply=reply, by=request.user)
        messages.success(request, "Your reply is withdrawn: its words are gone.")
        return redirect(f"{_thread_url(request, thread)}#reply-{reply.pk}")
    return thread.render(
        request,
        template="knowledge/threads/reply_withdraw.html",
        context_overrides={"reply": reply},
    )


@refusals_explained
@require_POST
def reply_learning(request, *, thread, reply_id):
    reply = _reply(thread, reply_id)
    learning = request.POST.get("action") != "unmark"
    threads.reply_mark_learning(reply=reply, by=request.user, learning=learning)
    if learning:
        messages.success(request, "That reply is now marked as the learning.")
    else:
        messages.success(request, "That reply is no longer marked as the learning.")
    return redirect(f"{_thread_url(request, thread)}#reply-{reply.pk}")
