"""A convener invites someone from the members' directory; the invitee follows the emailed link,
chooses a password and is signed in to the community. Both pages pass axe-core."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_convener_invites_someone_who_accepts(
    page, new_context, live_server, programme, sign_in, assert_accessible
):
    section_path = urlsplit(programme.section.url).path
    sign_in(page, "convener", next_url=section_path + "members/")
    page.get_by_role("link", name="Invite someone").click()
    expect(
        page.get_by_role("heading", name=f"Invite someone to {programme.community.name}")
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Send the invitation").click()  # nothing filled in
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Their name").fill("Grace Mensah")
    page.get_by_label("Their email address").fill("grace@northfield-care.coop")
    page.get_by_label("Their organisation").fill("Northfield Care Co-op")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("Grace Mensah is invited")).to_be_visible()
    expect(page.get_by_role("cell", name="Grace Mensah")).to_be_visible()

    link = re.search(r"/account/invitation/\S+/", mail.outbox[-1].body).group(0)
    invitee = new_context().new_page()
    invitee.goto(link)
    expect(invitee.get_by_role("heading", name="Welcome, Grace Mensah")).to_be_visible()
    assert_accessible(invitee)
    invitee.get_by_label("New password", exact=True).fill("a long ISF ledger")
    invitee.get_by_label("New password confirmation").fill("a long ISF ledger")
    invitee.get_by_role("button", name="Set my password and sign in").click()
    expect(invitee.get_by_text("your password is set")).to_be_visible()
    invitee.goto(section_path)
    expect(invitee.get_by_role("heading", name=programme.community.name, level=1)).to_be_visible()
