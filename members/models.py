"""People: organisations, members and the communities of practice they belong to.

Who may read a community's section is decided by Django groups, because Wagtail's view
restrictions speak groups. Membership is the one source of truth; each community's reader and
convener groups are derived from it (see services.user_sync_groups).
"""

import uuid

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Collection

from themes.aliases import split_aliases

from .contacts import contact_kind

# The role groups (see services.ROLE_PERMISSIONS for what each may do).
MEMBERS = "Members"
CONVENERS = "Conveners"
GUEST_CONTRIBUTORS = "Guest contributors"
SITE_ADMINS = "Site admins"


def is_site_admin(user) -> bool:
    """Whether this user works across the whole programme (a superuser or a site admin)."""
    return user.is_authenticated and (
        user.is_superuser or user.groups.filter(name=SITE_ADMINS).exists()
    )


class Organisation(models.Model):
    """A participating organisation: a council, a care co-operative, a community business..."""

    class Type(models.TextChoices):
        COUNCIL = "council", "Council"
        CARE_COOPERATIVE = "care_cooperative", "Care co-operative"
        COMMUNITY_BUSINESS = "community_business", "Community business"
        CHARITY = "charity", "Charity"
        NHS_BODY = "nhs_body", "NHS body"
        SOCIAL_ENTERPRISE = "social_enterprise", "Social enterprise"
        MICRO_ENTERPRISE = "micro_enterprise", "Community micro-enterprise"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    aliases = models.TextField(
        blank=True,
        help_text="Other names it goes by, one per line: short names, acronyms, and for a "
        "council its place name. The non-attribution check protects every one.",
    )
    type = models.CharField(max_length=32, choices=Type.choices)
    region = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def alias_list(self) -> list[str]:
        return split_aliases(self.aliases)


class Member(models.Model):
    """A person taking part in one or more communities, as a representative of an organisation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member"
    )
    display_name = models.CharField(max_length=150)
    aliases = models.TextField(
        blank=True,
        help_text="Other names and handles, one per line: nicknames, maiden names, "
        "social media handles, profile links.",
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="members", null=True, blank=True
    )
    role_in_organisation = models.CharField(
        max_length=150, blank=True, help_text="For example 'Commissioning manager'."
    )

    class Meta:
        ordering = ["display_name"]

    def __str__(self):
        return self.display_name

    @property
    def alias_list(self) -> list[str]:
        return split_aliases(self.aliases)


class CommunityQuerySet(models.QuerySet):
    def for_user(self, user):
        """The communities whose section this user may read."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(memberships__member__user=user).distinct()

    def with_live_section(self):
        """Those whose members-only section is published, ready to link to."""
        return self.filter(section__live=True).select_related("section")

    def convened_by(self, user):
        """The communities whose membership this user may manage."""
        if is_site_admin(user):
            return self.all()
        return self.filter(
            memberships__member__user=user, memberships__role=Membership.Role.CONVENER
        ).distinct()


