"""Curation: a convener turns members' knowledge into a draft public output.

The rules, as plain functions the admin, the front end and tests share:

- Only a convener of the source's community (or a site admin, or a superuser) may curate.
- What can be curated: a live insight, session note, case study, shared tool, or a challenge
  thread once it is answered.
- Curating makes a DRAFT PublicOutputPage in the learning hub, owned by the convener, with its
  own history. It carries only what may leave the members' area: the source's non-attributed
  summary and its themes, a title to edit, the right kind, and a link back to the source
  (`sources`, which readers never see). The source's body (an insight's learning, a thread's
  question and replies, a case study's sections, a tool's files) is never copied: the convener
  writes the public text, and the Chatham House gate checks it when it is published.
- What it copies (the title and summary) goes through the non-attribution check first: the
  convener sees what was found, where, and what to write instead, and the draft is saved only
  once nothing blocks and any warnings are accepted. A draft's title is read in the admin by
  every convener, so it is held to the public rule before it exists.
- A source can feed several outputs and an output can draw on several sources: a convener adds
  a source to a draft output, and its themes come too.

The hooks at the end put "Create public output" in the page editor's header; the views are in
curation_views.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import path, reverse
from django.utils.text import slugify
from wagtail.admin.widgets import Button
from wagtail.coreutils import find_available_slug
from wagtail.models import GroupPagePermission

from attribution.gate import GateResult, gate_check, log_warnings_accepted
from attribution.gate_editor import replace_in_text
from attribution.public_text import PageText
from knowledge.models import (
    CaseStudy,
    ChallengeThread,
    CommunityHomePage,
    Insight,
    KnowledgePage,
    SessionNote,
    SharedTool,
)
from knowledge.selectors import knowledge_pages_open_to
from members.models import CONVENERS, Community
from members.services import PAGE_PERMISSIONS_FOR_CONVENERS

from .models import LearningHubPage, PublicOutputPage

KIND_OF_SOURCE = {
    Insight: PublicOutputPage.Kind.INSIGHT,
    SessionNote: PublicOutputPage.Kind.SESSION_LEARNING,
    ChallengeThread: PublicOutputPage.Kind.ANSWERED_CHALLENGE,
    CaseStudy: PublicOutputPage.Kind.CASE_STUDY,
    SharedTool: PublicOutputPage.Kind.SHARED_TOOL,
}


# --- who may curate what ----------------------------------------------------------------------


def community_of(page) -> Community | None:
    """The community whose section holds this page (None outside every section)."""
    section = CommunityHomePage.objects.ancestor_of(page).select_related("community").first()
    return section.community if section else None


def may_curate(user, source, *, community_id: int | None = None) -> bool:
    """Conveners of the source's community, site admins and superusers."""
    if not user.is_authenticated:
        return False
    if community_id is None:
        community = community_of(source)
        if community is None:
            return False
        community_id = community.pk
    return Community.objects.convened_by(user).filter(pk=community_id).exists()


def curation_problem(source) -> str | None:
    """Why this page cannot become a public output (yet), or None if it can."""
    source = source.specific
    if type(source) not in KIND_OF_SOURCE:
        return (
            "Only a community's insights, session notes, case studies, shared tools and "
            "answered challenge threads can become public outputs."
        )
    if not source.live:
        return f"‘{source.title}’ is not published for the community yet: publish it first."
    if isinstance(source, ChallengeThread) and source.status != ChallengeThread.Status.ANSWERED:
        return (
            f"‘{source.title}’ is {source.get_status_display().lower()}: only an answered "
            "challenge thread can become a public output. Mark it answered first."
        )
    return None


def _require(user, source) -> None:
    if not may_curate(user, source):
        raise PermissionDenied(
            "Only a convener of this page's community can make public outputs from it."
        )
    problem = curation_problem(source)
    if problem:
        raise ValidationError(problem)


# --- reads ------------------------------------------------------------------------------------


def learning_hub() -> LearningHubPage | None:
    """The one learning hub (draft or live), where public outputs live."""
    return LearningHubPage.objects.order_by("path").first()


def draft_outputs():
    """Public outputs never yet published, which a convener can add sources to."""
    return PublicOutputPage.objects.filter(live=False).order_by("-latest_revision_created_at")


def outputs_curated_from(source):
    """The live, public outputs made from this page, newest first."""
    return (
        PublicOutputPage.objects.live()
        .public()
        .filter(sources=source)
        .order_by("-first_published_at", "-pk")
    )


def sources_visible_to(output, user) -> list[KnowledgePage]:
    """The output's sources this user may see: live pages in the sections of communities they
    belong to (members and conveners; superusers see all). Nothing for anonymous readers or for
    members of other communities, so a public page can call this safely for anyone.

    Reads the output as given, so a preview of unsaved changes shows its own sources.
    """
    if not user.is_authenticated:
        return []
    ids = [source.pk for source in output.sources.all()]
    if not ids:
        return []
    sources = knowledge_pages_open_to(user).live().filter(pk__in=ids)
    return list(sources.order_by("title", "pk"))


@dataclass
class Curation:
    """What a knowledge page shows about curation: its outputs, and a convener's choices."""

    outputs: list = field(default_factory=list)
    may_curate: bool = False
    problem: str | None = None
    drafts: list = field(default_factory=list)


def curation_for(source, user, *, community_id: int | None = None) -> Curation:
    """For a members-only page: the live outputs made from it, and, for a convener, whether
    and where it can be curated. A fixed number of queries, however many outputs there are."""
    curation = Curation(outputs=list(outputs_curated_from(source)))
    if may_curate(user, source, community_id=community_id):
        curation.may_curate = True
        curation.problem = curation_problem(source)
        if curation.problem is None:
            if learning_hub() is None:
                curation.problem = NO_HUB
            else:
                curation.drafts = list(draft_outputs().only("pk", "title", "draft_title"))
    return curation


