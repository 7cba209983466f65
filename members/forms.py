"""Members' own forms on the front end: plain fields, errors a practitioner can act on."""

from django import forms

from .models import Community, DiversityAnswers, Membership, Organisation
from .selectors import outputs_open_to

NOT_OPEN = (
    "Choose one of the pages listed: you can consent for pages in your own communities and "
    "on the public site only."
)


class ConsentForm(forms.Form):
    """Choose the one page a member consents to be named in, grouped by where it lives."""

    output = forms.TypedChoiceField(
        label="Page",
        coerce=int,
        error_messages={
            "required": "Choose the page you consent to be named in.",
            "invalid_choice": NOT_OPEN,
        },
        help_text="Your name may appear in this page only.",
    )

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        pages = list(outputs_open_to(member).select_related("content_type"))
        self.pages = {page.pk: page for page in pages}
        sections = dict(
            Community.objects.filter(memberships__member=member, section__isnull=False).values_list(
                "section__path", "name"
            )
        )
        groups: dict[str, list] = {}
        for page in pages:
            where = next(
                (
                    f"{name} (members only)"
                    for path, name in sections.items()
                    if page.path.startswith(path)
                ),
                "Public pages",
            )
            groups.setdefault(where, []).append((page.pk, _label(page)))
        self.fields["output"].choices = [("", "Choose a page"), *groups.items()]

    def clean_output(self):
        return self.pages[self.cleaned_data["output"]]


def _label(page) -> str:
    kind = page.content_type.name
    return f"{page.title} ({kind}{'' if page.live else ', draft'})"


class InvitationForm(forms.Form):
    """A convener invites someone to their community (services.member_invite)."""

    name = forms.CharField(
        label="Their name", max_length=150, help_text="As they would like members to see it."
    )
    email = forms.EmailField(
        label="Their email address",
        help_text="Any address will do: the invitation goes there, and they sign in with it.",
    )
    organisation_name = forms.CharField(label="Their organisation", max_length=200, required=False)
    organisation_type = forms.ChoiceField(
        label="What kind of organisation",
        choices=Organisation.Type.choices,
        initial=Organisation.Type.OTHER,
    )
    role_in_organisation = forms.CharField(
        label="Their role there",
        max_length=150,
        required=False,
        help_text="For example ‘Commissioning manager’.",
    )
    role = forms.ChoiceField(
        label="Their role in the community",
        choices=Membership.Role.choices,
        initial=Membership.Role.MEMBER,
        help_text="A guest contributor takes part in one community and sees nothing else.",
    )


class DiversityForm(forms.ModelForm):
    """The optional equality and diversity questions: each may be left unanswered."""

    class Meta:
        model = DiversityAnswers
        fields = list(DiversityAnswers.QUESTIONS)
        labels = {field: question for field, (question, _) in DiversityAnswers.QUESTIONS.items()}
        widgets = dict.fromkeys(DiversityAnswers.QUESTIONS, forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.choices = [c for c in field.choices if c[0] != ""]  # no "---------" button
