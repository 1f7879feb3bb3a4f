"""Playwright driving Debian's Chromium against the live test server; skipped without Chromium."""

import os
import shutil

import pytest
from django.db import connections
from django.urls import reverse

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def browser():
    """Chromium for one test. Playwright stops after each test, so that Django's connections
    outside browser tests are the ones that can restore the migrated database."""
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.skip("Chromium is not installed (make browser installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # While Playwright's loop runs, the test's ORM calls get connections of their own
        # (Django keeps connections per async context); close them here, or PostgreSQL keeps a
        # session open and the test database cannot be dropped at the end of the run.
        connections.close_all()


# Every frame of every page reports what the Content-Security-Policy blocked (the event fires
# whether or not the policy names a report-uri).
REPORT_CSP_VIOLATIONS = """
window.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation({
    page: location.href, directive: event.effectiveDirective, blocked: event.blockedURI,
    source: event.sourceFile, line: event.lineNumber, sample: event.sample,
  });
}, true);
"""
# What Chromium's console says about a header it could not apply as sent.
HEADER_ERRORS = ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy")


@pytest.fixture
def csp_violations():
    """The policy violations and header errors of the test's pages, by default none allowed.

    A test that provokes violations on purpose checks them and then empties this list."""
    return []


@pytest.fixture
def page(browser, csp_violations):
    """A page whose test fails when any frame breaks the Content-Security-Policy."""
    context = browser.new_context()
    context.expose_function("reportCspViolation", lambda report: csp_violations.append(report))
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            csp_violations.append({"console": message.text, "page": page.url})
            if message.type in ("error", "warning")
            and any(words in message.text for words in HEADER_ERRORS)
            else None
        ),
    )
    page.set_default_timeout(10_000)
    yield page
    if not page.is_closed():
        page.evaluate("1")  # lets reports still on their way arrive
    context.close()
    assert csp_violations == [], (
        "Content-Security-Policy violations or header errors:\n"
        + "\n".join(map(str, csp_violations))
    )


#: The password pytest-django's `admin_user` is created with.
ADMIN_PASSWORD = "password"


def sign_in_to_admin(page, base_url: str, user, password: str = ADMIN_PASSWORD) -> None:
    """Sign `user` in on the admin's login page; return on the dashboard."""
    page.goto(base_url + reverse("wagtailadmin_login"))
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
