"""The demo's learning report in a real browser, as a reader meets it: from the hub to the report,
through its contents to each section and its summary points, and to its PDF. It passes axe-core,
weighs under 100 KB, works with JavaScript switched off and prints as a document."""

import re

import pytest
from playwright.sync_api import expect

from demo import build as demo
from demo.content import LEARNING_REPORT
from learning.models import LearningReportPage

from .test_learning import BUDGET_BYTES, HUB, transferred

pytestmark = [
    pytest.mark.browser,
    # The live server reads committed data; serialized rollback restores the home and about
    # pages (made by a data migration) after each flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HEADINGS = [section["heading"] for section in LEARNING_REPORT["sections"]]


@pytest.fixture
def report():
    """The demo programme, its learning report published (with its PDF, once one is made)."""
    demo.load(demo.build_plan())
    return LearningReportPage.objects.live().get()


def open_from_the_hub(page, report):
    page.goto(HUB)
    page.get_by_role("link", name=report.title).click()
    expect(page.get_by_role("heading", name=report.title, level=1)).to_be_visible()


def test_a_reader_goes_from_the_hub_through_the_contents_to_each_section(
    page, report, assert_accessible
):
    open_from_the_hub(page, report)
    expect(page.get_by_text("Learning report", exact=True)).to_be_visible()
    expect(page.get_by_text("Published by the convener on")).to_be_visible()
    expect(page.get_by_role("heading", name="Executive summary", level=2)).to_be_visible()

    contents = page.get_by_role("navigation", name="Contents")
    expect(contents.get_by_role("link")).to_have_count(len(HEADINGS) + 1)  # and the conclusion
    for number, heading in enumerate(HEADINGS, start=1):
        contents.get_by_role("link", name=heading).click()
        expect(page).to_have_url(re.compile(f"#section-{number}$"))
        target = page.get_by_role("heading", name=heading, level=2)
        expect(target).to_have_attribute("id", f"section-{number}")
        expect(target).to_be_in_viewport()
        points = page.get_by_role("region", name=heading).locator(".report-points li")
        expect(points.first).to_be_visible()
        expect(points).to_have_count(len(LEARNING_REPORT["sections"][number - 1]["summary_points"]))
    contents.get_by_role("link", name="Conclusion").click()
    expect(page.get_by_role("heading", name="Conclusion", level=2)).to_be_in_viewport()

    expect(page.get_by_role("heading", name="Summary points", level=3)).to_have_count(3)
    expect(page.locator("figcaption").first).to_have_text("— a member of a care co-operative")
    organisations = page.get_by_role("table", name=re.compile("by type"))
    expect(organisations.get_by_role("columnheader")).to_have_text(
        ["Type of organisation", "Number"]
    )
    assert_accessible(page)


def test_the_report_is_light(page, report):
    size = transferred(page, report.url)
    assert size < BUDGET_BYTES, f"{report.url} took {size} bytes"
    expect(page.get_by_role("heading", level=1)).to_have_count(1)


def test_the_report_and_its_pdf_work_with_javascript_switched_off(new_context, report):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/")
    page.get_by_role("link", name="Browse all the learning").click()
    page.get_by_role("link", name=report.title).click()
    page.get_by_role("navigation", name="Contents").get_by_role("link", name=HEADINGS[-1]).click()
    expect(page).to_have_url(re.compile(f"#section-{len(HEADINGS)}$"))
    expect(page.get_by_role("heading", name=HEADINGS[-1], level=2)).to_be_in_viewport()

    assert report.pdf is not None  # made when the demo published it (learning/report_pdf.py)
    link = page.get_by_role("link", name="Download the PDF")
    size = re.compile(r"PDF, [\d.]+\s[KM]B, accessible")
    expect(page.locator(".downloads")).to_contain_text(size)
    with page.expect_download() as downloading:
        link.click()
    assert downloading.value.suggested_filename.endswith(".pdf")
    with open(downloading.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_the_report_prints_without_navigation_and_with_its_link_addresses(page, report):
    page.goto(report.url)
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    after = page.evaluate(
        """() => getComputedStyle(
            document.querySelector('.report-curated a[href]'), '::after').content"""
    )
    assert after.startswith('" (/learning/') and after.endswith(')"')
    contents = page.evaluate(
        """() => getComputedStyle(
            document.querySelector('.report-contents a[href]'), '::after').content"""
    )
    assert contents in ("none", "normal", '""')  # in-page links print no address
    breaks = page.evaluate(
        """() => getComputedStyle(document.querySelector('.report-points')).breakInside"""
    )
    assert breaks == "avoid"
