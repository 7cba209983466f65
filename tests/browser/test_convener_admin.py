"""The demo's two conveners, each in the admin in a real browser, looking for the other's
community: in the member listing, the member chooser and the page chooser. Neither finds it."""

import re

import pytest
from playwright.sync_api import expect

from demo import build as demo
from demo.content import DEMO_PASSWORD
from knowledge.models import CommunityHomePage
from members.models import Member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CONVENERS = {"sian.llewellyn": "daniel.mensah", "daniel.mensah": "sian.llewellyn"}


def only_in_community_of(username):
    """A member of this convener's community, and of no other, and a page title of theirs."""
    section = CommunityHomePage.objects.get(
        community__memberships__member__user__username=username,
        community__memberships__role="convener",
    )
    member = (
        Member.objects.filter(memberships__community=section.community, memberships__role="member")
        .exclude(
            memberships__community__in=type(section.community).objects.exclude(
                pk=section.community_id
            )
        )
        .order_by("display_name")
        .first()
    )
    page = section.get_descendants().live().exclude(title__icontains="members").last()
    return member.display_name, page.title


@pytest.fixture
def conveners():
    demo.load(demo.build_plan())
    return {username: only_in_community_of(username) for username in CONVENERS}


def admin_sign_in(page, username):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


@pytest.mark.parametrize("username", list(CONVENERS))
def test_a_convener_finds_nothing_of_the_other_community_in_the_admin(
    new_context, conveners, username
):
    own_member, own_page = conveners[username]
    their_member, their_page = conveners[CONVENERS[username]]
    page = new_context().new_page()
    admin_sign_in(page, username)

    page.goto("/admin/snippets/members/member/")
    expect(page.get_by_text(own_member).first).to_be_visible()
    expect(page.get_by_text(their_member)).to_have_count(0)
    page.goto(f"/admin/snippets/members/member/?q={their_member.split()[0]}")
    expect(page.get_by_text(their_member)).to_have_count(0)

    # Adding a membership: the member chooser offers their own people, never the others'.
    page.goto("/admin/snippets/members/membership/add/")
    page.get_by_role("button", name=re.compile("Choose member", re.I)).click()
    modal = page.get_by_role("dialog")
    expect(modal.get_by_text(own_member)).to_be_visible()
    expect(modal.get_by_text(their_member)).to_have_count(0)

    # Recording a consent: the page chooser searches their own pages, never the others'.
    page.goto("/admin/snippets/members/namingconsent/add/")
    page.get_by_role("button", name=re.compile("Choose a page", re.I)).click()
    modal = page.get_by_role("dialog")
    search = modal.get_by_role("textbox", name=re.compile("Search", re.I))
    search.fill(own_page)
    expect(modal.get_by_text(own_page).first).to_be_visible()
    search.fill(their_page)
    expect(modal.get_by_text(re.compile(r"There are 0 matches", re.I))).to_be_visible()
    expect(modal.get_by_text(their_page)).to_have_count(0)
