"""The Content-Security-Policy in Chromium: nothing on the public pages, the members' pages or
the Wagtail admin's page editor is blocked by it.

Chromium reports each blocked script, style or handler as a console error and as a
`securitypolicyviolation` event; both are collected on every page (the listener goes in before
the page's own scripts, outside its policy). The first test makes sure a violation is caught.
"""

import pytest
from playwright.sync_api import expect

from demo import build as demo
from demo.content import DEMO_LOGINS, DEMO_PASSWORD, SITE_ADMIN
from knowledge.models import AboutPage, ChallengeThread, CommunityHomePage, Insight
from learning.models import LearningHubPage, LearningReportPage, PublicOutputPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MEMBER = DEMO_LOGINS[0][1]
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


class Violations:
    """The CSP violations a tab reports, in its console and as events, page by page."""

    def __init__(self, page):
        self.page = page
        self.console: list[str] = []
        page.add_init_script(LISTEN)
        page.on("console", self._console)

    def _console(self, message):
        if message.type == "error" and "Content Security Policy" in message.text:
            self.console.append(message.text)

    def on(self, url: str, ready=None, *, strict: bool = True) -> list[str]:
        """Open `url` (under the strict policy, or the admin's), wait until it is ready, and
        return what the policy blocked there."""
        self.console.clear()
        response = self.page.goto(url)
        assert response is not None and response.status == 200, url
        policy = response.headers.get("content-security-policy", "")
        assert "script-src 'self'" in policy, (url, policy)
        assert ("unsafe-inline" not in policy) == strict, (url, policy)
        if ready is not None:
            expect(ready(self.page)).to_be_visible()
        return self.now()

    def now(self) -> list[str]:
        """What the policy has blocked on this page so far."""
        self.page.wait_for_load_state("networkidle")
        return self.page.evaluate("window.__cspViolations") + self.console


@pytest.fixture
def site():
    demo.load(demo.build_plan())
    hub = LearningHubPage.objects.live().public().get()
    section = (
        CommunityHomePage.objects.live()
        .filter(community__memberships__member__user__username=MEMBER)
        .first()
    )
    return {
        "public": [
            "/",
            "/about/",
            hub.url,
            hub.url + "themes/isfs/",
            PublicOutputPage.objects.live().exact_type(PublicOutputPage).first().url,
            LearningReportPage.objects.live().first().url,
            "/search/?q=personal+budgets",
            "/accounts/login/",
        ],
        "members": [
            section.url,
            section.url + "members/",
            section.url + "threads/new/",
            Insight.objects.live().child_of(section).first().url,
            ChallengeThread.objects.live().child_of(section).first().url,
            "/account/consent/",
            "/search/members/?q=budgets",
        ],
        "report": LearningReportPage.objects.live().first().pk,
        "about": AboutPage.objects.live().get(slug="about").pk,
    }


def test_a_violation_would_be_caught(page, live_server):
    violations = Violations(page)
    assert violations.on("/") == []
    page.evaluate("""() => {
        const style = document.createElement("style");
        style.textContent = "body { color: red; }";
        document.head.append(style);
    }""")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__cspViolations")


def test_public_and_members_pages_run_under_the_strict_policy(page, site, sign_in):
    violations = Violations(page)
    found = {url: violations.on(url) for url in site["public"]}

    sign_in(page, MEMBER, DEMO_PASSWORD)
    found |= {url: violations.on(url) for url in site["members"]}

    assert {url: blocked for url, blocked in found.items() if blocked} == {}


def test_the_admin_page_editor_loads_under_the_admin_policy(page, site, sign_in):
    violations = Violations(page)
    sign_in(page, SITE_ADMIN[0], DEMO_PASSWORD)

    found = {
        "dashboard": violations.on("/admin/", lambda p: p.get_by_role("main"), strict=False),
        # Draftail, the rich text editor, is drawn by the admin's scripts.
        "editor": violations.on(
            f"/admin/pages/{site['about']}/edit/",
            lambda p: p.locator(".Draftail-Editor").first,
            strict=False,
        ),
        "report editor": violations.on(
            f"/admin/pages/{site['report']}/edit/",
            lambda p: p.get_by_role("button", name="Save draft"),
            strict=False,
        ),
        # A public page with the admin's user bar, still under the public policy.
        "userbar": violations.on(
            "/", lambda p: p.get_by_role("button", name="View Wagtail quick actions")
        ),
    }
    page.get_by_role("button", name="View Wagtail quick actions").click()
    expect(page.get_by_role("menuitem").first).to_be_visible()
    found["userbar opened"] = violations.now()
    assert {name: blocked for name, blocked in found.items() if blocked} == {}
