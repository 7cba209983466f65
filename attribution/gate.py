"""The Chatham House gate: no page becomes publicly visible while the check blocks.

One rule, asked from every path (attribution/signal_handlers.py enforces it where nothing can
bypass it; the editor, bulk actions, moves, scheduled publishing and the review task ask first,
so that people see help rather than errors):

    a page that anyone can read without signing in must not name a participant, their
    organisation or their contact details, unless they consented to be named in that page.

"All text" is everything a reader or a crawler could get from the page: title, slug, search
description and SEO title, every text, rich text and StreamField field (every block, link URLs
included), its themes, images' alt text and captions, and the titles and file names of
documents it offers or links to.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import StreamValue
from wagtail.blocks.struct_block import StructValue
from wagtail.fields import StreamField
from wagtail.log_actions import log
from wagtail.models import COMMENTS_RELATION_NAME, Page, PageViewRestriction
from wagtail.rich_text import RichText

from members.params import MAX_ID

from .check import BLOCK, WARN, Finding, check, strip_invisible
from .html_text import parse_fragment, tree_text
from .registry import registry_cached

# Page fields that hold no words a reader sees (or that Wagtail manages itself).
_SKIPPED = frozenset(
    {
        "path",
        "url_path",
        "draft_title",
        "content_type",
        "locale",
        "translation_key",
        "latest_revision",
        "live_revision",
        "owner",
        "locked_by",
        "alias_of",
        "page_ptr",
    }
)


def _row_id(value: str | None) -> int | None:
    """A link's row id, or None: a larger id is no row, and the database would refuse it."""
    if value and value.isascii() and value.isdigit() and int(value) <= MAX_ID:
        return int(value)
    return None


@dataclass(frozen=True)
class PageText:
    """One piece of a page's public text: which field it came from, and the words."""

    field: str  # the form field to show a finding on ("title", "body", "themes"...)
    label: str  # where it is, for people: "Body", "Document title"...
    text: str


@dataclass
class GateResult:
    """What the check found in a page's public text, and the consents it relied on."""

    findings: list[tuple[PageText, Finding]] = field(default_factory=list)
    consents: list = field(default_factory=list)  # NamingConsent rows whose names appear

    @property
    def blocks(self) -> list[tuple[PageText, Finding]]:
        return [(where, f) for where, f in self.findings if f.severity == BLOCK]

    @property
    def warnings(self) -> list[tuple[PageText, Finding]]:
        return [(where, f) for where, f in self.findings if f.severity == WARN]

    @property
    def publishable(self) -> bool:
        return not self.blocks

    def summary(self) -> dict:
        """For the log: where and what kind, never the text itself."""
        return {
            "blocks": [{"field": w.field, "kind": f.kind} for w, f in self.blocks],
            "warnings": [{"field": w.field, "kind": f.kind} for w, f in self.warnings],
        }


class GateRefusal(ValidationError):
    """The gate said no (attribution/middleware.py turns one no screen asked about into a
    message rather than a server error)."""


class AttributionBlocked(GateRefusal):
    """A page would become publicly visible while naming someone: refused, whatever the path."""

    def __init__(self, page, result: GateResult):
        self.page = page
        self.result = result
        errors: dict[str, list[str]] = {}
        for where, finding in result.blocks:
            errors.setdefault(where.field, []).append(finding_message(where, finding))
        super().__init__(errors)


def finding_message(where: PageText, finding: Finding) -> str:
    """A finding as an editor reads it: what, in context, and what to write instead."""
    start, end = finding.start, finding.end
    before = where.text[max(0, start - 30) : start].lstrip()
    after = where.text[end : end + 30].rstrip()
    context = f"…{before}«{finding.text}»{after}…"
    what = {
        "person": "names a participant",
        "organisation": "names a participating organisation",
        "email": "is an email address",
        "phone": "is a phone number",
        "handle": "is a social media handle",
        "profile link": "links to a participant's profile",
        "unregistered name": "may name someone",
        "small group": "may identify a small group",
    }.get(finding.kind, "may identify someone")
    label = f"{where.label}: " if where.label.casefold() != where.field.replace("_", " ") else ""
    return f"{label}“{finding.text}” {what}: {context} Write “{finding.suggestion}” instead."


