"""Which pages search holds, and what it holds of each (search.backends.base.SearchDocument).

Two kinds of page, and nothing else (never the home, about, hub or section pages):

- live public outputs and learning reports that anyone may read (no view restriction above
  them): audience PUBLIC, their kind as the content type ("Insight", "Learning report"...);
- live knowledge pages in a community's section (session notes, insights, shared tools, case
  studies, challenge threads): audience = the community's id, for its members only.

A document is the page's title, summary (a knowledge page's non-attributed summary), themes and
body: the plain text of the page's own text fields (rich text and StreamField blocks stripped to
words). A members' document also holds what members read on the page beyond its fields: a
challenge thread's replies (never withdrawn ones, nor earlier wordings) and a shared tool's file
titles. Never attendees, guests, sources, owners or authors: no one's name goes in that the page
does not show as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from wagtail.fields import StreamField
from wagtail.models import Page

from .backends.base import PUBLIC, SearchDocument

# Markdown a member typed: links keep their words, emphasis and code marks go.
_MD_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARK_RE = re.compile(r"(\*{1,3}|_{2,3}|`+|^#{1,6}\s|^>\s?)", re.MULTILINE)
_SPACE_RE = re.compile(r"[ \t\r\f\v]+")
_LINES_RE = re.compile(r"\n\s*\n+")


def documents_for(page: Page) -> list[SearchDocument]:
    """What the index should hold for this page now: [] for a page search never holds, or one
    no longer live or readable by its audience. Reads the page's themes and section (a few
    queries); all_documents() does the same for every page in bulk."""
    from attribution.public_text import is_publicly_visible
    from knowledge.models import CommunityHomePage, KnowledgePage
    from learning.models import PublicOutputPage

    page = page.specific_deferred if type(page) is Page else page
    if not page.live:
        return []
    if isinstance(page, PublicOutputPage):
        if not is_publicly_visible(page):
            return []
        return [_public_document(page, _theme_names(page))]
    if isinstance(page, KnowledgePage):
        section = CommunityHomePage.objects.ancestor_of(page).select_related("community").first()
        if section is None:
            return []
        return [_members_document(page, _theme_names(page), section.community)]
    return []


class AllDocuments:
    """Every document search should hold, made in bulk: one query per page type for the pages,
    one per batch for their themes (`len()` counts the pages without reading them)."""

    def __init__(self, chunk_size: int = 500, page_ids: Iterable[int] | None = None):
        self.chunk_size = chunk_size
        self.only = None if page_ids is None else sorted({int(pk) for pk in page_ids})
        self._querysets = None
        self._sections = None

    def _prepare(self):
        from knowledge.models import CommunityHomePage, KnowledgePage, ThemedPage
        from learning.models import PublicOutputPage, ThemedOutput

        if self._querysets is not None:
            return
        self._sections = {
            s.path: s.community for s in CommunityHomePage.objects.select_related("community")
        }
        public_themes = Prefetch(
            "themed_items",
            queryset=ThemedOutput.objects.select_related("tag").order_by(
                "tag__sort_order", "tag__name"
            ),
        )
        members_themes = Prefetch(
            "themed_items",
            queryset=ThemedPage.objects.select_related("tag").order_by(
                "tag__sort_order", "tag__name"
            ),
        )
        more_text = _more_text_prefetches()
        in_a_section = Q(pk__in=[])
        for path in self._sections:
            in_a_section |= Q(path__startswith=path) & ~Q(path=path)
        querysets = [
            (
                "public",
                model.objects.live()
                .public()
                .exact_type(model)
                .prefetch_related(public_themes)
                .order_by("path"),
            )
            for model in _concrete(PublicOutputPage)
        ]
        querysets += [
            (
                "members",
                model.objects.live()
                .exact_type(model)
                .filter(in_a_section)
                .prefetch_related(members_themes, *more_text.get(model, ()))
                .order_by("path"),
            )
            for model in _concrete(KnowledgePage)
        ]
        if self.only is not None:
            querysets = [(kind, qs.filter(pk__in=self.only)) for kind, qs in querysets]
        self._querysets = querysets

    def __len__(self) -> int:
        self._prepare()
        return sum(qs.count() for _, qs in self._querysets)

    def __iter__(self) -> Iterator[SearchDocument]:
        self._prepare()
        for audience, queryset in self._querysets:
            for page in queryset.iterator(chunk_size=self.chunk_size):
                themes = tuple(item.tag.name for item in page.themed_items.all())
                if audience == "public":
                    yield _public_document(page, themes)
                else:
                    yield _members_document(page, themes, self._community_of(page))

    def page_ids(self) -> Iterable[int]:
        """The ids of every page that has a document (for sweeping the rest out)."""
        self._prepare()
        for _, queryset in self._querysets:
            yield from queryset.values_list("pk", flat=True).iterator(chunk_size=5000)

    def _community_of(self, page):
        step = Page.steplen
        for end in range(len(page.path) - step, 0, -step):
            community = self._sections.get(page.path[:end])
            if community is not None:
                return community
        raise LookupError(f"page {page.pk} is in no community's section")


def all_documents(chunk_size: int = 500, page_ids: Iterable[int] | None = None) -> AllDocuments:
    """Every document search should hold (or those of these pages): iterate it (a generator of
    SearchDocument, made in batches), and len() it for a progress bar."""
    return AllDocuments(chunk_size=chunk_size, page_ids=page_ids)


# --- one document ----------------------------------------------------------------------------


def _concrete(base) -> list[type]:
    found, todo = [], [base]
    while todo:
        model = todo.pop(0)
        if (
            not model._meta.abstract
            and not model._meta.proxy
            and (model is not base or getattr(model, "is_creatable", True))
        ):
            found.append(model)
        todo.extend(model.__subclasses__())
    return found


def _theme_names(page) -> tuple[str, ...]:
    items = page.themed_items.select_related("tag").order_by("tag__sort_order", "tag__name")
    return tuple(item.tag.name for item in items)


def _public_document(page, themes: tuple[str, ...]) -> SearchDocument:
    from learning.models import LearningReportPage

    if isinstance(page, LearningReportPage):
        date = page.publication_date
    else:
        date = _published(page)
    return SearchDocument(
        page_id=page.pk,
        audience=PUBLIC,
        title=page.title,
        summary=plain_text(page.summary),
        body=body_text(page),
        url=page.url or "",
        content_type=page.get_kind_display(),
        community="",
        themes=themes,
        date=date.isoformat(),
    )


def _members_document(page, themes: tuple[str, ...], community) -> SearchDocument:
    date = getattr(page, "date", None) or _published(page)  # a session: the day it was held
    return SearchDocument(
        page_id=page.pk,
        audience=str(community.pk),
        title=page.title,
        summary=plain_text(page.summary),
        body="\n\n".join(part for part in (body_text(page), *_more_text(page)) if part),
        url=page.url or "",
        content_type=str(page._meta.verbose_name).capitalize(),
        community=community.name,
        themes=themes,
        date=date.isoformat(),
    )


def _more_text_prefetches() -> dict[type, tuple[Prefetch, ...]]:
    """What all_documents() prefetches for _more_text(), per page type."""
    from knowledge.models import ChallengeThread, Reply, SharedTool, SharedToolFile

    return {
        ChallengeThread: (
            Prefetch("replies", queryset=Reply.objects.only("thread", "body", "withdrawn_at")),
        ),
        SharedTool: (
            Prefetch(
                "files",
                queryset=SharedToolFile.objects.select_related("document").only(
                    "tool", "sort_order", "document__title"
                ),
            ),
        ),
    }


def _more_text(page) -> list[str]:
    """What members read on a page beyond its own fields: a thread's replies as they stand
    now (a withdrawn reply has no words), a tool's file titles."""
    from knowledge.models import ChallengeThread, SharedTool

    if isinstance(page, ChallengeThread):
        return [
            plain_text(reply.body) for reply in page.replies.all() if reply.withdrawn_at is None
        ]
    if isinstance(page, SharedTool):
        return [file.document.title for file in page.files.all()]
    return []


def _published(page):
    when = page.first_published_at or page.last_published_at or timezone.now()
    return timezone.localdate(when)


def body_text(page) -> str:
    """The plain text of a page's own text fields other than title and summary: text, rich text
    and every StreamField block, without markup, link addresses or choices' codes."""
    from attribution.public_text import field_texts

    parts = []
    for field in page._meta.concrete_fields:
        if field.model is Page or field.name == "summary" or field.choices:
            continue
        if not field.editable or field.remote_field is not None:
            continue
        if not isinstance(field, models.CharField | models.TextField | StreamField):
            continue
        for text in field_texts(field.name, field.name, getattr(page, field.attname)):
            if text.label.endswith("(links)") or "file name" in text.label:
                continue
            parts.append(plain_text(text.text))
    return "\n\n".join(part for part in parts if part)


def plain_text(text: str) -> str:
    """Words as a reader sees them: Markdown marks gone, spaces tidied."""
    text = _MD_MARK_RE.sub("", _MD_LINK_RE.sub(r"\1", text or ""))
    text = _SPACE_RE.sub(" ", text)
    return _LINES_RE.sub("\n\n", text).strip()
