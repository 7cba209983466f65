"""Admin forms for knowledge pages: the rules an editor meets as field errors, not surprises."""

import copy

from django import forms
from django.db import models
from django.db.models import Q
from django.forms.models import construct_instance
from taggit.utils import parse_tags
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.pages import CopyForm

from attribution import gate_editor
from attribution.gate import finding_message, gate_check, log_blocked
from attribution.public_text import PageText, field_texts, page_texts
from members.permissions import ChoicesWithinReachMixin
from themes.models import Theme

from . import document_choices
from .admin_scope import linked_pages_refusal, page_reference_refusal
from .markdown import markdown_problem, render_markdown
from .privacy import placement_refusal


class ThemesFormMixin:
    """For a page form with a `themes` field."""

    def clean_themes(self):
        # Wagtail's tag field silently drops tags that are not in a controlled vocabulary;
        # an editor who typed a theme we do not have should be told, not ignored.
        raw = self.data.get(self.add_prefix("themes"), "")
        return [theme.name for theme in Theme.objects.resolve(parse_tags(raw))]


class KnowledgePageForm(ThemesFormMixin, ChoicesWithinReachMixin, WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        attendees = self.fields.get("attendees")
        section = self.section()
        if attendees is not None and section is not None:
            # Only the community's own people are offered (and accepted): the others' names
            # are not the convener's to see. Those recorded already stay (they may have left).
            chosen = self.instance.attendees.all() if self.instance.pk else []
            attendees.queryset = attendees.queryset.filter(
                Q(memberships__community_id=section.specific.community_id)
                | Q(pk__in=[member.pk for member in chosen])
            ).distinct()

    def section(self):
        """The community section this page is (or is being added) in."""
        section = self.parent_page if self.instance._state.adding else None
        return section or self.instance.community_section()

    def clean(self):
        cleaned_data = super().clean()
        document_choices.form_check_documents(self, public=False)
        section = self.section()
        for name in self.instance.page_references:
            refusal = page_reference_refusal(section, cleaned_data.get(name))
            if refusal and name in self.fields:
                self.add_error(name, refusal)
                # Shown again empty: the chooser would print the refused page's title.
                self.data = self.data.copy()
                self.data[self.add_prefix(name)] = ""
        for name, value in list(cleaned_data.items()):
            if refusal := linked_pages_refusal(section, value):
                self.add_error(name, refusal)
        files = self.formsets.get("files")
        if section and files is not None:
            collection_id = section.specific.community.documents_collection_id
            for form in files.forms:
                document = form.cleaned_data.get("document") if form.is_valid() else None
                if (
                    document
                    and not form.cleaned_data.get("DELETE")
                    and (document.collection_id != collection_id)
                ):
                    form.add_error(
                        "document",
                        f"'{document.title}' is not in this community's members-only "
                        "collection, so other readers could open it. Upload it here instead.",
                    )
        return cleaned_data


class CommunityHomePageForm(ChoicesWithinReachMixin, WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance._state.adding:
            # Re-pointing a section would hand all its knowledge to another community.
            self.fields["community"].disabled = True
            self.fields["community"].help_text = "A section belongs to its community for good."
        else:
            self.fields["community"].queryset = self.fields["community"].queryset.filter(
                section__isnull=True
            )


class PublicPageForm(WagtailAdminPageForm):
    """The editor's front door to the Chatham House gate, for every page type anyone can read
    (attribution/gate_editor.py explains the design): on publish, schedule and submit, what blocks
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


class MembersOnlyCopyForm(CopyForm):
    """Copying a members-only page may not carry it out of its community's section."""

    def clean(self):
        cleaned_data = super().clean()
        destination = cleaned_data.get("new_parent_page") or self.page.get_parent()
        if cleaned_data.get("alias"):
            self.add_error("alias", "Members-only pages cannot be aliased: copy the page instead.")
        refusal = placement_refusal(self.page, destination)
        if refusal:
            self.add_error("new_parent_page", refusal)
        return cleaned_data


def typed_values(data, form_class) -> dict:
    """What a member typed, as a form's initial values (lists for multiple choices), so a
    preview can show it all again without showing errors for a form not yet submitted."""
    multiple = {
        name
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
    }
    return {name: data.getlist(name) if name in multiple else data.get(name) for name in data}


def form_or_preview(request, form_class, *, markdown_field: str, initial=None, **kwargs):
    """The form for this request, and a preview when the member asked for one.

    GET: a fresh form. POST with "preview": what was typed, unbound (no errors yet), and its
    Markdown rendered as it would appear; but Markdown the form would refuse is never rendered
    (it could stall the site): the bound form comes back instead, saying why. Any other POST:
    the bound form, ready to validate.
    """
    if request.method != "POST":
        return form_class(initial=initial, **kwargs), None
    if "preview" in request.POST:
        text = request.POST.get(markdown_field, "")
        limit = form_class.base_fields[markdown_field].max_length
        if markdown_problem(text, limit) is None:
            typed = typed_values(request.POST, form_class)
            return form_class(initial=typed, **kwargs), render_markdown(text)
        form = form_class(request.POST, **kwargs)
        if markdown_field not in form.errors:  # the form checks the same; never let it pass
            form.add_error(markdown_field, markdown_problem(text, limit))
        return form, None
    return form_class(request.POST, **kwargs), None


def is_submitted(form, preview) -> bool:
    """A real submission (not a preview or a first view) that passed validation."""
    return preview is None and form.is_bound and form.is_valid()
