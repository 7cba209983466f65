"""The Chatham House gate in the admin: readable log messages, and the log conveners read.

The gate (attribution/gate.py) writes Wagtail log entries when it refuses to make a page public,
when an editor accepts its warnings, when a public page relies on a consent to be named, and
when a page is taken down because such a consent was withdrawn. Here they get messages that
people can read, in each page's history and in the site history, and a report of their own,
"Non-attribution log" under Reports, for conveners and site admins.

The entries hold where the gate found something and what kind of thing it was, never the words
it refused, and so do the messages. A consent's message names the person or organisation that
gave it: that is only ever shown in the admin.
"""

from __future__ import annotations

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.forms import CheckboxSelectMultiple
from django.urls import NoReverseMatch, path, reverse
from django.utils.dateformat import format as date_format
from django.utils.text import Truncator, capfirst
from django.utils.timezone import localtime
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import LogFormatter
from wagtail.models import Page, PageLogEntry

from members.models import CONVENERS, SITE_ADMINS, NamingConsent, is_site_admin
from members.selectors import outputs_recordable_by

from .gate import (
    ANONYMOUS_RESPONSE,
    BLOCKED,
    CONSENT_USED,
    GATE_ACTIONS,
    REDACTED,
    UNPUBLISHED,
    WARNINGS_ACCEPTED,
)

LABELS = {
    BLOCKED: "Non-attribution check: publication refused",
    WARNINGS_ACCEPTED: "Non-attribution check: warnings accepted",
    CONSENT_USED: "Non-attribution check: consent relied on",
    UNPUBLISHED: "Non-attribution check: unpublished, consent withdrawn",
    REDACTED: "Public text removed",
}
_CONSENT_ACTIONS = (CONSENT_USED, UNPUBLISHED)
_FIELD_LABELS = {"themes": "Themes"}  # as the gate itself calls them (attribution/gate.py)
_UNSET = object()


# --- messages ------------------------------------------------------------------------------------
# Built from the entry's data: the path, and each finding's field and kind. Nothing else in the
# data is ever shown, so a refused word could not reach the admin even if one were stored.


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _unique(items) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


def _page_model(log_entry):
    try:  # ContentType's cache: no query once a page type has been seen
        return ContentType.objects.get_for_id(log_entry.content_type_id).model_class()
    except ContentType.DoesNotExist:
        return None


def field_label(model, name: str) -> str:
    """A form field's name as editors see it: "search_description" → "Search description"."""
    label = _FIELD_LABELS.get(name)
    if label is None and model is not None and name:
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            model_field = None
        if model_field is not None:
            label = getattr(model_field, "verbose_name", None)
            if label is None and model_field.related_model is not None:  # a child relation
                label = model_field.related_model._meta.verbose_name_plural
    return capfirst(str(label or name.replace("_", " ") or "the page"))


def findings_summary(log_entry, findings) -> str:
    """ "2 findings in Title, Body (person, email)": how many, where, what kind; never what."""
    findings = [f for f in findings or [] if isinstance(f, dict)]
    model = _page_model(log_entry)
    fields = _unique(field_label(model, str(f.get("field") or "")) for f in findings)
    kinds = _unique(str(f.get("kind") or "") for f in findings)
    text = _plural(len(findings), "finding")
    if fields:
        text += f" in {', '.join(fields)}"
    if kinds:
        text += f" ({', '.join(kinds)})"
    return text


def _day(moment) -> str:
    return date_format(localtime(moment), "j M Y")


def consent_of(log_entry):
    """The consent an entry is about (set in bulk by the log view; looked up otherwise)."""
    consent = getattr(log_entry, "gate_consent", _UNSET)
    if consent is _UNSET:
        pk = _consent_pk(log_entry)
        consent = (
            NamingConsent.objects.select_related("member", "organisation").filter(pk=pk).first()
            if pk is not None
            else None
        )
        log_entry.gate_consent = consent
    return consent


def _consent_pk(log_entry) -> int | None:
    value = (log_entry.data or {}).get("consent")
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def consent_description(log_entry) -> str:
    """ "consent #12 (Amina Okafor, given 3 Nov 2025)": which consent, whom it names, when."""
    pk = _consent_pk(log_entry)
    if pk is None:
        return "a consent"
    consent = consent_of(log_entry)
    if consent is None:
        return f"consent #{pk} (since deleted)"
    dates = f"given {_day(consent.given_at)}"
    if consent.withdrawn_at:
        dates += f", withdrawn {_day(consent.withdrawn_at)}"
    return f"consent #{pk} ({consent.named}, {dates})"


class BlockedFormatter(LogFormatter):
    label = LABELS[BLOCKED]

    def format_message(self, log_entry):
        data = log_entry.data or {}
        path = str(data.get("path") or "publish")
        if path == ANONYMOUS_RESPONSE:
            opening = "Refused to serve to a reader who is not signed in, by the last check"
        else:
            opening = f"Publication refused by the non-attribution check ({path})"
        text = f"{opening}: " + findings_summary(log_entry, data.get("blocks"))
        warnings = data.get("warnings") or []
        if warnings:
            text += f"; {_plural(len(warnings), 'warning')} too"
        return text


class WarningsAcceptedFormatter(LogFormatter):
    label = LABELS[WARNINGS_ACCEPTED]

    def format_message(self, log_entry):
        data = log_entry.data or {}
        text = "Warnings accepted: " + findings_summary(log_entry, data.get("warnings")).replace(
            "finding", "warning"
        )
        reason = Truncator(str(data.get("reason") or "").strip()).chars(200)
        return text + (f"; reason ‘{reason}’" if reason else "; no reason given")


