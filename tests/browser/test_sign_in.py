"""Signing in, typed as a member would: a wrong password first, then the right one."""

import pytest
from playwright.sync_api import expect

from ..factories import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_wrong_password_then_right_one_lands_on_your_communities(
    page, live_server, programme, assert_accessible
):
    page.goto("/")
    page.get_by_role("link", name="Members: sign in").click()
    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()

    username = page.get_by_label("Username")
    password = page.get_by_label("Password")
    username.click()
    page.keyboard.type("member")
    page.keyboard.press("Tab")
    expect(password).to_be_focused()
    page.keyboard.type("not-the-password")
    page.keyboard.press("Enter")

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("enter a correct username and password")
    expect(username).to_have_value("member")  # kept, so only the password is typed again
    expect(password).to_have_value("")
    assert_accessible(page)

    password.click()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    expect(page).to_have_url(live_server.url + "/")
    expect(page.get_by_role("heading", name="Your communities")).to_be_visible()
    expect(page.get_by_role("link", name=programme.community.name).first).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    # A member's home page never lists a community they do not belong to.
    expect(page.get_by_text(programme.other_community.name)).to_have_count(0)