# --- writes -----------------------------------------------------------------------------------

NO_HUB = (
    "There is no learning hub to hold public outputs yet. A site admin adds one (a “Learning "
    "hub” page) under the home page; then try again."
)


def learning_hub_open_to_conveners(hub: LearningHubPage) -> None:
    """Let conveners create, edit and publish public outputs in the hub (idempotent).

    Every convener may curate into the one hub, so the grant goes to the Conveners role group;
    their own communities' sections stay theirs alone.
    """
    group = Group.objects.filter(name=CONVENERS).first()
    if group is None:
        return
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS_FOR_CONVENERS
    )
    for permission in permissions:
        GroupPagePermission.objects.get_or_create(group=group, page=hub, permission=permission)


def output_slug(hub: LearningHubPage, title: str) -> str:
    """A free slug under the hub, never one of the hub's own addresses (themes, feeds)."""
    base = slugify(title)[:80].strip("-") or "output"
    if base in getattr(hub, "RESERVED_SLUGS", ()):
        base = f"{base}-output"
    return find_available_slug(hub, base)


class CopyNeedsChecking(ValidationError):
    """What curation would copy names someone (or may): nothing is saved until it is resolved."""

    def __init__(self, result: GateResult):
        self.result = result
        super().__init__(
            "What this page's title or summary says would identify someone: edit it first."
        )


def copy_check(*, title: str, summary: str) -> GateResult:
    """The non-attribution check on the title and summary curation copies into a draft."""
    texts = [PageText("title", "Title", title), PageText("summary", "Summary", summary)]
    return gate_check(PublicOutputPage(), [t for t in texts if t.text.strip()])


def copy_with_suggestions(*, title: str, summary: str) -> tuple[str, str]:
    """The title and summary with every suggestion the check makes written in."""
    found: dict[str, list] = {"title": [], "summary": []}
    for where, finding in copy_check(title=title, summary=summary).findings:
        if finding.suggestion:
            found[where.field].append(finding)
    return replace_in_text(title, found["title"]), replace_in_text(summary, found["summary"])


@transaction.atomic
def output_curate(
    *,
    source: KnowledgePage,
    by,
    title: str | None = None,
    summary: str | None = None,
    warnings_accepted: bool = False,
) -> PublicOutputPage:
    """Make a draft public output from a members-only page, for the convener to edit.

    Copies only the non-attributed summary and the themes (the title and summary as the convener
    edited them, if they did); the output is owned by the convener and starts its own history
    (one revision, theirs). Files stay members-only: the convener uploads public versions,
    checked, to the output. Refused (CopyNeedsChecking) while the copy names someone, or may
    and the convener has not accepted the warnings.
    """
    source = source.specific
    _require(by, source)
    hub = learning_hub()
    if hub is None:
        raise ValidationError(NO_HUB)
    title = source.title if title is None else title
    summary = source.summary if summary is None else summary
    result = copy_check(title=title, summary=summary)
    if result.blocks or (result.warnings and not warnings_accepted):
        raise CopyNeedsChecking(result)
    learning_hub_open_to_conveners(hub)
    output = PublicOutputPage(
        title=title,
        slug=output_slug(hub, title),
        kind=KIND_OF_SOURCE[type(source)],
        summary=summary,
        owner=by,
        live=False,
    )
    output.themes.add(*source.themes.all())
    output.sources.set([source])
    hub.add_child(instance=output)
    output.save_revision(user=by, log_action=True, clean=False)
    if result.warnings:
        log_warnings_accepted(output, result, "accepted when curating", user=by)
    return output


@transaction.atomic
def output_source_add(*, output: PublicOutputPage, source: KnowledgePage, by) -> PublicOutputPage:
    """Add a members-only page to a draft output's sources, with its themes.

    Saved as a new draft revision of the output (and its row, as the admin does for pages never
    published); the summary and body are the convener's and stay as they are.
    """
    source = source.specific
    _require(by, source)
    learning_hub_open_to_conveners(output.get_parent().specific)
    if output.live:
        raise ValidationError(
            f"‘{output.title}’ is already published: add sources to a draft output."
        )
    if not output.permissions_for_user(by).can_edit():
        raise PermissionDenied(f"You cannot edit ‘{output.title}’.")
    draft = output.get_latest_revision_as_object()
    if any(existing.pk == source.pk for existing in draft.sources.all()):
        raise ValidationError(f"‘{source.title}’ is already a source of ‘{draft.title}’.")
    draft.sources.add(source)
    themes = {theme.pk for theme in draft.themes.all()}
    draft.themes.add(*(theme for theme in source.themes.all() if theme.pk not in themes))
    draft.save(clean=False)
    draft.save_revision(user=by, log_action=True, clean=False)
    return draft


# --- Wagtail wiring ---------------------------------------------------------------------------


def register_curation_urls():
    from .curation_views import CurateView

    return [path("knowledge/curate/<int:page_id>/", CurateView.as_view(), name="knowledge_curate")]


def open_a_new_hub_to_conveners(request, page):
    if isinstance(page, LearningHubPage):
        learning_hub_open_to_conveners(page)


def curate_button(page, user, view_name, next_url=None):
    """'Create public output' beside Edit, on knowledge that a convener could curate now."""
    if not issubclass(page.specific_class or type(page), KnowledgePage):
        return
    if not may_curate(user, page) or curation_problem(page):
        return
    yield Button(
        "Create public output",
        reverse("knowledge_curate", args=[page.pk]),
        icon_name="globe",
        attrs={"title": "Make a draft public output from this page's non-attributed summary"},
        priority=35,
    )
