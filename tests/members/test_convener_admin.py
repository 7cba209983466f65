"""A convener manages membership of their own community in the admin, and of no other."""

import pytest
from django.urls import reverse

from members.models import Membership, NamingConsent

from ..factories import MemberFactory


def test_convener_may_only_choose_their_own_community(programme, client_for):
    response = client_for(programme.convener).get(reverse("wagtailsnippets_members_membership:add"))
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


def test_another_communitys_memberships_are_not_found_by_walking_ids(
    programme, client_for, other_convener
):
    theirs = Membership.objects.get(member=other_convener)
    client = client_for(programme.convener)
    for view in ("edit", "delete", "history", "usage"):
        url = reverse(f"wagtailsnippets_members_membership:{view}", args=[theirs.pk])
        assert client.get(url).status_code == 404, view
    client.post(reverse("wagtailsnippets_members_membership:delete", args=[theirs.pk]))
    client.post(
        reverse("wagtailsnippets_members_membership:edit", args=[theirs.pk]),
        {"member": other_convener.pk, "community": programme.community.pk, "role": "member"},
    )
    client.post(
        reverse("wagtail_bulk_action", args=["members", "membership", "delete"])
        + f"?id={theirs.pk}"
    )
    theirs.refresh_from_db()
    assert (theirs.community, theirs.role) == (programme.other_community, "convener")
    assert other_convener.user.has_perm("wagtailadmin.access_admin")


def test_a_convener_cannot_add_another_communitys_member_by_id(programme, client_for):
    client_for(programme.convener).post(
        reverse("wagtailsnippets_members_membership:add"),
        {"member": programme.outsider.pk, "community": programme.community.pk, "role": "member"},
    )
    assert not Membership.objects.filter(
        member=programme.outsider, community=programme.community
    ).exists()


@pytest.mark.parametrize("listing", ["member", "organisation", "membership", "namingconsent"])
def test_listings_filters_and_choosers_name_only_the_conveners_own_people(
    programme, client_for, other_convener, listing
):
    programme.outsider.organisation.name = "Valleys Care Co-op"
    programme.outsider.organisation.save()
    NamingConsent.give(
        output=programme.other_section, by=programme.outsider.user, member=programme.outsider
    )
    client = client_for(programme.convener)
    pages = [
        reverse(f"wagtailsnippets_members_{listing}:list"),
        reverse(f"wagtailsnippetchoosers_members_{listing}:choose"),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        for theirs in (
            "Tom Reilly",
            "Gareth Pryce",
            "Valleys Care Co-op",
            programme.other_community.name,
        ):
            assert theirs not in html, (url, theirs)
    assert (
        programme.member.display_name
        in client.get(reverse("wagtailsnippets_members_member:list")).content.decode()
    )
    chosen = reverse("wagtailsnippetchoosers_members_member:chosen", args=[programme.outsider.pk])
    assert client.get(chosen).status_code == 404


def test_a_consent_for_another_communitys_page_is_not_found(programme, client_for):
    consent = NamingConsent.give(
        output=programme.other_section, by=programme.outsider.user, member=programme.outsider
    )
    client = client_for(programme.convener)
    for view in ("inspect", "history"):
        url = reverse(f"wagtailsnippets_members_namingconsent:{view}", args=[consent.pk])
        assert client.get(url).status_code == 404, view


def test_a_session_notes_editor_keeps_its_attendees_and_offers_no_outsider(programme, client_for):
    session = programme.pages["session"]
    session.attendees.add(programme.member)
    programme.publish(session)
    response = client_for(programme.convener).get(
        reverse("wagtailadmin_pages:edit", args=[session.pk])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert programme.member.display_name in html
    assert programme.outsider.display_name not in html
