"""Writes that keep communities, memberships, groups and access in step.

Group membership is derived data: Membership rows are the truth and user_sync_groups recomputes a
user's community groups from them, so no code path has to remember to add or remove a group.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from wagtail.actions.create import CreateAction
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)

from .mail import send_after_commit
from .models import (
    CONVENERS,
    GUEST_CONTRIBUTORS,
    MEMBERS,
    SITE_ADMINS,
    Community,
    Member,
    Membership,
    Organisation,
)

ROLE_GROUP_FOR_MEMBERSHIP = {
    Membership.Role.MEMBER: MEMBERS,
    Membership.Role.CONVENER: CONVENERS,
    Membership.Role.GUEST: GUEST_CONTRIBUTORS,
}

# What each role may do beyond reading its communities' sections. Members and guest
# contributors work on the front end only; conveners use the Wagtail admin for their
# communities (page rights come per community, see community_section_grant_conveners).
ROLE_PERMISSIONS = {
    MEMBERS: [],
    GUEST_CONTRIBUTORS: [],
    CONVENERS: [
        "wagtailadmin.access_admin",
        "themes.add_theme",
        "themes.change_theme",
        "themes.add_glossaryterm",
        "themes.change_glossaryterm",
        "themes.delete_glossaryterm",
        "members.view_community",
        "members.view_member",
        "members.add_membership",
        "members.change_membership",
        "members.delete_membership",
        "members.view_membership",
        "members.view_organisation",
        "members.add_publiccontact",
        "members.change_publiccontact",
        "members.delete_publiccontact",
        "members.view_publiccontact",
        "members.add_namingconsent",
        "members.view_namingconsent",
    ],
    SITE_ADMINS: [
        "wagtailadmin.access_admin",
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.view_user",
        "auth.add_group",
        "auth.change_group",
        "auth.view_group",
        "wagtailcore.add_collection",
        "wagtailcore.change_collection",
        "wagtailcore.view_collection",
        "themes.add_theme",
        "themes.change_theme",
        "themes.delete_theme",
        "themes.add_glossaryterm",
        "themes.change_glossaryterm",
        "themes.delete_glossaryterm",
        *(
            f"members.{action}_{model}"
            for model in ("community", "member", "membership", "organisation", "publiccontact")
            for action in ("add", "change", "delete", "view")
        ),
        "members.add_namingconsent",
        "members.view_namingconsent",
        "members.view_outboxemail",  # and send again what failed (admin: Settings > Outbox)
    ],
}
PAGE_PERMISSIONS_FOR_CONVENERS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
]
DOCUMENT_PERMISSIONS_FOR_CONVENERS = ["add_document", "change_document", "choose_document"]


def _permission(codename: str) -> Permission:
    app_label, perm = codename.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=perm)


def roles_ensure() -> None:
    """Create the four role groups with their permissions. Idempotent; runs after migrate."""
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set([_permission(codename) for codename in codenames])
    site_admins = Group.objects.get(name=SITE_ADMINS)
    root = Page.get_first_root_node()
    if root:
        for codename in PAGE_PERMISSIONS_FOR_CONVENERS + ["delete_page"]:
            GroupPagePermission.objects.get_or_create(
                group=site_admins, page=root, permission=_permission(f"wagtailcore.{codename}")
            )
    root_collection = Collection.get_first_root_node()
    if root_collection:
        for codename in DOCUMENT_PERMISSIONS_FOR_CONVENERS + ["delete_document"]:
            GroupCollectionPermission.objects.get_or_create(
                group=site_admins,
                collection=root_collection,
                permission=_permission(f"wagtaildocs.{codename}"),
            )


def community_provision_access(*, community: Community) -> None:
    """Give a new community its reader and convener groups and its private documents collection.

    The collection is restricted to the readers group, so a file shared in the community is
    served only through Wagtail's permission-checked document view, to that community.
    """
    community.readers_group = Group.objects.create(name=f"{community.name}: members")
    community.conveners_group = Group.objects.create(name=f"{community.name}: conveners")
    collection = Collection.get_first_root_node().add_child(name=f"{community.name} (members only)")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([community.readers_group])
    for codename in DOCUMENT_PERMISSIONS_FOR_CONVENERS:
        GroupCollectionPermission.objects.create(
            group=community.conveners_group,
            collection=collection,
            permission=_permission(f"wagtaildocs.{codename}"),
        )
    community.documents_collection = collection


@transaction.atomic
def community_create(*, community: Community) -> Community:
    """Save a new community with its groups and private collection, or neither."""
    community_provision_access(community=community)
    community.save()
    return community


class CommunityCreateAction(CreateAction):
    """The admin's "Add community": Wagtail's own create (form, history), provisioning first."""

    def _save_instance(self):
        community_provision_access(community=self.instance)  # in the action's transaction
        super()._save_instance()


def community_section_grant_conveners(*, community: Community, section: Page) -> None:
    """Let the community's conveners edit and publish within its section only."""
    for codename in PAGE_PERMISSIONS_FOR_CONVENERS:
        GroupPagePermission.objects.get_or_create(
            group=community.conveners_group,
            page=section,
            permission=_permission(f"wagtailcore.{codename}"),
        )


