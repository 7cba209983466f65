"""A member reading their community's section, and a member of another community refused."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from ..factories import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FORBIDDEN_TEXT = "This page is for another community"


def path_of(page) -> str:
    """A Wagtail page's path on whatever host serves it (page.url may carry the site's host)."""
    return urlsplit(page.url).path


def test_member_browses_their_section_and_every_page_is_accessible(
    page, live_server, programme, assert_accessible
):
    section_path = path_of(programme.section)

    # Signed out, the section sends the member to sign in, then back where they were going.
    page.goto(section_path)
    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    page.get_by_label("Username").fill("member")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(live_server.url + section_path)
    expect(page.get_by_role("heading", name=programme.community.name, level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Latest activity")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Individual service funds (ISFs)").click()
    expect(page).to_have_url(f"{live_server.url}{section_path}themes/isfs/")
    expect(
        page.get_by_role("heading", name="Individual service funds (ISFs)", level=1)
    ).to_be_visible()
    expect(page.get_by_role("link", name="Start small with ISFs")).to_be_visible()
    assert_accessible(page)

    page.goto(section_path)
    page.get_by_role("link", name="Members' directory").click()
    expect(page.get_by_role("heading", name="Members' directory", level=1)).to_be_visible()
    expect(page.get_by_role("cell", name="Amina Okafor")).to_be_visible()
    assert_accessible(page)

    page.goto(section_path)
    page.get_by_role("link", name="Start small with ISFs").click()
    expect(page.get_by_role("heading", name="Start small with ISFs", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Non-attributed summary")).to_be_visible()
    assert_accessible(page)


def test_member_signs_in_and_reads_their_section_without_javascript(
    new_context, programme, sign_in
):
    page = new_context(java_script_enabled=False).new_page()
    section_path = path_of(programme.section)

    sign_in(page, "member", next_url=section_path)

    assert page.url.endswith(section_path)
    expect(page.get_by_role("heading", name=programme.community.name, level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Start small with ISFs")).to_be_visible()
    page.get_by_role("link", name="Members' directory").click()
    expect(page.get_by_role("cell", name="Amina Okafor")).to_be_visible()


def test_member_of_another_community_sees_403_not_a_sign_in_form(
    page, programme, sign_in, assert_accessible
):
    sign_in(page, "outsider")

    response = page.goto(path_of(programme.section))

    assert response.status == 403
    expect(page.get_by_role("heading", name=FORBIDDEN_TEXT, level=1)).to_be_visible()
    expect(page.locator("input[type=password]")).to_have_count(0)
    expect(page.get_by_text("Latest activity")).to_have_count(0)
    expect(page.get_by_text("Start small with ISFs")).to_have_count(0)
    assert_accessible(page)


def test_member_answers_the_diversity_questions(page, programme, sign_in, assert_accessible):
    sign_in(page, "member")
    page.get_by_role("link", name="Equality and diversity").click()
    expect(page.get_by_role("heading", name="Equality and diversity", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("group", name="Age").get_by_label("35 to 44").check()
    page.get_by_role("group", name="Gender").get_by_label("Prefer not to say").check()
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_text("your answers are saved")).to_be_visible()
    expect(page.get_by_role("group", name="Age").get_by_label("35 to 44")).to_be_checked()
    assert_accessible(page)
