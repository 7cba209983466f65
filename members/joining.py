"""Joining a recruiting community: when it takes applications, who may apply, and the
application itself, a draft in sections that the applicant returns to by a private link.

- A community takes applications between `applications_open_at` and `applications_close_at`;
  outside them its page says when, and a draft can no longer be saved or submitted.
- Eligibility comes first, with its reasons, before anyone spends time on the rest: each rule
  can be switched off per community (Community.requires_*), for a programme with other rules.
- The application is saved as it is typed, section by section, and cannot be submitted while a
  required answer is missing. Its private link (`application_token`) is emailed when it is
  started; the pages it opens are the applicant's own (members/private_links.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from .mail import send_after_commit
from .models import Application, Community, DiversityAnswers, Organisation
from .services import account_create, invitation_email, membership_add

APPLICATION_SALT = "practice-commons.application"


# When -------------------------------------------------------------------------------------


def applications_open(community: Community, now=None) -> bool:
    now = now or timezone.now()
    opens, closes = community.applications_open_at, community.applications_close_at
    return opens is not None and opens <= now and (closes is None or now < closes)


def recruiting():
    """The communities whose application page is open now."""
    now = timezone.now()
    return Community.objects.filter(applications_open_at__lte=now).exclude(
        applications_close_at__lte=now
    )


# Who ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    switch: str  # the Community field that turns it on
    question: str  # the EligibilityForm field that asks it
    eligible: str  # the answer that passes
    reason: str  # why, for the applicant who does not


RULES = (
    Rule(
        "requires_england",
        "based_in_england",
        "yes",
        "The programme is funded to support organisations based in England.",
    ),
    Rule(
        "requires_organisation",
        "applying_as",
        "organisation",
        "Places are for organisations, whose members take part on their behalf: not for "
        "individuals or sole traders.",
    ),
    Rule(
        "excludes_religious_purpose",
        "religious_purpose_only",
        "no",
        "The programme cannot fund an organisation whose sole purpose is the advancement of "
        "religion.",
    ),
    Rule(
        "requires_charitable_purpose",
        "charitable_purpose",
        "yes",
        "The programme supports organisations with a charitable purpose.",
    ),
    Rule(
        "requires_care_delivery",
        "delivers_care",
        "yes",
        "The programme is for organisations delivering health or social care services now.",
    ),
)


def rules_for(community: Community) -> list[Rule]:
    return [rule for rule in RULES if getattr(community, rule.switch)]


def ineligible_reasons(community: Community, answers: dict) -> list[str]:
    """Why this applicant may not apply, rule by rule: none when they may."""
    return [
        rule.reason for rule in rules_for(community) if answers.get(rule.question) != rule.eligible
    ]


# The application ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    fields: tuple[str, ...]
    required: tuple[str, ...]


SECTIONS = (
    Section(
        "about-you",
        "About you",
        ("name", "email", "phone", "job_title"),
        ("name", "email", "job_title"),
    ),
    Section(
        "organisation",
        "About your organisation",
        (
            "organisation_name",
            "address",
            "registration_number",
            "organisation_type",
            "region",
            "service_model",
            "charitable_purpose",
            "main_area_of_impact",
        ),
        (
            "organisation_name",
            "address",
            "organisation_type",
            "region",
            "service_model",
            "charitable_purpose",
            "main_area_of_impact",
        ),
    ),
    Section(
        "community",
        "About your community",
        ("locally_rooted", "accountable", "trading_for_community", "broad_impact"),
        ("locally_rooted", "accountable", "trading_for_community", "broad_impact"),
    ),
    Section("plans", "About your plans", ("plans",), ("plans",)),
    Section(
        "support",
        "About the support you are applying for",
        (
            "experience_care",
            "experience_sector",
            "experience_business",
            "will_bring",
            "hope_to_gain",
            "services_and_funding",
            "staff",
            "partnerships",
            "turnover_share",
            "challenges",
            "future_plans",
            "letter_of_support",
        ),
        (
            "experience_care",
            "experience_sector",
            "experience_business",
            "will_bring",
            "hope_to_gain",
            "services_and_funding",
            "turnover_share",
            "letter_of_support",
        ),
    ),
)
SECTIONS_BY_SLUG = {section.slug: section for section in SECTIONS}


def missing(application: Application, section: Section | None = None) -> list[str]:
    """The required answers still empty, in the section or in the whole application."""
    sections = [section] if section else SECTIONS
    return [name for s in sections for name in s.required if not getattr(application, name)]


def application_answers(application: Application) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every answer, section by section, as the convener reads it (choices by their labels;
    the letter of support is downloaded on its own)."""
    out = []
    for section in SECTIONS:
        answers = []
        for name in section.fields:
            if name == "letter_of_support":
                continue
            display = getattr(application, f"get_{name}_display", None)
            value = display() if display else getattr(application, name)
            answers.append((str(Application._meta.get_field(name).verbose_name), value))
        out.append((section.title, answers))
    return out


def application_token(application: Application) -> str:
    return signing.dumps([application.pk, str(application.link_key)], salt=APPLICATION_SALT)


