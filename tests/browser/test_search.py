"""The search pages in a real browser, as a reader with a keyboard meets them: a labelled box,
the count announced, facets and sorting usable without a mouse or JavaScript, and axe-core."""

import pytest
from playwright.sync_api import expect

from demo import build as demo

pytestmark = [
    pytest.mark.browser,
    # The live server reads committed data; serialized rollback restores the home and about
    # pages (made by a data migration) after each flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def learning():
    demo.load(demo.build_plan())  # indexes its pages as it loads them


def test_a_reader_searches_with_the_keyboard_and_refines_by_theme(
    page, learning, assert_accessible
):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    box = page.get_by_role("searchbox", name="Search the published learning")
    box.fill("ISF")
    box.press("Enter")

    status = page.get_by_role("status")
    expect(status).to_contain_text("most relevant first")
    expect(page.get_by_role("heading", name="Results")).to_be_visible()
    expect(box).to_have_value("ISF")
    assert_accessible(page)

    # Refine by a theme, from the keyboard alone.
    themes = page.get_by_role("navigation", name="Theme")
    first = themes.get_by_role("link").first
    first.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("navigation", name="Theme").locator("[aria-current]")).to_have_count(1)
    expect(page.get_by_role("status")).to_contain_text("with the filters chosen")
    assert_accessible(page)


def test_search_works_with_javascript_switched_off(new_context, learning):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/search/?q=home+care")
    expect(page.get_by_role("status")).to_contain_text("result")
    page.get_by_role("navigation", name="Sort").get_by_role("link", name="Newest first").click()
    expect(page.get_by_role("status")).to_contain_text("newest first")


def test_an_empty_search_says_what_to_do(page, assert_accessible):
    page.goto("/search/?q=")
    expect(page.get_by_role("status")).to_contain_text("Type a word or two")
    assert_accessible(page)
