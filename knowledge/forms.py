"""Admin forms for knowledge pages: the rules an editor meets as field errors, not surprises."""

from django import forms
from taggit.utils import parse_tags
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.pages import CopyForm

from themes.models import Theme

from .markdown import render_markdown
from .privacy import placement_refusal


class KnowledgePageForm(WagtailAdminPageForm):
    def clean_themes(self):
        # Wagtail's tag field silently drops tags that are not in a controlled vocabulary;
        # an editor who typed a theme we do not have should be told, not ignored.
        raw = self.data.get(self.add_prefix("themes"), "")
        return [theme.name for theme in Theme.objects.resolve(parse_tags(raw))]

    def clean(self):
        cleaned_data = super().clean()
        section = self.parent_page if self.instance._state.adding else None
        section = section or self.instance.community_section()
        files = self.formsets.get("files")
        if section and files is not None:
            collection_id = section.specific.community.documents_collection_id
            for form in files.forms:
                document = form.cleaned_data.get("document") if form.is_valid() else None
                if document and not form.cleaned_data.get("DELETE") and (
                    document.collection_id != collection_id
                ):
                    form.add_error(
                        "document",
                        f"'{document.title}' is not in this community's members-only "
                        "collection, so other readers could open it. Upload it here instead.",
                    )
        return cleaned_data


class CommunityHomePageForm(WagtailAdminPageForm):
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


class MembersOnlyCopyForm(CopyForm):
    """Copying a members-only page may not carry it out of its community's section."""

    def clean(self):
        cleaned_data = super().clean()
        destination = cleaned_data.get("new_parent_page") or self.page.get_parent()
        if cleaned_data.get("alias"):
            self.add_error(
                "alias", "Members-only pages cannot be aliased: copy the page instead."
            )
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
    Markdown rendered as it would appear. Any other POST: the bound form, ready to validate.
    """
    if request.method != "POST":
        return form_class(initial=initial, **kwargs), None
    if "preview" in request.POST:
        typed = typed_values(request.POST, form_class)
        return form_class(initial=typed, **kwargs), render_markdown(
            request.POST.get(markdown_field, "")
        )
    return form_class(request.POST, **kwargs), None


def is_submitted(form, preview) -> bool:
    """A real submission (not a preview or a first view) that passed validation."""
    return preview is None and form.is_bound and form.is_valid()