def user_sync_groups(user) -> None:
    """Recompute a user's community and role groups from their memberships."""
    managed = Group.objects.filter(community_readers__isnull=False) | Group.objects.filter(
        community_conveners__isnull=False
    )
    managed_ids = set(managed.values_list("id", flat=True)) | set(
        Group.objects.filter(name__in=ROLE_GROUP_FOR_MEMBERSHIP.values()).values_list(
            "id", flat=True
        )
    )
    wanted: set[int] = set()
    memberships = Membership.objects.filter(member__user=user).select_related("community")
    role_names = set()
    for membership in memberships:
        wanted.add(membership.community.readers_group_id)
        if membership.role == Membership.Role.CONVENER:
            wanted.add(membership.community.conveners_group_id)
        role_names.add(ROLE_GROUP_FOR_MEMBERSHIP[membership.role])
    wanted |= set(Group.objects.filter(name__in=role_names).values_list("id", flat=True))
    with transaction.atomic():
        current = set(user.groups.values_list("id", flat=True))
        user.groups.remove(*((current & managed_ids) - wanted))
        user.groups.add(*(wanted - current))


@transaction.atomic
def membership_add(*, community: Community, member, role: str = Membership.Role.MEMBER):
    """Add a member to a community (or change their role there)."""
    membership, _ = Membership.objects.update_or_create(
        community=community, member=member, defaults={"role": role}
    )
    return membership


# Invitations -------------------------------------------------------------------------------

INVITATION_SALT = "practice-commons.invitation"


class InvitationRefused(Exception):
    """The invitation cannot be made; the message says why, to the convener."""


def invitation_token(user) -> str:
    """A signed link token for setting a first password: it names the account and the password
    it had when sent, so it stops working once a password is set (or after
    INVITATION_MAX_AGE)."""
    return signing.dumps([user.pk, user.password[-16:]], salt=INVITATION_SALT, compress=True)


def invitation_user(token: str):
    """The account an invitation token is for, or None: tampered, expired or already used."""
    try:
        pk, fingerprint = signing.loads(
            token, salt=INVITATION_SALT, max_age=settings.INVITATION_MAX_AGE
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None
    user = get_user_model().objects.filter(pk=pk, is_active=True).select_related("member").first()
    if user is None or user.password[-16:] != fingerprint or user.has_usable_password():
        return None
    return user


@transaction.atomic
def member_invite(
    *,
    community: Community,
    by,
    name: str,
    email: str,
    organisation_name: str = "",
    organisation_type: str = Organisation.Type.OTHER,
    role_in_organisation: str = "",
    role: str = Membership.Role.MEMBER,
) -> Member:
    """A convener invites someone to their community in one step: the account, the member, the
    membership and an email with a link to set a password. Any email address will do: the
    convener's invitation is the check. Someone who already has an account is added to the
    community and told so, with a link to sign in."""
    if not community.is_convened_by(by):
        raise PermissionDenied("Only the community's conveners can invite people to it.")
    email = get_user_model().objects.normalize_email(email).strip()
    user = get_user_model().objects.filter(email__iexact=email).select_related("member").first()
    member = getattr(user, "member", None) if user is not None else None
    if user is not None and member is None:
        raise InvitationRefused(
            "That email address belongs to an administrator's account: ask a site admin."
        )
    if Membership.objects.filter(community=community, member=member).exists():
        raise InvitationRefused(f"{member.display_name} is already in {community.name}.")
    new = member is None
    if new:
        organisation = None
        if organisation_name.strip():
            # The same name is the same organisation; the convener is told nothing either way.
            organisation, _ = Organisation.objects.get_or_create(
                name__iexact=organisation_name.strip(),
                defaults={"name": organisation_name.strip(), "type": organisation_type},
            )
        member = account_create(
            name=name,
            email=email,
            organisation=organisation,
            role_in_organisation=role_in_organisation,
        )
    membership_add(community=community, member=member, role=role)
    send_after_commit([invitation_email(member, community, by=by, new=new)])
    return member


def account_create(*, name, email, organisation=None, role_in_organisation="") -> Member:
    """A new person's account and member record, with no password until they choose one by the
    link in their invitation (invitation_token)."""
    user = get_user_model().objects.create_user(username=email.lower(), email=email)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return Member.objects.create(
        user=user,
        display_name=name.strip(),
        organisation=organisation,
        role_in_organisation=role_in_organisation.strip(),
    )


def invitation_email(
    member: Member, community: Community, *, by, new: bool, note: str = ""
) -> EmailMessage:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    inviter = getattr(getattr(by, "member", None), "display_name", None) or "A convener"
    role = Membership.objects.get(community=community, member=member).get_role_display().lower()
    if new:
        link = base + reverse("members:invitation", args=[invitation_token(member.user)])
        days = settings.INVITATION_MAX_AGE // (24 * 60 * 60)
        action = (
            f"To accept, choose a password here (the link works once, for {days} days):\n\n"
            f"{link}\n\nYou will sign in with this email address."
        )
    else:
        link = base + reverse("login")
        action = f"Sign in as usual to find it among your communities:\n\n{link}"
    body = (
        f"Hello {member.display_name},\n\n{inviter} has invited you to {community.name} on "
        f"Practice Commons, as a {role}.\n\n{note.strip() + chr(10) * 2 if note.strip() else ''}"
        f"{action}\n\n"
        "If you were not expecting this, you can ignore it."
    )
    return EmailMessage(
        f"You are invited to {community.name}",
        body,
        settings.DEFAULT_FROM_EMAIL,
        [member.user.email],
    )