# --- what is public --------------------------------------------------------------------------


def is_publicly_visible(page: Page, parent: Page | None = None) -> bool:
    """Whether anyone could read the page without signing in, with no view restriction on it or
    its ancestors (under `parent` instead of its current parent, for a page being moved)."""
    if parent is None:
        if not page.path:
            return False  # not in the tree yet: it has no parent to take privacy from
        paths = ancestor_paths(page.path)
    else:
        paths = [*ancestor_paths(parent.path)]
        if page.pk:
            paths.append(page.path)  # its own restriction moves with it
    return not PageViewRestriction.objects.filter(page__path__in=paths).exists()


def ancestor_paths(path: str) -> list[str]:
    step = Page.steplen
    return [path[:end] for end in range(step, len(path) + 1, step)]


def pages_made_public(
    root: Page, *, parent: Page | None = None, lifting: PageViewRestriction | None = None
) -> list[Page]:
    """The live pages in root's subtree that only signed-in readers can see now and anyone could
    see after root moves under `parent`, or after the restriction `lifting` is removed."""
    chain_now = ancestor_paths(root.path)[:-1]
    chain_after = ancestor_paths(parent.path) if parent is not None else chain_now
    restrictions = PageViewRestriction.objects.filter(
        models.Q(page__path__in=set(chain_now) | set(chain_after))
        | models.Q(page__path__startswith=root.path)
    ).values_list("pk", "page__path")
    lifted = lifting.pk if lifting is not None else None
    above_now = any(path in chain_now for _, path in restrictions)
    above_after = any(path in chain_after for pk, path in restrictions if pk != lifted)
    if above_after:
        return []  # still behind a restriction from above: nothing becomes public
    inside_now = [path for _, path in restrictions if path.startswith(root.path)]
    inside_after = [
        path for pk, path in restrictions if path.startswith(root.path) and pk != lifted
    ]
    made_public = []
    for page in Page.objects.descendant_of(root, inclusive=True).live().specific():
        if any(page.path.startswith(path) for path in inside_after):
            continue
        if above_now or any(page.path.startswith(path) for path in inside_now):
            made_public.append(page)
    return made_public


def refusals_for(pages: list[Page]) -> list[tuple[Page, GateResult]]:
    """Of these pages, those the check blocks, each with what it found."""
    results = [(page, gate_check(page)) for page in pages]
    return [(page, result) for page, result in results if not result.publishable]


def refusal_message(refused: list[tuple[Page, GateResult]], action: str) -> str:
    titles = ", ".join(f"“{page.title}”" for page, _ in refused[:5])
    more = f" and {len(refused) - 5} more" if len(refused) > 5 else ""
    return (
        f"Not {action}: it would make {titles}{more} public while naming a participant, their "
        "organisation or their contact details. Edit the page to use role language, or record "
        "their consent to be named, then try again."
    )


# --- all the text of a page ------------------------------------------------------------------


