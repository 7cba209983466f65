"""An anonymous visitor on the public pages, in a real browser with a keyboard."""

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    # The live server reads committed data; serialized rollback restores the home and about
    # pages (made by a data migration) after each flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("url", ["/", "/about/"])
def test_public_page_has_no_serious_accessibility_problem(page, assert_accessible, url):
    response = page.goto(url)
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


def test_skip_link_comes_first_and_moves_focus_to_main(page):
    page.goto("/")
    skip_link = page.get_by_role("link", name="Skip to main content")

    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()  # hidden until focused, then seen

    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    # The next Tab continues from the main content, not from the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")
