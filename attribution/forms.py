"""The public page form: the editor's front door to the Chatham House gate, for every page type
anyone can read (gate_editor.py explains the design)."""

import copy

from django import forms
from django.db import models
from django.forms.models import construct_instance
from wagtail.admin.forms import WagtailAdminPageForm

from . import document_choices, gate_editor
from .gate import finding_message, gate_check, log_blocked
from .public_text import PageText, field_texts, page_texts


class PublicPageForm(WagtailAdminPageForm):
    """The editor's front door to the Chatham House gate, for every page type anyone can read
    (gate_editor.py explains the design): on publish, schedule and submit, what blocks
    becomes field errors, ticked suggestions are written in, warnings need a reason."""

    gate_apply = gate_editor.SuggestionsField(
        label="Apply suggestions",
        required=False,
        help_text="Tick the suggestions to write in, then publish again. You will see the page "
        "with them written in before it goes public.",
    )
    gate_apply_all = forms.BooleanField(label="Apply every suggestion", required=False)
    gate_warnings_reason = forms.CharField(
        label="Why the warnings are fine",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The check found words that may identify someone. If they do not, say why: "
        "the reason is kept in the page's history, so do not repeat the words.",
    )

    def __init__(self, data=None, *args, **kwargs):
        # A copy the form may rewrite when the editor applies suggestions (request.POST is
        # immutable); the formsets are built on the same copy.
        super().__init__(data.copy() if data is not None else None, *args, **kwargs)
        self.gate_result = None
        self.gate_offered: list[gate_editor.Suggestion] = []
        self.gate_applied: list[gate_editor.Suggestion] | None = None  # None: not validated
        self.gate_runs = False

    def full_clean(self):
        # Before the fields are cleaned, so that they clean (and re-render) the rewritten text.
        if self.is_bound and self.gate_applied is None:
            self.gate_runs = (
                not self.is_deferred_validation
                and gate_editor.may_make_public(self.data)
                and gate_editor.would_be_public(self)
            )
            self.gate_applied = []
            if self.gate_runs:
                ticked = {
                    name: self.fields[name].widget.value_from_datadict(
                        self.data, self.files, self.add_prefix(name)
                    )
                    for name in gate_editor.TICKS
                }
                self.gate_applied = gate_editor.apply_suggestions(
                    self, ticked[gate_editor.APPLY] or [], every=ticked[gate_editor.APPLY_ALL]
                )
                for name in gate_editor.TICKS:
                    self.data.pop(self.add_prefix(name), None)  # done: shown unticked
        super().full_clean()

    def clean(self):
        cleaned_data = super().clean()
        # Anyone can read this page type, so its files and links must be public ones.
        document_choices.form_check_documents(self, public=True)
        if not self.gate_runs:
            return cleaned_data
        page, texts = self.page_as_submitted()
        result = self.gate_result = gate_check(page, texts)
        for where, finding in result.blocks:
            field = where.field if where.field in self.fields else None
            self.add_error(field, finding_message(where, finding))
        if result.warnings:
            reason = cleaned_data.get("gate_warnings_reason", "").strip()
            if not reason:
                self.add_error("gate_warnings_reason", "Say why these are fine to publish:")
                for where, finding in result.warnings:
                    self.add_error("gate_warnings_reason", finding_message(where, finding))
            elif problem := gate_editor.reason_problem(page, reason, result.warnings):
                self.add_error("gate_warnings_reason", problem)
        self.gate_offered = gate_editor.offered_suggestions(self)
        self.fields["gate_apply"].offer(self.gate_offered)
        if self.gate_applied:
            # Shown before it is published: the editor reads what was written in their name.
            applied = "; ".join(s.choice_label for s in self.gate_applied)
            self.add_error(
                "gate_apply", f"Written in: {applied}. Read the page again, then publish."
            )
        elif result.blocks and self.instance.pk:
            log_blocked(self.instance, result, reason="page editor", user=self.for_user)
        return cleaned_data

    def gate_shows(self, name: str) -> bool:
        """Whether the gate panel shows this field: only once the check has something to say."""
        if name in self.errors:
            return True
        if name == gate_editor.REASON:
            return bool(self.gate_result and self.gate_result.warnings)
        if name == gate_editor.APPLY_ALL:
            return len(self.gate_offered) > 1
        return bool(self.gate_offered)

    def page_as_submitted(self):
        """The page as it would be published from this form, and all its public text: the
        instance untouched (the view saves it later), its submitted themes and child objects."""
        page = copy.copy(self.instance)
        construct_instance(self, page, self._meta.fields, self._meta.exclude)
        model = type(page)._meta
        m2m = [f for f in model.many_to_many if f.name in self.fields]
        edited = {f.name for f in m2m} | {name for name in self.formsets if name != "comments"}
        texts = [text for text in page_texts(page) if text.field not in edited]
        for model_field in m2m:
            items = self.cleaned_data.get(model_field.name) or []
            names = [
                item if isinstance(item, str) else getattr(item, "name", str(item))
                for item in items
            ]
            if names:
                label = (
                    "Themes"
                    if model_field.name == "themes"
                    else str(model_field.verbose_name).capitalize()
                )
                texts.append(PageText(model_field.name, label, ", ".join(names)))
        for name in edited - {f.name for f in m2m}:
            texts.extend(_child_texts(name, self.formsets[name]))
        return page, texts


def _child_texts(name, formset) -> list[PageText]:
    """The public text of the child objects a formset would save (the deleted ones left out)."""
    out = []
    formset.is_valid()
    for form in formset.forms:
        if not form.is_valid() or not form.has_changed() and not form.instance.pk:
            continue
        if form.cleaned_data.get("DELETE"):
            continue
        child = form.instance  # the submitted values, set by the form's own cleaning
        label = str(child._meta.verbose_name)
        for child_field in child._meta.concrete_fields:
            if child_field.name == "sort_order" or child_field.remote_field is not None:
                continue
            if isinstance(child_field, models.CharField | models.TextField):
                out.extend(field_texts(name, label, getattr(child, child_field.attname)))
        document = getattr(child, "document", None)
        if document is not None:
            out.extend(field_texts(name, label, document))
    return out