def page_texts(page: Page) -> list[PageText]:
    """Everything a reader could get from this page (its in-memory state, unsaved edits too)."""
    page = page.specific_deferred if type(page) is Page else page
    out: list[PageText] = []
    private = set(getattr(page, "gate_private_fields", ()))  # kept from readers by the page
    for model_field in page._meta.concrete_fields:
        if model_field.name in _SKIPPED or model_field.remote_field is not None:
            continue
        if isinstance(model_field, models.CharField | models.TextField | StreamField):
            out.extend(
                field_texts(
                    model_field.name, _label(model_field), getattr(page, model_field.attname)
                )
            )
    for m2m in page._meta.many_to_many:
        if m2m.name != "themes" and m2m.name not in private and hasattr(page, m2m.name):
            names = [str(item) for item in getattr(page, m2m.name).all()]
            if names:
                out.append(PageText(m2m.name, _label(m2m), ", ".join(names)))
    themes = getattr(page, "themes", None)
    if themes is not None:
        names = [tag.name for tag in themes.all()]
        if names:
            out.append(PageText("themes", "Themes", ", ".join(names)))
    for relation in get_all_child_relations(page):
        if relation.get_accessor_name() == COMMENTS_RELATION_NAME:
            continue  # editors' comments stay in the admin: readers never see them
        for child in getattr(page, relation.get_accessor_name()).all():
            for child_field in child._meta.concrete_fields:
                if isinstance(child_field, models.CharField | models.TextField):
                    value = getattr(child, child_field.attname)
                    if value and child_field.name not in ("sort_order",):
                        out.append(
                            PageText(
                                relation.get_accessor_name(),
                                f"{relation.related_model._meta.verbose_name}",
                                str(value),
                            )
                        )
            document = getattr(child, "document", None)
            if document is not None:
                out.extend(_document_texts(relation.get_accessor_name(), document))
    return [t for t in out if t.text.strip()]


# A table block's layout settings: not text a reader sees.
_TABLE_SETTINGS = frozenset(
    {
        "cell",
        "mergeCells",
        "first_row_is_table_header",
        "first_col_is_header",
        "table_header_choice",
    }
)


def field_texts(name: str, label: str, value) -> list[PageText]:
    """The words in one field's value: plain text, rich text, or a StreamField's blocks."""
    out: list[PageText] = []
    if value is None:
        return out
    if isinstance(value, StreamValue):
        for child in value:
            out.extend(field_texts(name, f"{label} › {child.block.label}", child.value))
    elif isinstance(value, StructValue):
        for key, item in value.items():
            out.extend(field_texts(name, f"{label} › {key.replace('_', ' ')}", item))
    elif isinstance(value, ListValue | list | tuple):
        for item in value:
            out.extend(field_texts(name, label, item))
    elif isinstance(value, dict):  # a table block's value: its cells, caption and settings
        for key, item in value.items():
            if key not in _TABLE_SETTINGS:
                out.extend(field_texts(name, label, item))
    elif isinstance(value, RichText):
        out.extend(_rich_text_texts(name, label, value.source))
    elif isinstance(value, str):
        if "<" in value and ">" in value:
            out.extend(_rich_text_texts(name, label, value))
        else:
            out.append(PageText(name, label, value))
    elif hasattr(value, "file") and hasattr(value, "title"):  # a document or an image
        out.extend(_document_texts(name, value))
    return out


def _rich_text_texts(name: str, label: str, source: str) -> list[PageText]:
    # Parsed as a browser parses it: any text at all reads as something, never an error.
    tree = parse_fragment(source)
    out = [PageText(name, label, tree_text(tree))]
    links = [
        node.attributes.get(attr) for node in tree.css("[href], [src]") for attr in ("href", "src")
    ]
    if any(links):
        out.append(PageText(name, f"{label} (links)", "\n".join(filter(None, links))))
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    doc_ids = [_row_id(a.attributes.get("id")) for a in tree.css('a[linktype="document"]')]
    for document in get_document_model().objects.filter(pk__in=[i for i in doc_ids if i]):
        out.extend(_document_texts(name, document))
    for embed in tree.css('embed[embedtype="image"]'):
        alt = embed.attributes.get("alt")
        if alt:
            out.append(PageText(name, f"{label} (image alt text)", alt))
        image_id = _row_id(embed.attributes.get("id"))
        image = get_image_model().objects.filter(pk=image_id or 0).first()
        if image is not None:
            out.extend(_document_texts(name, image))
    return out


def _document_texts(name: str, item) -> list[PageText]:
    """A document's or an image's title, file name and any description (an image's alt)."""
    kind = "Image" if hasattr(item, "width") else "Document"
    out = [PageText(name, f"{kind} title", item.title)]
    file_name = (item.file.name or "").rsplit("/", 1)[-1]
    if file_name:
        out.append(PageText(name, f"{kind} file name", file_name))
    description = getattr(item, "description", "")
    if description:
        out.append(PageText(name, f"{kind} alt text", description))
    return out


