"""The Content-Security-Policy header on every kind of page, and nothing inline for it to block.

Public and members' pages get the strict policy (config/settings/base.py): scripts and styles
from this site's own files only, no 'unsafe-inline' and no nonce, whether rendered or replayed
from the public page cache. The Wagtail admin gets its own, looser policy. The pages themselves
carry no inline script, <style>, style="" or on* handler, which the strict policy would block.
tests/browser/test_content_security_policy.py checks the same in Chromium.
"""

from __future__ import annotations

import re

import pytest
from django.db import transaction
from django.test import Client

from demo import build as demo
from demo.content import DEMO_LOGINS, DEMO_PASSWORD
from knowledge.models import (
    CaseStudy,
    ChallengeThread,
    CommunityHomePage,
    Insight,
    SessionNote,
    SharedTool,
)
from learning.models import LearningHubPage, LearningReportPage, PublicOutputPage
from learning.public_cache import public_cache_clear

pytestmark = pytest.mark.django_db  # each test in a savepoint over the module's demo

MEMBER = DEMO_LOGINS[0][1]
HEADER = "Content-Security-Policy"

_INLINE_SCRIPT_RE = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>")
_STYLE_ELEMENT_RE = re.compile(r"<style\b", re.I)
_STYLE_ATTR_RE = re.compile(r"""<[a-zA-Z][^>]*\sstyle\s*=""", re.I)
_HANDLER_ATTR_RE = re.compile(r"""<[a-zA-Z][^>]*\son[a-z]+\s*=""", re.I)
_JS_URL_RE = re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.I)


def policy(response) -> dict[str, list[str]]:
    """The header's directives: {"script-src": ["'self'"], ...}."""
    assert HEADER in response, f"no {HEADER} on {response.request['PATH_INFO']}"
    directives = {}
    for part in response[HEADER].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_strict(response, url):
    directives = policy(response)
    for name in ("script-src", "style-src"):
        assert directives.get(name) == ["'self'"], (url, name, directives.get(name))
    assert directives["default-src"] == ["'self'"], url
    assert directives["object-src"] == ["'none'"], url
    assert directives["frame-ancestors"] == ["'none'"], url
    assert "nonce-" not in response[HEADER] and "unsafe" not in response[HEADER], url


def assert_nothing_inline(response, url):
    if "html" not in response.get("Content-Type", ""):
        return
    html = response.content.decode()
    for name, pattern in [
        ("inline <script>", _INLINE_SCRIPT_RE),
        ("<style>", _STYLE_ELEMENT_RE),
        ('style=""', _STYLE_ATTR_RE),
        ("on* handler", _HANDLER_ATTR_RE),
        ("javascript: URL", _JS_URL_RE),
    ]:
        found = pattern.findall(html)
        assert not found, f"{name} on {url}: {found[:3]}"


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The demo programme, loaded once for the module, and an address of each kind of page."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo.load(demo.build_plan())
        public_cache_clear()
        hub = LearningHubPage.objects.live().public().get()
        report = LearningReportPage.objects.live().first()
        output = PublicOutputPage.objects.live().exact_type(PublicOutputPage).first()
        section = (
            CommunityHomePage.objects.live()
            .filter(community__memberships__member__user__username=MEMBER)
            .first()
        )
        public = {
            "home": "/",
            "about": "/about/",
            "hub": hub.url,
            "hub page 2": hub.url + "?page=2",
            "theme": hub.url + "themes/isfs/",
            "output": output.url,
            "report": report.url,
            "search": "/search/?q=personal+budgets",
            "empty search": "/search/",
            "sign-in": "/accounts/login/",
            "password reset": "/accounts/password_reset/",
            "not found": "/no-such-page/",
            "feed": hub.url + "feed/",
            "atom": hub.url + "feed/atom/",
            "sitemap": "/sitemap.xml",
            "api": "/api/outputs/",
            "robots": "/robots.txt",
        }
        members = {
            "section": section.url,
            "section theme": section.url + "themes/isfs/",
            "directory": section.url + "members/",
            "open a thread": section.url + "threads/new/",
            "record an insight": section.url + "insights/new/",
            "share a tool": section.url + "tools/new/",
            "consent": "/account/consent/",
            "member search": "/search/members/?q=budgets",
        }
        for model in (SessionNote, Insight, SharedTool, CaseStudy, ChallengeThread):
            members[model.__name__] = model.objects.live().child_of(section).first().url
        yield {"public": public, "members": members}
        transaction.set_rollback(True)


def test_every_public_page_has_the_strict_policy_and_nothing_inline(site):
    client = Client()
    for name, url in site["public"].items():
        response = client.get(url)
        assert response.status_code in (200, 404), (name, url, response.status_code)
        assert_strict(response, url)
        assert_nothing_inline(response, url)
        replayed = client.get(url)  # from the public page cache, when it was stored
        assert replayed[HEADER] == response[HEADER], url


def test_every_members_page_has_the_strict_policy_and_nothing_inline(site):
    client = Client()
    assert client.login(username=MEMBER, password=DEMO_PASSWORD)
    for name, url in site["members"].items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        assert_strict(response, url)
        assert_nothing_inline(response, url)


def test_a_refused_form_has_the_strict_policy_and_nothing_inline(site):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": MEMBER, "password": "x"})
    assert response.status_code == 403
    assert "Please try again" in response.content.decode()
    assert_strict(response, "/accounts/login/ without a CSRF token")
    assert_nothing_inline(response, "/accounts/login/ without a CSRF token")


def test_the_admin_has_its_own_policy_and_never_loosens_the_public_one(site):
    client = Client()
    directives = policy(client.get("/admin/login/"))
    assert "'unsafe-inline'" in directives["script-src"]
    assert directives["frame-ancestors"] == ["'self'"]  # Wagtail frames its own previews
    assert directives["object-src"] == ["'none'"]
    assert_strict(client.get("/"), "/ after the admin")
