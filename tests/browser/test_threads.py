"""A challenge thread in a real browser: a member opens it, another replies, the convener marks
the learning; forms keep what was typed when something is wrong, and pass axe-core."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from members.services import membership_add

from ..factories import MemberFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

QUESTION = "We pay providers by the hour. How did you move to **outcomes**?"


def test_members_discuss_a_thread_and_the_convener_marks_the_learning(
    new_context, programme, sign_in, assert_accessible
):
    other = MemberFactory(user=UserFactory(username="other"), display_name="Priya Shah")
    membership_add(community=programme.community, member=other)
    new_thread_path = urlsplit(programme.section.url).path + "threads/new/"

    # A member opens a thread; forgetting the theme loses nothing they typed.
    author = new_context().new_page()
    sign_in(author, "member", next_url=new_thread_path)
    expect(author.get_by_role("heading", name="Open a challenge thread", level=1)).to_be_visible()
    assert_accessible(author)
    author.get_by_label("Title").fill("Paying for outcomes in home care")
    author.get_by_label("Question").fill(QUESTION)
    author.get_by_role("button", name="Open thread").click()
    summary = author.get_by_role("alert")
    expect(summary).to_contain_text("Choose at least one theme.")
    expect(author.get_by_label("Question")).to_have_value(QUESTION)
    expect(author.get_by_label("Title")).to_have_value("Paying for outcomes in home care")
    assert_accessible(author)
    summary.get_by_role("link", name=re.compile("Choose at least one theme")).click()
    expect(author.locator("#id_themes_0")).to_be_focused()  # the first theme's box

    author.get_by_label("Individual service funds (ISFs)").check()
    author.get_by_role("button", name="Preview").click()
    expect(author.locator(".summary .prose strong")).to_have_text("outcomes")
    author.get_by_role("button", name="Open thread").click()
    expect(
        author.get_by_role("heading", name="Paying for outcomes in home care", level=1)
    ).to_be_visible()
    expect(author.get_by_text("Asked by Amina Okafor")).to_be_visible()
    thread_path = urlsplit(author.url).path
    assert_accessible(author)

    # Another member replies; an empty reply is refused with a summary, then the typed reply
    # goes through.
    replier = new_context().new_page()
    sign_in(replier, "other", next_url=thread_path)
    replier.get_by_role("button", name="Post reply").click()
    expect(replier.get_by_role("alert")).to_contain_text("Enter your reply.")
    replier.get_by_label("Your reply").fill("We started with one *ward* and an ISF.")
    replier.get_by_role("button", name="Post reply").click()
    expect(replier.get_by_text("Your reply is posted.")).to_be_visible()
    expect(replier.locator("li.card em")).to_have_text("ward")
    assert_accessible(replier)

    # The convener marks it as the learning.
    convener = new_context().new_page()
    sign_in(convener, "convener", next_url=thread_path)
    convener.get_by_role("button", name=re.compile("^Mark as the learning")).click()
    expect(convener.get_by_text("Marked as the learning by the convener")).to_be_visible()
    expect(
        convener.get_by_role("button", name=re.compile("^Unmark as the learning"))
    ).to_be_visible()
    assert_accessible(convener)