def _label(model_field) -> str:
    return str(model_field.verbose_name).capitalize()


# --- the check ----------------------------------------------------------------------------------


def gate_check(page: Page, texts: list[PageText] | None = None) -> GateResult:
    """Check a page's public text against the registry, with the consents given for it."""
    from members.models import NamingConsent

    registry = registry_cached()
    consents = (
        list(NamingConsent.objects.for_output(page).select_related("member", "organisation"))
        if page.pk
        else []
    )
    names = [c.named for c in consents]
    result = GateResult()
    used: set[str] = set()
    for where in texts if texts is not None else page_texts(page):
        for finding in check(where.text, registry, names):
            result.findings.append((where, finding))
        if names:
            without = {f.identity for f in check(where.text, registry) if f.severity == BLOCK}
            used.update(without)
    result.consents = [c for c in consents if c.named in used]
    return result


def gate_refusal(page: Page) -> AttributionBlocked | None:
    """The refusal to raise if this page, as it stands in memory, may not be public."""
    result = gate_check(page)
    return None if result.publishable else AttributionBlocked(page, result)


# --- where the rule is enforced ------------------------------------------------------------

# Fields Wagtail writes without changing what a reader sees (a draft saved, a lock taken).
NOT_CONTENT = frozenset(
    {
        "draft_title",
        "latest_revision_created_at",
        "latest_revision",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "live_revision",
        "locked",
        "locked_at",
        "locked_by",
        "expired",
        "expire_at",
        "go_live_at",
        "owner",
        "path",
        "depth",
        "numchild",
        "url_path",
        COMMENTS_RELATION_NAME,
    }
)


def writes_public_text(page: Page, update_fields=None) -> bool:
    """Whether saving this page row puts what readers see in front of anyone: it is live, the
    save writes content (not a draft's bookkeeping or a lock), and no view restriction is over
    it."""
    if not page.live:
        return False
    if update_fields is not None and set(update_fields) <= NOT_CONTENT:
        return False
    return is_publicly_visible(page)


def save_refusal(page: Page, update_fields=None) -> AttributionBlocked | None:
    """The refusal for saving this page row as it is in memory, if the check blocks."""
    return gate_refusal(page) if writes_public_text(page, update_fields) else None


class GatedPage(Page):
    """Every page type of ours: its save is refused, before Page.save opens its transaction,
    while it would make a page public that names someone. Refusing here rather than only in
    the pre_save guard (attribution/signal_handlers.py, for page types that are not ours) lets the
    refusal be logged: inside that transaction the log entry would be rolled back with the
    rest."""

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs):
        # Invisible characters (a soft hyphen pasted from Word or a PDF, a zero-width space)
        # have no business in a title, and curation copies members' titles as they are. The
        # check reads through them anyway; stripped here, before the slug is made from the title.
        self.title = strip_invisible(self.title)
        self.seo_title = strip_invisible(self.seo_title)
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        public = writes_public_text(self, update_fields)  # one privacy query, asked once
        refusal = gate_refusal(self) if public else None
        if refusal is not None:
            log_blocked(self, refusal.result, reason="publish")
            raise refusal
        before = _live_texts_before(self) if public and update_fields is None else None
        self._gate_passed = True  # the pre_save guard need not check it again
        saved = super().save(*args, **kwargs)
        if before is not None:
            log_redaction(self, before)
        return saved


def _live_texts_before(page: Page) -> list[PageText] | None:
    """What readers could read before this save rewrites a public page (the page is where it
    was, so as public as it is now), or None if it was not live."""
    if not page.pk:
        return None
    stored = type(page).objects.filter(pk=page.pk, live=True).first()
    return page_texts(stored) if stored is not None else None


