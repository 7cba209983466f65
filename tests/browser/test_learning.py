"""The public learning pages in a real browser, as the wider sector meets them: the demo's hub, a
theme page, an output with a download and the information pages. Each passes axe-core, weighs
under 100 KB, works with JavaScript switched off and prints as a document."""

import pytest
from playwright.sync_api import expect

from demo import build as demo
from learning.models import PublicOutputPage

pytestmark = [
    pytest.mark.browser,
    # The live server reads committed data; serialized rollback restores the home and about
    # pages (made by a data migration) after each flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# What one public page may cost a reader, everything it loads included.
BUDGET_BYTES = 100 * 1024
HUB = "/learning/"


@pytest.fixture
def learning():
    """The demo programme, its public side included: the hub, 18 outputs, the about pages."""
    demo.load(demo.build_plan())
    tool = PublicOutputPage.objects.live().get(kind=PublicOutputPage.Kind.SHARED_TOOL)
    return {
        "hub": HUB,
        "theme": f"{HUB}themes/isfs/",
        "tool": tool.url,
        "about": "/about/",
        "accessibility": "/accessibility/",
        "privacy": "/privacy/",
    }


def transferred(page, url) -> int:
    """Load `url` and return the bytes it took: every response's headers and body."""
    responses = []

    def record(response):
        responses.append(response)

    page.on("response", record)
    response = page.goto(url, wait_until="load")
    assert response.status == 200, url
    page.remove_listener("response", record)
    total = 0
    for item in responses:
        sizes = item.request.sizes()
        total += sizes["responseHeadersSize"] + max(sizes["responseBodySize"], 0)
    return total


@pytest.mark.parametrize("name", ["hub", "theme", "tool", "about", "accessibility", "privacy"])
def test_public_pages_are_accessible_and_light(page, learning, assert_accessible, name):
    size = transferred(page, learning[name])
    assert size < BUDGET_BYTES, f"{learning[name]} took {size} bytes"
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.get_by_role("main")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    expect(page.get_by_role("contentinfo")).to_be_visible()
    assert_accessible(page)


def test_a_reader_finds_learning_with_javascript_switched_off(new_context, learning):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/")
    page.get_by_role("link", name="Browse all the learning").click()
    expect(page.get_by_role("heading", name="Learning from the programme", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="RSS feed")).to_have_attribute("href", "/learning/feed/")

    # By theme, newest first, to one output and its download.
    page.locator(".theme-list").get_by_role("link", name="Individual service funds (ISFs)").click()
    expect(
        page.get_by_role("heading", name="Individual service funds (ISFs)", level=1)
    ).to_be_visible()
    page.get_by_role("link", name="Model contract clauses for individual service funds").click()
    expect(page.get_by_text("Published by the convener on")).to_be_visible()
    download = page.get_by_role("link", name="Individual service fund model contract clauses")
    with page.expect_download() as downloading:
        download.click()
    assert downloading.value.suggested_filename.endswith(".txt")
    expect(page.get_by_role("link", name="CC BY-SA 4.0").first).to_have_attribute(
        "href", "https://creativecommons.org/licenses/by-sa/4.0/"
    )

    # Back up the breadcrumb trail to every output.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Learning").click()
    expect(page.locator(".card")).to_have_count(PublicOutputPage.objects.live().count())


def test_an_output_prints_without_navigation_and_with_its_link_addresses(page, learning):
    page.goto(learning["tool"])
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    after = page.evaluate(
        """() => getComputedStyle(
            document.querySelector('.downloads a[href]'), '::after').content"""
    )
    assert after.startswith('" (/documents/') and after.endswith(')"')
