"""Front-end forms for members' contributions: plain fields, errors a practitioner can act on."""

from django import forms

from members import uploads
from themes.models import Theme

from ..markdown import (
    DESCRIPTION_MAX,
    HOW_TO_USE_MAX,
    LEARNING_MAX,
    MAX_LINKS,
    validate_markdown,
)
from ..models import Licence
from ..selectors import source_pages_for
from .threads import MembersForm, PageTitleField, ThemeCheckboxes

FILES_AGAIN = (
    "Choose your files again: for your security, browsers forget chosen files when a form "
    "comes back with a problem."
)


class ThemesField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=Theme.objects.all(),
            widget=ThemeCheckboxes,
            to_field_name="slug",
            error_messages={
                "required": "Choose at least one theme.",
                "invalid_choice": "‘%(value)s’ is not one of the programme's themes.",
            },
            **kwargs,
        )


class SourcePageField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.content_type.name})"


class InsightForm(MembersForm):  # the server judges length: no maxlength
    title = PageTitleField(
        max_length=255,
        help_text="The learning in a line, for example ‘Start an ISF with one provider’.",
    )
    learning = forms.CharField(
        label="The learning point",
        max_length=LEARNING_MAX,
        validators=[validate_markdown],
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"A few sentences, up to {LEARNING_MAX:,} characters. You can use Markdown: "
        f"*emphasis*, lists, up to {MAX_LINKS} links. "
        "Under the Chatham House rule, name roles, not people or organisations.",
    )
    source = forms.CharField(
        label="Where it came from",
        max_length=250,
        required=False,
        help_text="For example ‘Session 4, table discussion’ or ‘a conversation with a "
        "commissioner’.",
    )
    source_page = SourcePageField(
        label="Source page (optional)",
        queryset=None,
        required=False,
        empty_label="None of these",
        help_text="The session note, challenge thread or case study it came from, if any.",
    )
    themes = ThemesField()

    def __init__(self, *args, section, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_page"].queryset = source_pages_for(section)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input (Django's docs, "Uploading multiple files")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        # Empty files are refused by members.uploads.upload_problem, with the file's name.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_file_clean = super().clean
        if not data:  # no file chosen arrives as an empty list: still "required"
            single_file_clean(None, initial)
            return []
        if isinstance(data, list | tuple):
            return [single_file_clean(item, initial) for item in data]
        return [single_file_clean(data, initial)]


class ToolForm(MembersForm):
    title = PageTitleField(max_length=255, help_text="For example ‘ISF contract clause’.")
    description = forms.CharField(
        max_length=DESCRIPTION_MAX,
        validators=[validate_markdown],
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=f"What it is and what it is for, in up to {DESCRIPTION_MAX:,} characters. "
        f"You can use Markdown, with up to {MAX_LINKS} links.",
    )
    how_to_use = forms.CharField(
        label="How to use it",
        max_length=HOW_TO_USE_MAX,
        validators=[validate_markdown],
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=f"Tips, and what to adapt for your organisation, in up to {HOW_TO_USE_MAX:,} "
        f"characters. You can use Markdown, with up to {MAX_LINKS} links.",
    )
    licence = forms.ChoiceField(
        choices=Licence.choices,
        initial="CC-BY-NC-SA-4.0",
        help_text="How others may reuse it. If unsure, keep CC BY-NC-SA 4.0.",
    )
    themes = ThemesField()
    files = MultipleFileField(
        label="Files",
        error_messages={"required": "Choose at least one file."},
        help_text=f"One or more files: {uploads.ALLOWED_UPLOADS_TEXT}, up to "
        f"{uploads.size_display(uploads.MAX_UPLOAD_BYTES)} each.",
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        problems = [
            problem
            for upload in files
            if (problem := uploads.upload_problem(name=upload.name, file=upload))
        ]
        if problems:
            raise forms.ValidationError([*problems, FILES_AGAIN])
        return files

    def clean(self):
        cleaned_data = super().clean()
        # The files were fine, but something else was not: the browser will not keep them.
        if self.errors and "files" not in self.errors and cleaned_data.get("files"):
            self.add_error("files", FILES_AGAIN)
        return cleaned_data
