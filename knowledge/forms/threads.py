"""Front-end forms for challenge threads, written for busy practitioners rather than editors.

Limits are checked on the server and never enforced by the browser: a `maxlength` would
silently cut off pasted text, and a member must never lose words. Forms carry `novalidate` in
the templates for the same reason, so every problem comes back in the error summary.
"""

from django import forms

from attribution.check import strip_invisible
from members.params import MAX_ID
from themes.models import Theme

from ..markdown import MAX_LINKS, QUESTION_MAX, REPLY_MAX, validate_markdown
from ..models import ChallengeThread

TITLE_MAX = 255  # Wagtail's page title
SUMMARY_MAX = 5_000
MARKDOWN_HELP = f"You can use Markdown, with up to {MAX_LINKS} links."


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    """Themes by id, as the checkboxes send them. An id past the database's range is no theme
    (the database would refuse the query: a server error), so it is refused before the query."""

    def _check_values(self, value):
        for pk in value:
            try:
                out_of_range = abs(int(str(pk))) > MAX_ID
            except ValueError:
                continue  # not a number: the usual message, from the usual check
            if out_of_range:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class ThemeCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes whose field id is the first box's, so an error summary link lands on it."""

    def id_for_label(self, id_, index=None):
        return super().id_for_label(id_, "0" if index is None else index)


class MembersForm(forms.Form):
    """Lets the server, not the browser, judge length (see the module docstring)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)


class PageTitleField(forms.CharField):
    """A page's title as it will be saved: without invisible characters (GatedPage.full_clean
    drops them), so one of only those is an empty title, refused here, not after the form."""

    def to_python(self, value):
        return strip_invisible(super().to_python(value)).strip()


class ThreadOpenForm(MembersForm):
    title = PageTitleField(
        max_length=TITLE_MAX,
        help_text="The challenge in a sentence, for example 'How do we pay for outcomes?'",
        error_messages={"required": "Enter a title for your thread."},
    )
    question = forms.CharField(
        max_length=QUESTION_MAX,
        validators=[validate_markdown],
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Say what you are facing and what you have tried, in up to "
        f"{QUESTION_MAX:,} characters. {MARKDOWN_HELP}",
        error_messages={"required": "Enter your question."},
    )
    themes = ThemeChoiceField(
        queryset=Theme.objects.all(),
        widget=ThemeCheckboxes,
        help_text="Choose at least one.",
        error_messages={
            "required": "Choose at least one theme.",
            "invalid_choice": "Choose themes from the list.",
            "invalid_pk_value": "Choose themes from the list.",
        },
    )


class ReplyForm(MembersForm):
    body = forms.CharField(
        label="Your reply",
        max_length=REPLY_MAX,
        validators=[validate_markdown],
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"Up to {REPLY_MAX:,} characters. {MARKDOWN_HELP}",
        error_messages={"required": "Enter your reply."},
    )


class SummaryForm(MembersForm):
    summary = forms.CharField(
        label="Non-attributed summary",
        max_length=SUMMARY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="The only part of this thread that may ever leave the members' area. "
        "Name roles, not people or organisations ('a council commissioner').",
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=lambda: ChallengeThread.Status.choices, label="Status")