class Community(models.Model):
    """A community of practice: a group of members meeting regularly in a shared domain."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    domain = models.CharField(
        max_length=250, help_text="The shared domain of practice, in a phrase."
    )
    description = models.TextField(blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    members = models.ManyToManyField(Member, through="Membership", related_name="communities")
    readers_group = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="community_readers", editable=False
    )
    conveners_group = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="community_conveners", editable=False
    )
    documents_collection = models.OneToOneField(
        Collection, on_delete=models.PROTECT, related_name="community", editable=False
    )

    # Recruiting: the public application page is open between these times (members/joining.py).
    applications_open_at = models.DateTimeField(null=True, blank=True)
    applications_close_at = models.DateTimeField(null=True, blank=True)
    # Who may apply: each eligibility rule can be switched off for a programme that differs.
    requires_england = models.BooleanField("applicants must be based in England", default=True)
    requires_organisation = models.BooleanField(
        "applicants must apply for an organisation, not as individuals or sole traders",
        default=True,
    )
    excludes_religious_purpose = models.BooleanField(
        "the organisation's sole purpose may not be the advancement of religion", default=True
    )
    requires_charitable_purpose = models.BooleanField(
        "the organisation must have a charitable purpose", default=True
    )
    requires_care_delivery = models.BooleanField(
        "the organisation must deliver health or social care services now", default=True
    )

    objects = CommunityQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "communities"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # A new community is created by services.community_create, which gives it its groups
        # and private collection first.
        if not self.slug:
            self.slug = slugify(self.name)[:100]
        super().save(*args, **kwargs)

    def clean(self):
        if self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date must be after the start date."})

    def is_convened_by(self, user) -> bool:
        """Whether this user convenes the community (superusers count as conveners everywhere)."""
        if not user.is_authenticated:
            return False
        return (
            user.is_superuser
            or self.memberships.filter(member__user=user, role=Membership.Role.CONVENER).exists()
        )

    @property
    def conveners(self):
        return self.members.filter(memberships__role=Membership.Role.CONVENER)


class Membership(models.Model):
    """A member's place in a community, and their role there."""

    class Role(models.TextChoices):
        MEMBER = "member", "Member"
        CONVENER = "convener", "Convener"
        GUEST = "guest", "Guest contributor"

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="memberships")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)
    joined_on = models.DateField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "community"], name="one_membership_each")
        ]
        ordering = ["community", "member__display_name"]

    def __str__(self):
        return f"{self.member} in {self.community} ({self.get_role_display()})"


class NamingConsentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)

    def for_output(self, page):
        return self.active().filter(output=page)


