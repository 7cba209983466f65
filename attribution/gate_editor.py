"""The Chatham House gate in the page editor: help at the moment of publishing, not a refusal.

The save guard in signal_handlers.py refuses any public page that names someone, but there it is an
exception in the middle of the edit view: a server error, and the editor's words gone. Public
page types therefore use `attribution.forms.PublicPageForm`, which asks the gate first, whenever
the editor publishes, schedules or submits the page (never for "Save draft": drafts are
private, and a half-written page is allowed to name people until it goes out):

- every finding that blocks becomes an error on the field it was found in (or on the form,
  for text no field holds), quoting it in context with the role language to write instead;
  the form re-renders as it was typed, and the refusal goes to the page's history;
- warnings (a name not in the register, a group too small to hide in) never block, but the
  editor says why they are fine in "gate_warnings_reason"; after a real publish, the reason
  goes to the page's history (`log_warnings_accepted`, never the warned words);
- consents recorded for the page let the names consented to through (gate_check reads them).

Applying suggestions: the simplest design that cannot lose or invent text.
The check runs again on what the editor submits, so a suggestion is named by where and who
(`body:Amina Okafor`), not by an offset into text that may since have changed. After a failed
check the panel "Before this page goes public" lists each suggestion that can be written in
automatically, as a checkbox (one per person or detail per field, covering every place it
appears there), plus "Apply all". The editor ticks and publishes again; the form then

1. finds the ticked ones in the submitted values of the page's plain text fields (title, SEO
   title, search description; a slug gets the suggestion slugified) and rich text fields, and
   writes each suggestion in place of what was found, keeping sentence case;
2. re-renders, whatever else happened, so the editor reads the page as it will be published
   before publishing it again (with any remaining findings shown as usual).

Rich text arrives as Draftail's contentstate JSON: the check runs on each block's text, and the
replacement shifts the block's inline style and entity (link) ranges by the change in length,
so bold, italics and links stay on the words they were on. StreamFields, link addresses,
documents and themes are left to the editor, and the field error says what to write instead.

Nothing runs in the browser but a convenience (templates/static/js/gate_editor.js): an "Apply"
button beside each error, and "Apply all", that tick the box and submit the form as Publish
(or Submit) would. Without JavaScript the checkboxes do the same. Autosave never applies
anything: it is a draft save, and suggestions are applied only when publishing or submitting.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from django import forms
from django.db import models
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from .check import Finding
from .gate import gate_check, log_warnings_accepted
from .public_text import PageText, is_publicly_visible

APPLY = "gate_apply"
APPLY_ALL = "gate_apply_all"
REASON = "gate_warnings_reason"
TICKS = (APPLY, APPLY_ALL)


# --- which submissions are checked -------------------------------------------------------------


def may_make_public(data) -> bool:
    """Whether a non-draft submission can make the page public, now or after review.
    Rejecting or cancelling a workflow cannot, and a reviewer must be able to send back a page
    precisely because it names someone."""
    if data.get("action-cancel-workflow"):
        return False
    return not (data.get("action-workflow-action") and data.get("workflow-action-name") == "reject")


def would_be_public(form) -> bool:
    page = form.instance
    if page._state.adding:
        return is_publicly_visible(page, parent=form.parent_page)
    return is_publicly_visible(page)


def reason_problem(page, reason: str, warnings) -> str | None:
    """Why a reason given for publishing despite warnings cannot be accepted, if it cannot.
    It is kept in the page's history, which never holds the words warned about, or a name."""
    folded = reason.casefold()
    if (
        any(f.text.casefold() in folded for _, f in warnings)
        or not gate_check(page, [PageText(REASON, "Reason", reason)]).publishable
    ):
        return (
            "Give the reason without the words the check warned about, and without "
            "naming anyone: the reason is kept in the page's history."
        )
    return None


# --- suggestions the editor can apply ------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """One thing the editor can tick: a person or detail in one field, in all its places."""

    key: str  # "body:Amina Okafor": what the checkbox submits
    field: str
    label: str
    found: str  # as first found, for the editor to recognise
    suggestion: str
    places: int

    @property
    def choice_label(self) -> str:
        places = f" ({self.places} places)" if self.places > 1 else ""
        return f"{self.label}: “{self.found}” → “{self.suggestion}”{places}"