def application_from(token: str) -> Application | None:
    """The application a private link is for, or None (tampered, or no longer there)."""
    try:
        pk, key = signing.loads(token, salt=APPLICATION_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return Application.objects.select_related("community").filter(pk=pk, link_key=key).first()


def application_url(application: Application, section: str | None = None) -> str:
    token = application_token(application)
    if section is None:
        return reverse("joining:application", args=[token])
    return reverse("joining:section", args=[token, section])


@transaction.atomic
def application_start(*, community: Community, name: str, email: str) -> Application:
    """An eligible applicant's draft, and the email with its private link."""
    if not applications_open(community):
        raise ValidationError(f"{community.name} is not taking applications now.")
    application = Application.objects.create(community=community, name=name, email=email)
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + application_url(application)
    send_after_commit(
        [
            EmailMessage(
                f"Your application to {community.name}",
                f"Hello {name},\n\nYour application to {community.name} is saved as you "
                f"write it. Come back to it at any time before it closes, here:\n\n{link}\n\n"
                "Keep this link to yourself: anyone who has it can read and change your "
                "application.",
                settings.DEFAULT_FROM_EMAIL,
                [email],
            )
        ]
    )
    return application


def application_may_change(application: Application) -> bool:
    return application.status == Application.Status.DRAFT and applications_open(
        application.community
    )


@transaction.atomic
def application_submit(application: Application) -> Application:
    if not application_may_change(application):
        raise ValidationError("This application can no longer be submitted.")
    if missing(application):
        raise ValidationError("Some required answers are missing.")
    application.status = Application.Status.SUBMITTED
    application.submitted_at = timezone.now()
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    return application


# Selection, by the community's conveners ----------------------------------------------------


MAX_SCORE = 5  # each criterion is scored 0 to 5


def applications_to_select(user):
    """Submitted and decided applications of the communities this user convenes (site admins:
    all). Drafts are the applicants' own until they submit."""
    return Application.objects.filter(community__in=Community.objects.convened_by(user)).exclude(
        status=Application.Status.DRAFT
    )


def _require_convener(application: Application, by) -> None:
    if not application.community.is_convened_by(by):
        raise PermissionDenied("Only the community's conveners select its members.")


def application_score(application: Application, *, by, scores: dict[str, int]) -> None:
    _require_convener(application, by)
    criteria = set(settings.SELECTION_CRITERIA)
    application.scores = {
        name: min(MAX_SCORE, max(0, int(score)))
        for name, score in scores.items()
        if name in criteria
    }
    application.save(update_fields=["scores", "updated_at"])


def application_total(application: Application) -> int:
    return sum(application.scores.values())


def balance(community: Community) -> dict[str, list[tuple[str, int]]]:
    """The group so far (accepted applications), by organisation type, region and service
    model: counts of organisations, not of people."""
    accepted = Application.objects.filter(community=community, status=Application.Status.ACCEPTED)
    out = {}
    for field in ("organisation_type", "region", "service_model"):
        model_field = Application._meta.get_field(field)
        counted = dict(accepted.values_list(field).annotate(n=Count("pk")).order_by())
        out[str(model_field.verbose_name)] = [
            (label, counted.get(value, 0)) for value, label in model_field.choices
        ]
    return out


@transaction.atomic
def application_accept(application: Application, *, by, message: str = "") -> Application:
    """Accept: the member, their organisation and the membership, and an invitation to set a
    password. An organisation of the same name is not joined to them: whether it is theirs is a
    site admin's decision (a convener must not learn which organisations other communities
    have), so the member starts without one and the application says so."""
    _require_convener(application, by)
    if application.status != Application.Status.SUBMITTED:
        raise ValidationError("Only a submitted application can be accepted.")
    community = application.community
    existing = Organisation.objects.filter(name__iexact=application.organisation_name).exists()
    organisation = None
    if not existing:
        organisation = Organisation.objects.create(
            name=application.organisation_name,
            type=application.organisation_type or Organisation.Type.OTHER,
            region=application.get_region_display() if application.region else "",
        )
    user = get_user_model().objects.filter(email__iexact=application.email).first()
    member = getattr(user, "member", None) if user else None
    new = member is None
    if user is not None and member is None:
        raise ValidationError("That email address belongs to an administrator's account.")
    if new:
        member = account_create(
            name=application.name,
            email=application.email,
            organisation=organisation,
            role_in_organisation=application.job_title,
        )
    membership_add(community=community, member=member)
    # Their diversity answers follow them, still apart (a member's own answers win).
    if not DiversityAnswers.objects.filter(member=member).exists():
        DiversityAnswers.objects.filter(application=application).update(member=member)
    application.status = Application.Status.ACCEPTED
    application.member = member
    application.organisation_to_confirm = existing
    application.decided_at, application.decided_by = timezone.now(), by
    application.decision_message = message
    application.save()
    send_after_commit([invitation_email(member, community, by=by, new=new, note=message)])
    return application


@transaction.atomic
def application_decline(application: Application, *, by, message: str) -> Application:
    _require_convener(application, by)
    if application.status != Application.Status.SUBMITTED:
        raise ValidationError("Only a submitted application can be declined.")
    application.status = Application.Status.DECLINED
    application.decided_at, application.decided_by = timezone.now(), by
    application.decision_message = message
    application.save()
    send_after_commit(
        [
            EmailMessage(
                f"Your application to {application.community.name}",
                f"Hello {application.name},\n\n{message.strip()}\n",
                settings.DEFAULT_FROM_EMAIL,
                [application.email],
            )
        ]
    )
    return application