class NamingConsent(models.Model):
    """A member's or an organisation's consent to be named in one output, until withdrawn.

    Members give and withdraw their own (members/views.py); a convener records an
    organisation's. Withdrawn consents stay, dated, as the record of what was relied on when.
    """

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, null=True, blank=True, related_name="naming_consents"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="naming_consents",
    )
    output = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="naming_consents",
        help_text="The page this consent is for, and no other.",
    )
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    given_at = models.DateTimeField(default=timezone.now, editable=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    relied_on_since = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the page was first published naming them under this consent.",
    )

    objects = NamingConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(member__isnull=False, organisation__isnull=True)
                | models.Q(member__isnull=True, organisation__isnull=False),
                name="consent_is_a_member_or_an_organisation",
            ),
            models.UniqueConstraint(
                fields=["member", "output"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_active_member_consent_per_output",
            ),
            models.UniqueConstraint(
                fields=["organisation", "output"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_active_organisation_consent_per_output",
            ),
        ]

    def __str__(self):
        state = "withdrawn" if self.withdrawn_at else "given"
        return f"{self.named} consents to be named in “{self.output.title}” ({state})"

    @property
    def named(self) -> str:
        """The name the consent lets the output use."""
        return self.member.display_name if self.member_id else self.organisation.name

    def clean(self):
        if bool(self.member_id) == bool(self.organisation_id):
            raise ValidationError("Choose either a member or an organisation, not both.")

    @classmethod
    def give(cls, *, output, by, member=None, organisation=None) -> "NamingConsent":
        """Give consent (or return the consent already given: giving twice is one consent).

        `by` must be someone who may record it (permissions.may_record_consent); None is the
        system itself (imports, tests)."""
        from .permissions import may_record_consent

        if by is not None and not may_record_consent(by, member=member, organisation=organisation):
            raise PermissionDenied(
                "Only a convener of a community they belong to, or a site admin, may record "
                "this consent."
            )
        consent, _ = cls.objects.active().get_or_create(
            member=member,
            organisation=organisation,
            output=output,
            defaults={"given_by": by},
        )
        return consent

    def withdraw(self):
        if self.withdrawn_at is None:
            self.withdrawn_at = timezone.now()
            self.save(update_fields=["withdrawn_at"])


class PublicContactQuerySet(models.QuerySet):
    def approved(self):
        """The contacts public pages may carry (the attribution check's allow-list)."""
        return self.filter(approved=True)


class PublicContact(models.Model):
    """A contact detail approved for public pages: the programme's own address, a public
    helpline. Every other email, phone number or handle blocks publication.

    Conveners may propose one; only a site admin (superuser) approves it, and until then it
    blocks like any other contact. Changing an approved contact's value withdraws the approval
    unless a site admin makes the change."""

    value = models.CharField(
        max_length=254,
        unique=True,
        help_text="An email address, a phone number, a social handle (@name) or a web address.",
    )
    description = models.CharField(
        max_length=200, help_text="Whose it is, for example 'The programme's enquiries line'."
    )
    approved = models.BooleanField(
        default=False,
        help_text="Only site admins approve: until then public pages carrying it are blocked.",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = PublicContactQuerySet.as_manager()

    class Meta:
        ordering = ["value"]
        verbose_name = "public contact"

    def __str__(self):
        return f"{self.value} ({self.description})"

    @property
    def status(self) -> str:
        return "Approved" if self.approved else "Proposed"

    def clean(self):

        self.value = (self.value or "").strip()
        if self.value and contact_kind(self.value) is None:
            raise ValidationError(
                {
                    "value": (
                        "This is not an email address, a UK phone number, a handle starting with "
                        "@ or "
                        "a web address. Give the contact exactly as it will appear on public pages."
                    )
                }
            )


class FormerParticipant(models.Model):
    """Someone who left or was erased, or a name a member no longer uses: kept only as keyed
    hashes of the ways the name is written, so it stays protected without being stored."""

    class Reason(models.TextChoices):
        ERASED = "erased", "Left or erased"
        RENAMED = "renamed", "A name no longer used"

    variants = models.JSONField(help_text="attribution.check.FormerPerson.as_dict()")
    reason = models.CharField(max_length=16, choices=Reason.choices)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at"]

    def __str__(self):
        return f"Former participant #{self.pk} ({self.get_reason_display()})"


class RegistryVersion(models.Model):
    """One row, stamped afresh on every change to who is protected (members, organisations,
    guests, consents, contacts, former participants), so that every process knows when its
    cached registry of protected names is stale (attribution.registry). A random
    stamp, not a counter: a rolled-back change must not reuse a number another one takes."""

    stamp = models.UUIDField(default=uuid.uuid4)

    def __str__(self):
        return f"Registry version {self.stamp}"


class OutboxEmail(models.Model):
    """An email the site sends, kept until it is sent (members/mail.py): each is sent by a task,
    retried with backoff, and after the last try listed for site admins, who can send it again.
    It is written in the transaction of the change it tells about, so a change rolled back
    sends nothing, and a change saved never loses its email to a mail server that failed."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Not sent after every try"

    subject = models.CharField(max_length=998)
    body = models.TextField()
    from_email = models.CharField(max_length=254, blank=True)
    to = models.JSONField(default=list)
    headers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "email in the outbox"
        verbose_name_plural = "outbox"
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self):
        return self.subject

    @property
    def recipients(self) -> str:
        return ", ".join(self.to)


class DiversityAnswers(models.Model):
    """A member's optional equality and diversity monitoring answers: kept apart from everything
    else about them, never shown per person (not to conveners, not in the admin), only to the
    member themselves, and reported only in aggregate through the small-numbers rule
    (members/small_numbers.py). Removed with the member."""

    PREFER_NOT = ("prefer_not", "Prefer not to say")
    YES_NO = [("yes", "Yes"), ("no", "No"), PREFER_NOT]

    QUESTIONS = {
        "age_band": (
            "Age",
            [
                ("16_24", "16 to 24"),
                ("25_34", "25 to 34"),
                ("35_44", "35 to 44"),
                ("45_54", "45 to 54"),
                ("55_64", "55 to 64"),
                ("65_plus", "65 or over"),
                PREFER_NOT,
            ],
        ),
        "gender": (
            "Gender",
            [
                ("woman", "Woman"),
                ("man", "Man"),
                ("non_binary", "Non-binary"),
                ("other", "In another way"),
                PREFER_NOT,
            ],
        ),
        "ethnicity": (
            "Ethnic group",
            [
                ("asian", "Asian or Asian British"),
                ("black", "Black, Black British, Caribbean or African"),
                ("mixed", "Mixed or multiple ethnic groups"),
                ("white", "White"),
                ("other", "Another ethnic group"),
                PREFER_NOT,
            ],
        ),
        "disability": ("Do you consider yourself disabled?", YES_NO),
        "long_term_condition": ("Do you have a long-term health condition?", YES_NO),
        "caring": ("Do you look after or support someone, unpaid?", YES_NO),
        "sexual_orientation": (
            "Sexual orientation",
            [
                ("straight", "Straight or heterosexual"),
                ("gay_lesbian", "Gay or lesbian"),
                ("bisexual", "Bisexual"),
                ("other", "Another sexual orientation"),
                PREFER_NOT,
            ],
        ),
        "religion": (
            "Religion or belief",
            [
                ("none", "No religion"),
                ("christian", "Christian"),
                ("buddhist", "Buddhist"),
                ("hindu", "Hindu"),
                ("jewish", "Jewish"),
                ("muslim", "Muslim"),
                ("sikh", "Sikh"),
                ("other", "Another religion or belief"),
                PREFER_NOT,
            ],
        ),
    }

    # Whose: a member's, or an applicant's until they are accepted (members/joining.py).
    member = models.OneToOneField(
        Member, on_delete=models.CASCADE, related_name="diversity", null=True, blank=True
    )
    application = models.OneToOneField(
        "members.Application",
        on_delete=models.CASCADE,
        related_name="diversity",
        null=True,
        blank=True,
    )
    age_band = models.CharField(max_length=16, blank=True, choices=QUESTIONS["age_band"][1])
    gender = models.CharField(max_length=16, blank=True, choices=QUESTIONS["gender"][1])
    ethnicity = models.CharField(max_length=16, blank=True, choices=QUESTIONS["ethnicity"][1])
    disability = models.CharField(max_length=16, blank=True, choices=YES_NO)
    long_term_condition = models.CharField(max_length=16, blank=True, choices=YES_NO)
    caring = models.CharField(max_length=16, blank=True, choices=YES_NO)
    sexual_orientation = models.CharField(
        max_length=16, blank=True, choices=QUESTIONS["sexual_orientation"][1]
    )
    religion = models.CharField(max_length=16, blank=True, choices=QUESTIONS["religion"][1])
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "diversity answers"
        verbose_name_plural = "diversity answers"
        default_permissions = ()  # nobody is given it: there is no per-person view to give

    def __str__(self):
        return "Diversity answers"  # never whose: a log or an error must not link them


def application_files():
    """Letters of support: outside MEDIA_ROOT, so no web server serves them; conveners read
    them through the admin only."""
    from django.core.files.storage import FileSystemStorage

    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


REGIONS = [
    ("north_east", "North East"),
    ("north_west", "North West"),
    ("yorkshire", "Yorkshire and the Humber"),
    ("east_midlands", "East Midlands"),
    ("west_midlands", "West Midlands"),
    ("east", "East of England"),
    ("london", "London"),
    ("south_east", "South East"),
    ("south_west", "South West"),
]
SERVICE_MODELS = [
    ("home_care", "Home care"),
    ("supported_living", "Supported living"),
    ("day_activities", "Day and community activities"),
    ("residential", "Residential care"),
    ("peer_support", "Peer support and advocacy"),
    ("other", "Another service"),
]


class Application(models.Model):
    """Someone applying, for their organisation, to join a recruiting community: a draft they
    return to by a private link until they submit it (members/joining.py). An applicant is not
    a participant: their name protects nothing until they are accepted."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    class CharitablePurpose(models.TextChoices):
        # The purposes of the Charities Act 2011, section 3(1).
        POVERTY = "poverty", "The prevention or relief of poverty"
        EDUCATION = "education", "The advancement of education"
        RELIGION = "religion", "The advancement of religion"
        HEALTH = "health", "The advancement of health or the saving of lives"
        COMMUNITY = "community", "The advancement of citizenship or community development"
        ARTS = "arts", "The advancement of the arts, culture, heritage or science"
        SPORT = "sport", "The advancement of amateur sport"
        HUMAN_RIGHTS = (
            "human_rights",
            (
                "The advancement of human rights, conflict resolution or reconciliation, or the "
                "promotion of religious or racial harmony or equality and diversity"
            ),
        )
        ENVIRONMENT = "environment", "The advancement of environmental protection or improvement"
        NEED = (
            "need",
            (
                "The relief of those in need by reason of youth, age, ill-health, disability, "
                "financial hardship or other disadvantage"
            ),
        )
        ANIMALS = "animals", "The advancement of animal welfare"
        SERVICES = (
            "services",
            (
                "The promotion of the efficiency of the armed forces, police, fire and rescue or "
                "ambulance services"
            ),
        )
        OTHER = "other", "Another charitable purpose"

    class TurnoverShare(models.TextChoices):
        UNDER_25 = "under_25", "Less than a quarter"
        TO_50 = "25_50", "A quarter to a half"
        TO_75 = "50_75", "A half to three quarters"
        OVER_75 = "over_75", "More than three quarters"

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="applications")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    link_key = models.UUIDField(default=uuid.uuid4, editable=False)  # in the private link
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    # About you
    name = models.CharField("your name", max_length=150)
    email = models.EmailField("your email address")
    phone = models.CharField("your phone number", max_length=40, blank=True)
    job_title = models.CharField("your role in the organisation", max_length=150, blank=True)
    # About your organisation
    organisation_name = models.CharField("its name", max_length=200, blank=True)
    address = models.TextField("its address", blank=True)
    registration_number = models.CharField(
        "its registration number",
        max_length=40,
        blank=True,
        help_text="Its charity, company or society number.",
    )
    charitable_purpose = models.CharField(
        "its charitable purpose", max_length=16, choices=CharitablePurpose.choices, blank=True
    )
    main_area_of_impact = models.CharField("its main area of impact", max_length=200, blank=True)
    organisation_type = models.CharField(
        "what kind of organisation it is",
        max_length=32,
        choices=Organisation.Type.choices,
        blank=True,
    )
    region = models.CharField("its region", max_length=32, choices=REGIONS, blank=True)
    service_model = models.CharField(
        "the main service it delivers", max_length=32, choices=SERVICE_MODELS, blank=True
    )
    # About your community: the four features of a community business
    locally_rooted = models.TextField("how it is rooted in a place", blank=True)
    accountable = models.TextField("how it is accountable to its community", blank=True)
    trading_for_community = models.TextField(
        "how it trades for the benefit of its community", blank=True
    )
    broad_impact = models.TextField("the broad impact it has in its community", blank=True)
    # About your plans
    plans = models.TextField("what you plan to do", blank=True)
    # About the support you are applying for
    experience_care = models.TextField(
        "the nominee's experience of delivering health and social care", blank=True
    )
    experience_sector = models.TextField(
        "their experience in the community business sector", blank=True
    )
    experience_business = models.TextField(
        "their experience of business development (commissioning, procurement, personal budgets)",
        blank=True,
    )
    will_bring = models.TextField("what they will bring to the community", blank=True)
    hope_to_gain = models.TextField("what they hope to gain", blank=True)
    services_and_funding = models.TextField(
        "the services you deliver, and how each is funded", blank=True
    )
    staff = models.TextField("your staff and volunteers", blank=True)
    partnerships = models.TextField("your partnerships", blank=True)
    turnover_share = models.CharField(
        "the share of your turnover from health and care",
        max_length=16,
        choices=TurnoverShare.choices,
        blank=True,
    )
    challenges = models.TextField("the challenges you face", blank=True)
    future_plans = models.TextField("your plans for the future", blank=True)
    letter_of_support = models.FileField(
        "a letter of support from a director or trustee",
        storage=application_files,
        upload_to="applications/",
        blank=True,
    )

    # Selection, by the community's conveners (members/joining.py)
    scores = models.JSONField(default=dict, blank=True)  # criterion -> 0 to 5
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_message = models.TextField(blank=True)
    member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="applications"
    )
    organisation_to_confirm = models.BooleanField(
        default=False,
        help_text="Accepted while an organisation of the same name exists: a site admin "
        "decides whether the member belongs to it.",
    )

    class Meta:
        ordering = ["-submitted_at", "-created_at"]
        default_permissions = ("view", "change")

    def __str__(self):
        return f"{self.organisation_name or self.name} ({self.get_status_display().lower()})"