def suggestion_key(field: str, finding: Finding) -> str:
    who = finding.identity or f"{finding.kind}:{finding.text.casefold()}"
    return f"{field}:{who}"


class _Editable:
    """A field whose submitted value the server can rewrite: its text, in pieces the check reads
    one at a time (the whole value, or one rich text block each)."""

    def __init__(self, form, name: str, rich: bool):
        self.form, self.name, self.rich = form, name, rich
        self.data_key = form.add_prefix(name)
        self.label = str(form.fields[name].label or name.replace("_", " ").capitalize())
        self.slug = isinstance(form.fields[name], forms.SlugField)
        raw = form.data.get(self.data_key) or ""
        self.state = _contentstate(raw) if rich else None
        if rich:
            blocks = self.state["blocks"] if self.state else []
            self.pieces = [str(block.get("text") or "") for block in blocks]
        else:
            self.pieces = [raw]

    def replace(self, index: int, findings: list[Finding]) -> None:
        if self.rich:
            replace_in_block(self.state["blocks"][index], findings)
        else:
            self.pieces[index] = replace_in_text(self.pieces[index], findings, slug=self.slug)

    def save(self) -> None:
        value = json.dumps(self.state) if self.rich else self.pieces[0]
        self.form.data[self.data_key] = value


def _contentstate(raw: str) -> dict | None:
    """Draftail's submitted value, or None if it is not one (left alone, never rewritten)."""
    try:
        state = json.loads(raw) if raw else None
    except ValueError:
        return None
    if isinstance(state, dict) and isinstance(state.get("blocks"), list):
        return state
    return None


def _editables(form) -> list[_Editable]:
    """The page's plain and rich text fields in this form (not its StreamFields or themes)."""
    # Not at the top: the editor's converters need the page model, and models import this.
    from wagtail.admin.rich_text.editors.draftail import DraftailRichTextArea

    model_fields = {f.name: f for f in form._meta.model._meta.concrete_fields}
    out = []
    for name, form_field in form.fields.items():
        model_field = model_fields.get(name)
        if model_field is None or form.add_prefix(name) not in form.data:
            continue
        if isinstance(form_field.widget, DraftailRichTextArea):
            out.append(_Editable(form, name, rich=True))
        elif isinstance(model_field, models.CharField | models.TextField) and isinstance(
            form_field.widget, forms.TextInput | forms.Textarea
        ):
            out.append(_Editable(form, name, rich=False))
    return out


def _findings(form, editables) -> list[tuple[_Editable, int, Finding]]:
    """Every finding with a suggestion in the submitted text, in one call to the gate."""
    texts, owners = [], []
    for editable in editables:
        for index, text in enumerate(editable.pieces):
            if text.strip():
                texts.append(PageText(editable.name, editable.label, text))
                owners.append((editable, index))
    if not texts:
        return []
    result = gate_check(form.instance, texts)
    where_is = {id(text): owner for text, owner in zip(texts, owners, strict=True)}
    return [
        (*where_is[id(where)], finding) for where, finding in result.findings if finding.suggestion
    ]


def offered_suggestions(form) -> list[Suggestion]:
    """What the editor can tick in the submitted form, one per key, in the order found."""
    offered: dict[str, Suggestion] = {}
    for editable, _, finding in _findings(form, _editables(form)):
        key = suggestion_key(editable.name, finding)
        if key in offered:
            offered[key] = replace(offered[key], places=offered[key].places + 1)
        else:
            offered[key] = Suggestion(
                key, editable.name, editable.label, finding.text, finding.suggestion, 1
            )
    return list(offered.values())


def apply_suggestions(form, keys, *, every: bool = False) -> list[Suggestion]:
    """Write the chosen suggestions into the form's submitted data; what was applied."""
    keys = set(keys)
    if not keys and not every:
        return []
    editables = _editables(form)
    chosen: dict[tuple[int, int], list[Finding]] = {}
    applied: dict[str, Suggestion] = {}
    for editable, index, finding in _findings(form, editables):
        key = suggestion_key(editable.name, finding)
        if every or key in keys:
            chosen.setdefault((id(editable), index), []).append(finding)
            applied.setdefault(
                key,
                Suggestion(key, editable.name, editable.label, finding.text, finding.suggestion, 1),
            )
    for editable in editables:
        touched = False
        for index in range(len(editable.pieces)):
            if (id(editable), index) in chosen:
                editable.replace(index, chosen[(id(editable), index)])
                touched = True
        if touched:
            editable.save()
    return list(applied.values())


