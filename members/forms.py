"""Members' own forms on the front end: plain fields, errors a practitioner can act on."""

from django import forms
from django.core.files.uploadedfile import UploadedFile

from .joining import RULES, rules_for
from .models import Application, Community, DiversityAnswers, Membership, Organisation
from .selectors import outputs_open_to
from .uploads import upload_problem

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


YES_NO = [("yes", "Yes"), ("no", "No")]


class EligibilityForm(forms.Form):
    """Who may apply, asked first (members/joining.py says why each rule is there); only the
    rules the community keeps are asked. Then who is applying, for the link to their draft."""

    based_in_england = forms.ChoiceField(
        label="Is your organisation based in England?", choices=YES_NO, widget=forms.RadioSelect
    )
    applying_as = forms.ChoiceField(
        label="Who are you applying for?",
        choices=[
            ("organisation", "An organisation"),
            ("individual", "Myself, as an individual"),
            ("sole_trader", "Myself, as a sole trader"),
        ],
        widget=forms.RadioSelect,
    )
    religious_purpose_only = forms.ChoiceField(
        label="Is your organisation's sole purpose the advancement of religion?",
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    charitable_purpose = forms.ChoiceField(
        label="Does your organisation have a charitable purpose?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text="For example the relief of those in need, or the advancement of health.",
    )
    delivers_care = forms.ChoiceField(
        label="Does your organisation deliver health or social care services now?",
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(label="Your name", max_length=150)
    email = forms.EmailField(
        label="Your email address",
        help_text="Any address will do. We send the link to your application here.",
    )

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        asked = {rule.question for rule in rules_for(community)}
        for rule in RULES:
            if rule.question not in asked:
                del self.fields[rule.question]


def application_section_form(section):
    """A form for one section of the application. Nothing is required to save a draft: what is
    missing is shown, and refused only when the applicant submits."""

    class SectionForm(forms.ModelForm):
        class Meta:
            model = Application
            fields = section.fields
            widgets = {
                "address": forms.Textarea(attrs={"rows": 3}),
                **dict.fromkeys(("charitable_purpose", "turnover_share"), forms.RadioSelect),
            }

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for name, field in self.fields.items():
                field.required = name in ("name", "email")  # the link needs somewhere to go
                if name not in section.required:
                    field.label = f"{field.label} (optional)"
                if isinstance(field, forms.ChoiceField):
                    field.choices = [c for c in field.choices if c[0] != ""]

        def clean_letter_of_support(self):
            upload = self.cleaned_data.get("letter_of_support")
            if isinstance(upload, UploadedFile):  # a new file, checked like every upload
                if problem := upload_problem(name=upload.name, file=upload):
                    raise forms.ValidationError(problem)
            return upload

    return SectionForm
