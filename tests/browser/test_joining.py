"""An applicant checks they may apply, starts, fills a section and submits with answers missing
(told which, with links); a convener reviews it in the admin. Each page passes axe-core."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_applicant_applies_and_the_convener_reviews(
    page, new_context, programme, sign_in, assert_accessible
):
    community = programme.community
    community.applications_open_at = timezone.now() - datetime.timedelta(days=1)
    community.applications_close_at = timezone.now() + datetime.timedelta(days=7)
    community.save()

    page.goto(f"/join/{community.slug}/")
    expect(page.get_by_role("heading", name=f"Apply to join {community.name}")).to_be_visible()
    assert_accessible(page)
    for question, answer in [
        ("Is your organisation based in England?", "Yes"),
        ("Who are you applying for?", "An organisation"),
        ("Is your organisation's sole purpose the advancement of religion?", "No"),
        ("Does your organisation have a charitable purpose?", "No"),
        ("Does your organisation deliver health or social care services now?", "Yes"),
    ]:
        page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()
    page.get_by_label("Your name").fill("Grace Mensah")
    page.get_by_label("Your email address").fill("grace@northfield-care.coop")
    page.get_by_role("button", name="Start my application").click()
    expect(page.get_by_role("heading", name="Your organisation cannot apply")).to_be_visible()
    assert_accessible(page)

    page.get_by_role(
        "group", name="Does your organisation have a charitable purpose?"
    ).get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Start my application").click()
    expect(page.get_by_role("heading", name="About you", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your role in the organisation").fill("Co-ordinator")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="About your organisation", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=f"Your application to {community.name}").click()
    page.get_by_role("button", name="Submit my application").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="About your organisation: Its name").click()
    expect(page.get_by_label("Its name")).to_be_visible()
    assert urlsplit(page.url).fragment == "id_organisation_name"

    # The convener's review, once it is submitted.
    from members.models import Application

    Application.objects.update(status="submitted", submitted_at=timezone.now())
    convener = new_context().new_page()
    sign_in(convener, "convener", next_url="/admin/applications/")
    expect(convener.get_by_role("heading", name="Applications")).to_be_visible()
    convener.get_by_role("link", name="(no name given)").click()
    expect(convener.get_by_role("heading", name="Scores")).to_be_visible()
