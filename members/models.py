"""People: organisations, members and the communities of practice they belong to.

Who may read a community's section is decided by Django groups, because Wagtail's view
restrictions speak groups. Membership is the one source of truth; each community's reader and
convener groups are derived from it (see services.user_sync_groups).
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import slugify
from wagtail.models import Collection

# The role groups (see services.ROLE_PERMISSIONS for what each may do).
MEMBERS = "Members"
CONVENERS = "Conveners"
GUEST_CONTRIBUTORS = "Guest contributors"
SITE_ADMINS = "Site admins"


def split_aliases(text: str) -> list[str]:
    """Aliases are typed one per line (or comma-separated) by editors."""
    return [part.strip() for line in text.splitlines() for part in line.split(",") if part.strip()]


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
        if user.is_superuser or user.groups.filter(name=SITE_ADMINS).exists():
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

    objects = CommunityQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "communities"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:100]
        # One transaction: a failed save must not leave its groups and collection behind.
        with transaction.atomic():
            if not self.pk:
                # Imported here: services builds on these models.
                from .services import community_provision_access

                community_provision_access(community=self)
            super().save(*args, **kwargs)

    def clean(self):
        if self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date must be after the start date."})

    def is_convened_by(self, user) -> bool:
        """Whether this user convenes the community (superusers count as conveners everywhere)."""
        if not user.is_authenticated:
            return False
        return user.is_superuser or self.memberships.filter(
            member__user=user, role=Membership.Role.CONVENER
        ).exists()

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
