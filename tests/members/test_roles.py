"""Roles: memberships decide each person's groups, and the groups decide what they may do."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import ModelLogEntry

from members.models import (
    CONVENERS,
    GUEST_CONTRIBUTORS,
    MEMBERS,
    SITE_ADMINS,
    Community,
    Membership,
)
from members.services import membership_add

from ..factories import MemberFactory


def _fresh(user):
    """The user as a new request would see them (Django caches permissions on the object)."""
    return get_user_model().objects.get(pk=user.pk)


def _group_ids(user):
    return set(user.groups.values_list("id", flat=True))


def test_the_four_role_groups_exist_after_migrate(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Members", "Conveners", "Guest contributors", "Site admins"} <= names
    assert {MEMBERS, CONVENERS, GUEST_CONTRIBUTORS, SITE_ADMINS} <= names


def test_adding_a_member_gives_them_the_readers_and_members_groups(programme, client_for):
    newcomer = MemberFactory()
    client = client_for(newcomer)
    assert client.get(programme.section.url).status_code == 403

    membership_add(community=programme.community, member=newcomer)

    groups = _group_ids(newcomer.user)
    assert programme.community.readers_group_id in groups
    assert Group.objects.get(name=MEMBERS).id in groups
    assert programme.community.conveners_group_id not in groups
    assert client.get(programme.section.url).status_code == 200


def test_a_member_has_no_admin_access(programme, client_for):
    user = _fresh(programme.member.user)
    assert not user.has_perm("wagtailadmin.access_admin")
    response = client_for(programme.member).get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_a_convener_gets_the_conveners_group_and_admin_access(programme, client_for):
    user = _fresh(programme.convener.user)
    groups = _group_ids(user)
    assert programme.community.conveners_group_id in groups
    assert programme.community.readers_group_id in groups
    assert Group.objects.get(name=CONVENERS).id in groups
    assert user.has_perm("wagtailadmin.access_admin")
    assert client_for(programme.convener).get(reverse("wagtailadmin_home")).status_code == 200


def test_a_convener_edits_and_publishes_their_section_only(programme):
    user = _fresh(programme.convener.user)
    own = [programme.section, *programme.pages.values()]
    for page in own:
        perms = page.permissions_for_user(user)
        assert perms.can_edit(), page
        assert perms.can_publish(), page
    assert programme.section.permissions_for_user(user).can_add_subpage()

    other = [programme.other_section, programme.home]
    for page in other:
        assert not page.permissions_for_user(user).can_edit(), page
    assert not programme.other_section.permissions_for_user(user).can_add_subpage()


def test_a_convener_cannot_open_another_sections_editor(programme, client_for):
    client = client_for(programme.convener)
    own = client.get(reverse("wagtailadmin_pages:edit", args=[programme.pages["insight"].id]))
    other = client.get(reverse("wagtailadmin_pages:edit", args=[programme.other_section.id]))
    assert own.status_code == 200
    assert other.status_code == 302  # Wagtail: "Sorry, you do not have permission..."


def test_removing_a_membership_removes_the_community_groups(programme, client_for):
    Membership.objects.get(member=programme.convener, community=programme.community).delete()
    user = _fresh(programme.convener.user)
    groups = _group_ids(user)
    assert programme.community.readers_group_id not in groups
    assert programme.community.conveners_group_id not in groups
    assert Group.objects.get(name=CONVENERS).id not in groups
    assert not user.has_perm("wagtailadmin.access_admin")
    assert client_for(programme.convener).get(programme.section.url).status_code == 403


def test_changing_role_from_convener_to_member_removes_convener_rights(programme):
    membership_add(
        community=programme.community, member=programme.convener, role=Membership.Role.MEMBER
    )
    user = _fresh(programme.convener.user)
    groups = _group_ids(user)
    assert programme.community.readers_group_id in groups
    assert programme.community.conveners_group_id not in groups
    assert Group.objects.get(name=CONVENERS).id not in groups
    assert Group.objects.get(name=MEMBERS).id in groups
    assert not user.has_perm("wagtailadmin.access_admin")
    assert not programme.pages["insight"].permissions_for_user(user).can_edit()


def test_changing_role_in_the_admin_form_also_syncs_groups(programme, admin_client):
    membership = Membership.objects.get(member=programme.convener, community=programme.community)
    response = admin_client.post(
        reverse("wagtailsnippets_members_membership:edit", args=[membership.pk]),
        {
            "member": programme.convener.pk,
            "community": programme.community.pk,
            "role": Membership.Role.MEMBER,
        },
    )
    assert response.status_code == 302
    assert programme.community.conveners_group_id not in _group_ids(programme.convener.user)


def test_a_guest_contributor_reads_the_section(programme, client_for):
    guest = MemberFactory(display_name="Visiting Speaker")
    membership_add(community=programme.community, member=guest, role=Membership.Role.GUEST)
    user = _fresh(guest.user)
    assert Group.objects.get(name=GUEST_CONTRIBUTORS).id in _group_ids(user)
    assert not user.has_perm("wagtailadmin.access_admin")
    assert client_for(guest).get(programme.section.url).status_code == 200


def test_a_member_of_two_communities_sees_both(programme, client_for):
    membership_add(community=programme.other_community, member=programme.member)
    client = client_for(programme.member)
    response = client.get("/")
    html = response.content.decode()
    nav = html.split('<nav aria-label="Main">', 1)[1].split("</nav>", 1)[0]
    for section in (programme.section, programme.other_section):
        assert f'href="{section.url}"' in nav
    assert [c.name for c in response.context["communities"]] == [
        programme.community.name,
        programme.other_community.name,
    ]
    assert client.get(programme.other_section.url).status_code == 200


def test_a_member_sees_only_their_own_community(programme, client_for):
    html = client_for(programme.member).get("/").content.decode()
    assert programme.community.name in html
    assert programme.other_community.name not in html


def test_a_convener_can_edit_themes_and_glossary(programme, client_for):
    user = _fresh(programme.convener.user)
    for perm in ("themes.change_theme", "themes.add_theme", "themes.change_glossaryterm"):
        assert user.has_perm(perm), perm
    member = _fresh(programme.member.user)
    assert not member.has_perm("themes.change_theme")
    response = client_for(programme.convener).get(reverse("wagtailsnippets_themes_theme:list"))
    assert response.status_code == 200
    assert "Commissioning" in response.content.decode()


def test_a_community_added_in_the_admin_gets_its_groups_and_private_collection(db, admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_members_community:add"),
        {
            "name": "Shared Lives Circle",
            "slug": "shared-lives",
            "domain": "Shared Lives schemes",
            "start_date": "2026-01-01",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    community = Community.objects.get(slug="shared-lives")
    assert community.readers_group.name == "Shared Lives Circle: members"
    assert community.conveners_group.name == "Shared Lives Circle: conveners"
    restriction = community.documents_collection.get_view_restrictions().get()
    assert list(restriction.groups.all()) == [community.readers_group]
    assert ModelLogEntry.objects.for_instance(community).filter(action="wagtail.create").exists()
