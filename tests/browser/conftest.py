"""Playwright driving Debian's Chromium against the live test server.

`make test` runs these when /usr/bin/chromium exists and skips them otherwise; with
REQUIRE_BROWSER=1 (as .ci/run sets) a missing browser fails the run instead.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from roles.loading import load_content
from roles.models import Role
from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE

SCREENSHOTS = settings.BASE_DIR / "test-artifacts" / "screens"

# Playwright's sync API runs an event loop in this thread; Django's ORM must still be usable here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("REQUIRE_BROWSER=1 but /usr/bin/chromium is missing: apt-get install chromium")
        pytest.skip("no /usr/bin/chromium: apt-get install chromium to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(transactional_db, live_server, settings):
    if not Role.objects.exists():
        load_content(settings.CONTENT_DIR)
    settings.SITE_URL = live_server.url  # share links point at the server under test
    return live_server.url


class ConsoleWatch:
    def __init__(self, page):
        self.problems = []
        page.on("console", lambda message: message.type == "error" and self.problems.append(message.text))
        page.on("pageerror", lambda error: self.problems.append(str(error)))


def _new_page(browser, viewport, javascript=True):
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(10_000)
    watch = ConsoleWatch(page)
    return context, page, watch


def _watched_page(browser, viewport):
    """Yield a page, then fail the test if the browser logged an error (CSP violations included)."""
    context, page, watch = _new_page(browser, viewport)
    yield page
    context.close()
    assert watch.problems == [], f"browser console errors: {watch.problems}"


@pytest.fixture
def page(browser, site):
    yield from _watched_page(browser, DESKTOP)


# The two widths the design is checked at: the 390 px phone and a laptop.
WIDTHS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 900}}


@pytest.fixture(params=WIDTHS, ids=list(WIDTHS))
def sized_page(request, browser, site):
    """A watched page at each of WIDTHS in turn; `page.width_name` says which."""
    for page in _watched_page(browser, WIDTHS[request.param]):
        page.width_name = request.param
        yield page


@pytest.fixture
def phone_page(browser, site):
    yield from _watched_page(browser, PHONE)


@pytest.fixture
def nojs_page(browser, site):
    context, page, watch = _new_page(browser, DESKTOP, javascript=False)
    yield page
    context.close()


@pytest.fixture
def new_context(browser, site):
    contexts = []

    def make(javascript=True):
        context = browser.new_context(viewport=DESKTOP, java_script_enabled=javascript)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    # Buttons are dimmed while an htmx request is in flight (the visitor's marks load after the
    # page); check the page as the reader sees it once that has settled.
    expect(page.locator(".htmx-request")).to_have_count(0)
    results = Axe().run(page)
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} nodes: "
        f"{[node['target'] for node in violation['nodes'][:3]]})"
        for violation in results.response["violations"]
    ]
