"""The Chatham House gate: no page becomes publicly visible while the check blocks.

One rule, asked from every path (attribution/signal_handlers.py enforces it where nothing can
bypass it; the editor, bulk actions, moves, scheduled publishing and the review task ask first,
so that people see help rather than errors):

    a page that anyone can read without signing in must not name a participant, their
    organisation or their contact details, unless they consented to be named in that page.

"All text" is what attribution/public_text.py reads from the page.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import COMMENTS_RELATION_NAME, Page, PageViewRestriction

from .check import BLOCK, WARN, Finding, check, strip_invisible
from .public_text import PageText, ancestor_paths, is_publicly_visible, page_texts
from .registry import registry_cached


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