# --- replacing words in text ------------------------------------------------------------------


def replacement(text: str, finding: Finding, *, slug: bool = False) -> str:
    """The suggestion as it should read where the finding was."""
    if slug:
        return slugify(finding.suggestion)
    words = finding.suggestion
    before = text[: finding.start].rstrip(" \t\"'“‘([")
    starts_sentence = not before or before[-1] in ".!?\n"
    if starts_sentence and finding.text[:1].isupper():
        words = words[:1].upper() + words[1:]
    return words


def replace_in_text(text: str, findings: list[Finding], *, slug: bool = False) -> str:
    # Right to left, so the offsets of the findings not yet replaced still hold.
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        text = text[: finding.start] + replacement(text, finding, slug=slug) + text[finding.end :]
    return text


def replace_in_block(block: dict, findings: list[Finding]) -> None:
    """Replace findings in one contentstate block, moving its style and entity ranges with the
    words: a range after a finding shifts, one overlapping it stretches over the replacement.
    Offsets are counted as Wagtail's own contentstate converters count them (characters)."""
    text = block.get("text") or ""
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        new = replacement(text, finding)
        start, end = finding.start, finding.end
        text = text[:start] + new + text[end:]
        for key in ("inlineStyleRanges", "entityRanges"):
            ranges = []
            for item in block.get(key) or []:
                first, last = _moved(
                    item["offset"], item["offset"] + item["length"], start, end, len(new)
                )
                if last > first:
                    ranges.append({**item, "offset": first, "length": last - first})
            block[key] = ranges
    block["text"] = text


def _moved(first: int, last: int, start: int, end: int, new_length: int) -> tuple[int, int]:
    """A range [first, last) after [start, end) was replaced by new_length characters."""
    shift = new_length - (end - start)
    if first >= end:
        first += shift
    elif first > start:
        first = start  # began inside the replaced words: begins with the replacement
    if last >= end:
        last += shift
    elif last > start:
        last = start + new_length  # ended inside them: ends with the replacement
    return first, last


# --- the panel ----------------------------------------------------------------------------------


class SuggestionCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes that say which field and words each suggestion is for, for the editor JS."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.option_data: dict[str, dict] = {}

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        option["attrs"].update(self.option_data.get(str(value), {}))
        return option


class SuggestionsField(forms.MultipleChoiceField):
    """The ticked suggestions: keys, checked against the text submitted, not a fixed list."""

    widget = SuggestionCheckboxes

    def valid_value(self, value):
        return True

    def offer(self, suggestions: list[Suggestion]) -> None:
        self.choices = [(s.key, s.choice_label) for s in suggestions]
        self.widget.option_data = {
            s.key: {
                "data-gate-field": s.field,
                "data-gate-found": s.found,
                "data-gate-label": s.choice_label,
            }
            for s in suggestions
        }


class GateFieldPanel(FieldPanel):
    """One of the gate's form fields: shown only when the check has something to say."""

    class BoundPanel(FieldPanel.BoundPanel):
        def is_shown(self):
            shows = getattr(self.form, "gate_shows", None)
            return super().is_shown() and shows is not None and shows(self.field_name)


def gate_panel() -> MultiFieldPanel:
    """The panel public page types add to their content panels."""
    return MultiFieldPanel(
        # Not commentable: they are questions to the editor, not the page's content.
        [GateFieldPanel(name, disable_comments=True) for name in (APPLY, APPLY_ALL, REASON)],
        heading="Before this page goes public",
    )


# --- wiring --------------------------------------------------------------------------------------


def gate_editor_js():
    return format_html('<script src="{}"></script>', static("js/gate_editor.js"))


def log_the_warnings_the_editor_accepted(request, page):
    # After the publish action ran, so only a publish (or schedule) that happened is logged.
    # The form has already refused a reason that repeats the warned words.
    reason = (request.POST.get(REASON) or "").strip()
    if not reason or not is_publicly_visible(page):
        return
    published = page.specific.get_latest_revision_as_object()  # scheduled: the approved one
    result = gate_check(published)
    if result.warnings:
        log_warnings_accepted(page, result, reason, user=request.user)
