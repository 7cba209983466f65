"""Browser fixtures: one system Chromium per session, a fresh context per test, axe-core checks.

Playwright drives Debian's Chromium (/usr/bin/chromium), never a browser it downloads. Without
Chromium the browser tests skip on a workstation but fail in CI (the CI variable set), so a CI
image that lost its browser cannot pass by skipping them.
"""

import os
import shutil

import pytest

from ..factories import PASSWORD

CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-dev-shm-usage",
    # The machine has no outside network: stop Chromium from trying to reach Google's hosts.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Impacts that fail a test. axe also reports "moderate" and "minor", which are left to review.
BLOCKING_IMPACTS = {"serious", "critical"}
# Fail quickly and clearly instead of waiting 30 s for an element that will never appear.
TIMEOUT_MS = 10_000


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def chromium_executable() -> str | None:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    return path if os.access(path, os.X_OK) else None


@pytest.fixture(scope="session")
def browser():
    executable = chromium_executable()
    if executable is None:
        reason = (
            "Chromium is not installed: apt-get install -y --no-install-recommends chromium "
            "(Playwright uses the system browser at /usr/bin/chromium)"
        )
        if in_ci():
            pytest.fail(f"CI is set, so the browser tests must run. {reason}", pytrace=False)
        pytest.skip(reason)

    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API leaves its asyncio event loop marked as running in this thread, so
    # Django takes the tests for async code. Two consequences, both handled here:
    # - it refuses ORM calls; the fixtures that build pages make them synchronously, which is
    #   safe, so say so for the rest of the session;
    # - its connection handler (an asgiref Local) hands async code a second, empty set of
    #   connections, which lack the serialized contents that serialized_rollback restores
    #   between tests; give it the connections this thread already has.
    sync_connections = {alias: connections[alias] for alias in connections}
    patch = pytest.MonkeyPatch()
    patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    try:
        with sync_playwright() as playwright:
            for alias, connection in sync_connections.items():
                connections[alias] = connection
            chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        patch.undo()


@pytest.fixture
def new_context(browser, live_server):
    """Make browser contexts (cookie jars) pointed at the live server; closed after the test."""
    contexts = []

    def make(**options):
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A tab in a fresh context, signed in as nobody."""
    return new_context().new_page()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """Run axe-core on the page as it is now and fail on any serious or critical violation."""

    def check(page):
        violations = [
            violation
            for violation in axe.run(page).response["violations"]
            if violation["impact"] in BLOCKING_IMPACTS
        ]
        report = "\n".join(
            f"  {v['id']} ({v['impact']}): {v['help']} [{v['helpUrl']}]\n"
            + "\n".join(f"    at {node['target']}: {node['html'][:160]}" for node in v["nodes"])
            for v in violations
        )
        if violations:
            pytest.fail(f"axe-core found problems on {page.url}:\n{report}", pytrace=False)

    return check


@pytest.fixture
def sign_in():
    """Sign in through the form and wait for the page it leads to."""

    def submit(page, username: str, password: str = PASSWORD, next_url: str = "") -> None:
        page.goto("/accounts/login/" + (f"?next={next_url}" if next_url else ""))
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in").click()

    return submit