def log_redaction(page: Page, before: list[PageText]) -> None:
    """Text that left a public page: which fields, how many words and why, never the words
    (caches, feeds and the search index follow the live page; see learning/public_cache.py)."""
    removed: dict[str, int] = {}
    after = _words_by_field(page_texts(page))
    for field_name, words in _words_by_field(before).items():
        gone = sum((words - after.get(field_name, Counter())).values())
        if gone:
            removed[field_name] = gone
    if not removed:
        return
    flagged = gate_check(page, before).findings
    why = "it identified someone" if flagged else "it was edited by the convener"
    log(page, REDACTED, data={"removed_words": removed, "why": why})


def _words_by_field(texts: list[PageText]) -> dict[str, Counter]:
    out: dict[str, Counter] = {}
    for where in texts:
        out.setdefault(where.field, Counter()).update(_WORD_RE.findall(where.text.casefold()))
    return out


_WORD_RE = re.compile(r"\w+")


# --- the log -------------------------------------------------------------------------------------
# Wagtail's log entries, so the page's history shows them; never the text that was refused.

BLOCKED = "practice_commons.gate_blocked"
WARNINGS_ACCEPTED = "practice_commons.gate_warnings_accepted"
CONSENT_USED = "practice_commons.consent_used"
UNPUBLISHED = "practice_commons.unpublished_consent_withdrawn"
REDACTED = "practice_commons.redacted"
# The "path" of a BLOCKED entry made by the last check on anonymous responses (public_guard).
ANONYMOUS_RESPONSE = "anonymous response"
GATE_ACTIONS = (BLOCKED, WARNINGS_ACCEPTED, CONSENT_USED, UNPUBLISHED, REDACTED)

_logger = logging.getLogger(__name__)


def log_blocked(page: Page, result: GateResult, *, reason: str, user=None) -> None:
    """A refused attempt to make a page public: which path, which fields, what kinds."""
    _logger.warning(
        "Non-attribution gate refused %s of page %s: %s", reason, page.pk, result.summary()
    )
    if page.pk:
        log(page, BLOCKED, user=user, data={"path": reason, **result.summary()})


def log_warnings_accepted(page: Page, result: GateResult, reason: str, user=None) -> None:
    log(
        page,
        WARNINGS_ACCEPTED,
        user=user,
        data={"reason": reason, "warnings": result.summary()["warnings"]},
    )


def record_consents_used(page: Page, result: GateResult, user=None) -> None:
    """The page now relies on these consents: if one is withdrawn, the page is checked again."""
    for consent in result.consents:
        if consent.relied_on_since is None:
            consent.relied_on_since = timezone.now()
            consent.save(update_fields=["relied_on_since"])
            log(page, CONSENT_USED, user=user, data={"consent": consent.pk})


def unpublish_if_blocked(page: Page, *, withdrawn) -> bool:
    """After a consent is withdrawn: if the page now blocks, take it down and tell the
    conveners (by email and in the log). Returns whether it was unpublished."""
    result = gate_check(page)
    if result.publishable:
        return False
    page.unpublish(log_action=True)
    log(page, UNPUBLISHED, data={"consent": withdrawn.pk, **result.summary()})
    conveners_notify(
        subject=f"Unpublished: “{page.title}”",
        body=(
            f"A consent to be named in “{page.title}” was withdrawn, and the page named them, "
            "so it has been unpublished. Edit the page to remove the name, then publish it "
            f"again:\n\n{admin_edit_url(page)}\n"
        ),
    )
    return True


def admin_edit_url(page: Page) -> str:
    from django.conf import settings
    from django.urls import reverse

    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailadmin_pages:edit", args=[page.pk]
    )


def conveners_notify(*, subject: str, body: str) -> None:
    """Email every convener and site admin with an address (they curate what goes public)."""
    from django.contrib.auth import get_user_model
    from django.core.mail import EmailMessage

    from members.mail import send_after_commit
    from members.models import CONVENERS, SITE_ADMINS

    recipients = sorted(
        set(
            get_user_model()
            .objects.filter(groups__name__in=[CONVENERS, SITE_ADMINS], is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    if recipients:  # one message to them all, as before; sent once the change is committed
        send_after_commit([EmailMessage(f"[Practice Commons] {subject}", body, None, recipients)])
