"""Writes that keep communities, memberships, groups and access in step.

Group membership is derived data: Membership rows are the truth and user_sync_groups recomputes a
user's community groups from them, so no code path has to remember to add or remove a group.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PageViewRestriction,
    Site,
)

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


def outputs_within(communities, *, unpublished_outside: bool = True):
    """The pages a naming consent may be for, seen from these communities: the pages inside
    their sections (live or draft), and the pages outside every community's section (the public
    site), never a site's root or home page. Another community's pages are never among them.

    With unpublished_outside=False, a page outside every section counts only once it has passed
    the gate: live and under no view restriction. Until then its title (often copied from one
    community's thread) is members-only, so it is not listed to members of every community."""
    sections = dict(
        Community.objects.filter(section__isnull=False).values_list("pk", "section__path")
    )
    own = set(communities.filter(section__isnull=False).values_list("pk", flat=True))
    outside_every_section = Q(depth__gt=1)
    inside_own_sections = Q(pk__in=[])
    for community_id, path in sections.items():
        outside_every_section &= ~Q(path__startswith=path)
        if community_id in own:
            inside_own_sections |= Q(path__startswith=path, depth__gt=len(path) // Page.steplen)
    if not unpublished_outside:
        outside_every_section &= Q(live=True)
        for restricted in PageViewRestriction.objects.values_list("page__path", flat=True):
            outside_every_section &= ~Q(path__startswith=restricted)
    return (
        Page.objects.filter(depth__gt=1)
        .exclude(pk__in=Site.objects.values("root_page"))
        .filter(outside_every_section | inside_own_sections)
        .order_by("path")
    )


def outputs_open_to(member: Member):
    """The pages a member may consent to be named in: their own communities' pages, and public
    pages that have passed the gate (never a draft outside the sections: see outputs_within)."""
    return outputs_within(
        Community.objects.filter(memberships__member=member), unpublished_outside=False
    )


def outputs_recordable_by(user):
    """The pages a convener may record an organisation's consent for: those of the communities
    they convene, and public ones, drafts included, since consent is recorded before the page
    goes through the gate (site admins: every page)."""
    return outputs_within(Community.objects.convened_by(user))


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


def organisations_recordable_by(user):
    """The organisations whose consent this user may record (see may_record_consent)."""
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(
        members__memberships__community__in=Community.objects.convened_by(user)
    ).distinct()


def page_ids_viewable(request, pages) -> set[int]:
    """Which of these pages the request's user may open: live, and let through by every view
    restriction on the page or its ancestors (a community's section, a password, a login)."""
    live = [page for page in pages if page.live]
    if not live:
        return set()
    ancestor_paths = {
        page.path[:end]
        for page in live
        for end in range(Page.steplen, len(page.path) + 1, Page.steplen)
    }
    restrictions = (
        PageViewRestriction.objects.filter(page__path__in=ancestor_paths)
        .select_related("page")
        .prefetch_related("groups")
    )
    # Each restriction is judged once, however many pages sit under it.
    refused = [r.page.path for r in restrictions if not r.accept_request(request)]
    return {page.pk for page in live if not any(page.path.startswith(p) for p in refused)}
