"""A convener manages membership of their own community in the admin, and of no other."""

from django.urls import reverse

from members.models import Membership

from ..factories import MemberFactory


def test_convener_may_only_choose_their_own_community(programme, client_for):
    response = client_for(programme.convener).get(
        reverse("wagtailsnippets_members_membership:add")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f">{programme.community.name}<" in html
    assert programme.other_community.name not in html


def test_convener_cannot_add_anyone_to_another_community(programme, client_for):
    newcomer = MemberFactory(display_name="Priya Natarajan")
    response = client_for(programme.convener).post(
        reverse("wagtailsnippets_members_membership:add"),
        {"member": newcomer.pk, "community": programme.other_community.pk, "role": "convener"},
    )
    assert response.status_code == 200  # the form again, with an error
    assert not Membership.objects.filter(member=newcomer).exists()
    assert not newcomer.user.groups.filter(pk=programme.other_community.readers_group_id).exists()


def test_convener_lists_only_their_communitys_memberships(programme, client_for):
    response = client_for(programme.convener).get(
        reverse("wagtailsnippets_members_membership:list")
    )
    html = response.content.decode()
    assert programme.member.display_name in html
    assert programme.outsider.display_name not in html


def test_convener_adds_a_member_who_can_then_read_the_section(programme, client_for):
    newcomer = MemberFactory(display_name="Priya Natarajan")
    client_for(programme.convener).post(
        reverse("wagtailsnippets_members_membership:add"),
        {"member": newcomer.pk, "community": programme.community.pk, "role": "member"},
    )
    assert Membership.objects.filter(member=newcomer, community=programme.community).exists()
    client_for(newcomer)
    assert client_for(newcomer).get(programme.section.url).status_code == 200