class ConsentUsedFormatter(LogFormatter):
    label = LABELS[CONSENT_USED]

    def format_message(self, log_entry):
        return f"Relied on {consent_description(log_entry)}"


class UnpublishedFormatter(LogFormatter):
    label = LABELS[UNPUBLISHED]

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return (
            "Unpublished: a consent it relied on was withdrawn, "
            f"{consent_description(log_entry)}; " + findings_summary(log_entry, data.get("blocks"))
        )


class RedactedFormatter(LogFormatter):
    label = LABELS[REDACTED]

    def format_message(self, log_entry):
        data = log_entry.data or {}
        removed = data.get("removed_words") or {}
        model = _page_model(log_entry)
        where = ", ".join(
            f"{_plural(count, 'word')} from {field_label(model, name)}"
            for name, count in removed.items()
        )
        return f"Public text removed: {where}, because {data.get('why', 'it was edited')}"


def register_gate_log_actions(actions):
    for action, formatter in (
        (BLOCKED, BlockedFormatter),
        (WARNINGS_ACCEPTED, WarningsAcceptedFormatter),
        (CONSENT_USED, ConsentUsedFormatter),
        (UNPUBLISHED, UnpublishedFormatter),
        (REDACTED, RedactedFormatter),
    ):
        actions.register_action(action)(formatter)


# --- who reads the log ---------------------------------------------------------------------------


def can_read_gate_log(user) -> bool:
    """Conveners and site admins (and superusers): those who curate what goes public."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_practice_commons_reads_gate_log", None)
    if cached is None:
        cached = user.groups.filter(name__in=[CONVENERS, SITE_ADMINS]).exists()
        user._practice_commons_reads_gate_log = cached
    return cached


# --- the log -------------------------------------------------------------------------------------


class GateLogFilterSet(WagtailFilterSet):
    action = django_filters.MultipleChoiceFilter(
        label="What",
        choices=[(action, LABELS[action]) for action in GATE_ACTIONS],
        widget=CheckboxSelectMultiple,
    )
    timestamp = django_filters.DateFromToRangeFilter(label="When", widget=DateRangePickerWidget)

    class Meta:
        model = PageLogEntry
        fields = []


class GateLogView(ReportView):
    """Every entry the gate wrote, newest first: when, which page, what, who, which consent.

    Site admins see all of them; a convener, those of their communities' pages and of the
    public site (as for the consents they may record: another community's pages, and their
    titles, stay with that community's conveners)."""

    page_title = "Non-attribution log"
    header_icon = "warning"
    results_template_name = "attribution/gate_log.html"
    filterset_class = GateLogFilterSet
    index_url_name = "knowledge_gate_log"
    index_results_url_name = "knowledge_gate_log_results"
    paginate_by = 50
    export_filename = "non-attribution-log"
    list_export = ["timestamp", "label", "page_id", "message", "user_display_name", "consent"]
    export_headings = {
        "timestamp": "When",
        "label": "Page",
        "page_id": "Page ID",
        "message": "What",
        "user_display_name": "Who",
        "consent": "Consent",
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_read_gate_log(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        entries = PageLogEntry.objects.filter(action__in=GATE_ACTIONS)
        user = self.request.user
        if not is_site_admin(user):
            entries = entries.filter(page_id__in=outputs_recordable_by(user).values("pk"))
        return entries.select_related("user__wagtail_userprofile").order_by("-timestamp", "-pk")

    def decorate_paginated_queryset(self, object_list):
        """The page rows (the entry's page may have been deleted since) and the consents, each
        in one query for the whole page of entries."""
        entries = list(object_list)
        pages = Page.objects.only("id", "title", "draft_title").in_bulk(
            {entry.page_id for entry in entries}
        )
        consent_ids = {
            pk
            for entry in entries
            if entry.action in _CONSENT_ACTIONS and (pk := _consent_pk(entry)) is not None
        }
        consents = (
            NamingConsent.objects.select_related("member", "organisation").in_bulk(consent_ids)
            if consent_ids
            else {}
        )
        for entry in entries:
            page = pages.get(entry.page_id)
            entry.edit_url = (
                reverse("wagtailadmin_pages:edit", args=[page.pk]) if page is not None else ""
            )
            entry.page_title = page.get_admin_display_title() if page is not None else entry.label
            entry.consent = ""
            entry.consent_url = ""
            if entry.action in _CONSENT_ACTIONS:
                entry.gate_consent = consents.get(_consent_pk(entry))
                entry.consent = consent_description(entry)
                if entry.gate_consent is not None:
                    entry.consent_url = _consent_url(entry.gate_consent)
        return entries


def _consent_url(consent) -> str:
    try:
        return reverse("wagtailsnippets_members_namingconsent:inspect", args=[consent.pk])
    except NoReverseMatch:  # pragma: no cover - the consents' admin is not registered
        return ""


class GateLogMenuItem(MenuItem):
    def is_shown(self, request):
        return can_read_gate_log(request.user)


def register_gate_log_urls():
    return [
        path("reports/non-attribution-log/", GateLogView.as_view(), name="knowledge_gate_log"),
        path(
            "reports/non-attribution-log/results/",
            GateLogView.as_view(results_only=True),
            name="knowledge_gate_log_results",
        ),
    ]


def register_gate_log_menu_item():
    return GateLogMenuItem(
        "Non-attribution log",
        reverse("knowledge_gate_log"),
        name="non-attribution-log",
        icon_name="warning",
        order=1050,  # after Site history
    )
