"""The Wagtail admin sends nothing about its users to outside services: no Gravatar avatars
(whose URLs carry a hash of each user's email address), no update check."""

import hashlib
import re

import pytest
from wagtail.models import Page

from knowledge.models import HomePage

from ..factories import MemberFactory, UserFactory

EMAIL = "rachel.hughes@example.org"


@pytest.fixture
def admin_client(client, db):
    admin = UserFactory(username="admin", email=EMAIL, is_superuser=True, is_staff=True)
    client.force_login(admin)
    return client


def test_no_admin_page_links_to_gravatar(admin_client):
    member = MemberFactory(user=UserFactory(username="member", email="amina@example.org"))
    home = HomePage.objects.get()
    home.save_revision(user=member.user)  # someone else's avatar in the page's history
    hashes = [
        hashlib.md5(email.encode(), usedforsecurity=False).hexdigest()
        for email in (EMAIL, "amina@example.org")
    ]
    pages = [
        "/admin/",
        "/admin/account/",
        "/admin/users/",
        f"/admin/users/edit/{member.user.pk}/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{home.pk}/edit/",
        f"/admin/pages/{home.pk}/history/",
        f"/admin/pages/{Page.get_first_root_node().pk}/",
    ]
    for url in pages:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not re.search(r"gravatar", html, re.I), url
        assert not any(digest in html for digest in hashes), url
        assert "releases.wagtail.org" not in html, url
