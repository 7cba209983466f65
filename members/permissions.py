"""Who may see and change which people in the admin: decided per instance, not only per model.

A convener sees the people of the communities they convene and nobody else's. Wagtail 8's
generic views check a model-level permission and ask the policy about one instance only in the
copy view and snippet bulk delete, so the viewsets in wagtail_hooks.py fetch every object, list
and choice through these policies. Site admins see the whole programme.
"""

from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy

from .models import (
    Community,
    Member,
    Membership,
    NamingConsent,
    Organisation,
    OutboxEmail,
    PublicContact,
    is_site_admin,
)
from .selectors import organisations_recordable_by, outputs_recordable_by

# What Wagtail's listings, inspect and usage views ask: any of these ("choose" for documents
# and images, whose policies know no "view").
ANY_ACTION = ["add", "change", "delete", "view", "choose"]


class CommunityScopedPolicy(ModelPermissionPolicy):
    """The model permission, then only the instances within the user's reach (`within_reach`).
    An instance outside it is treated as if it did not exist."""

    def within_reach(self, user, actions):
        raise NotImplementedError

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        if is_site_admin(user):
            return self.model._default_manager.all()
        return self.within_reach(user, actions)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return (
            self.instances_user_has_any_permission_for(user, actions)
            .filter(pk=instance.pk)
            .exists()
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)


def members_within_reach(user):
    """The members of the communities this user convenes, and those in no community yet (whom
    a convener may add to theirs)."""
    return Member.objects.filter(
        Q(
            pk__in=Membership.objects.filter(
                community__in=Community.objects.convened_by(user)
            ).values("member")
        )
        | ~Q(pk__in=Membership.objects.values("member"))
    )


class CommunityPolicy(CommunityScopedPolicy):
    def within_reach(self, user, actions):
        return Community.objects.convened_by(user)


class MembershipPolicy(CommunityScopedPolicy):
    def within_reach(self, user, actions):
        return Membership.objects.filter(community__in=Community.objects.convened_by(user))


class MemberPolicy(CommunityScopedPolicy):
    def within_reach(self, user, actions):
        return members_within_reach(user)


class OrganisationPolicy(CommunityScopedPolicy):
    """Organisations with a member in a community the user convenes, and those with no members
    yet."""

    def within_reach(self, user, actions):
        return Organisation.objects.filter(
            Q(pk__in=organisations_recordable_by(user).values("pk"))
            | ~Q(pk__in=Member.objects.filter(organisation__isnull=False).values("organisation"))
        )


class NamingConsentPolicy(CommunityScopedPolicy):
    """A consent is a record of what was relied on when: added, later withdrawn, never edited in
    the admin (changing its page or whom it names would rewrite that history). A convener sees
    the consents for pages they could record one for, given by people they convene."""

    def user_has_permission(self, user, action):
        return action != "change" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a != "change"])

    def within_reach(self, user, actions):
        return NamingConsent.objects.filter(
            Q(member__in=members_within_reach(user))
            | Q(organisation__in=organisations_recordable_by(user)),
            output__in=outputs_recordable_by(user),
        )


class PublicContactPolicy(CommunityScopedPolicy):
    """Approved contacts are the programme's own, public addresses, within every convener's
    reach (a change to one withdraws its approval: wagtail_hooks.PublicContactForm). A proposal
    is another convener's to see until a site admin approves it: it may be a member's handle."""

    def within_reach(self, user, actions):
        return PublicContact.objects.filter(Q(proposed_by=user) | Q(approved=True))


class OutboxPolicy(ModelPermissionPolicy):
    """Emails in the outbox are read, and sent again, never written or deleted by hand: what
    was sent is a record (members/mail.py)."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_any_permission(user, ["view"])


POLICIES = {
    OutboxEmail: OutboxPolicy,
    Community: CommunityPolicy,
    Membership: MembershipPolicy,
    Member: MemberPolicy,
    Organisation: OrganisationPolicy,
    NamingConsent: NamingConsentPolicy,
    PublicContact: PublicContactPolicy,
}


def policies_register():
    """Before any viewset asks for a model's policy (Wagtail would otherwise make a default)."""
    for model, policy_class in POLICIES.items():
        register_permission_policy(model, policy_class(model))


def within_reach(user, model):
    """The instances of a model (people, documents, images...) that this user may see."""
    return policy_registry.get_by_type(model).instances_user_has_any_permission_for(
        user, ANY_ACTION
    )


def _chosen_ids(value) -> list:
    """The ids a field's initial value holds: one id or object, or several (a many-to-many
    field's initial is a list or a queryset)."""
    if value is None:
        return []
    values = [value] if isinstance(value, (str, int)) or hasattr(value, "pk") else value
    return [getattr(v, "pk", v) for v in values]


class ChoicesWithinReachMixin:
    """For an admin form: every choice of a person, an organisation or a community offers (and
    accepts) only those within the user's reach, and whatever the object already holds."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is None:
            return
        for name, field in self.fields.items():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and queryset.model in POLICIES:
                reach = within_reach(self.for_user, queryset.model).values("pk")
                held = _chosen_ids(self.initial.get(name))
                field.queryset = queryset.filter(Q(pk__in=reach) | Q(pk__in=held))


def may_record_consent(user, *, member=None, organisation=None) -> bool:
    """Whether this user may record a member's or an organisation's consent to be named: a site
    admin (superuser) may record anyone's; a convener, only for a person who belongs to a
    community they convene, or an organisation one of whose members does; a member, their own.
    Another community's convener never speaks for people they do not convene."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if member is not None:
        if member.user_id == user.pk:
            return True
        return Membership.objects.filter(
            member=member, community__in=Community.objects.convened_by(user)
        ).exists()
    if organisation is not None:
        return Membership.objects.filter(
            member__organisation=organisation, community__in=Community.objects.convened_by(user)
        ).exists()
    return False
