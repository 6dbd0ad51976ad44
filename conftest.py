"""Shared test fixtures, including real-browser tests with Playwright driving Debian's Chromium."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop; Django refuses sync ORM calls inside one unless told
# this is a test process.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("SOURCEDESK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]
ARTIFACTS = Path(os.environ.get("SOURCEDESK_TEST_ARTIFACTS", "var/test-artifacts"))


@pytest.fixture(autouse=True)
def _media_and_data(settings, tmp_path):
    """Give every test its own public media folder."""
    settings.MEDIA_ROOT = tmp_path / "public-media"


@pytest.fixture(scope="session")
def playwright_browser():
    """One Chromium for the whole run; skipped with a reason when Chromium is not installed."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (install the Debian 'chromium' package)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def browser_context_factory(playwright_browser, request):
    """Return a function making fresh browser contexts (separate cookies), closed after the test.

    ``new_context(javascript=False)`` gives a context with JavaScript disabled, as a source
    using Tor Browser at its safest level would have. A failing test saves a screenshot of every
    open page under var/test-artifacts/.
    """
    contexts = []

    def new_context(*, javascript: bool = True, locale: str = "ko-KR", mobile: bool = False):
        viewport = {"width": 390, "height": 844} if mobile else {"width": 1280, "height": 900}
        context = playwright_browser.new_context(
            java_script_enabled=javascript, locale=locale, viewport=viewport
        )
        context.set_default_timeout(15000)
        contexts.append(context)
        return context

    yield new_context
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    if failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for i, context in enumerate(contexts):
            for j, page in enumerate(context.pages):
                target = ARTIFACTS / f"{request.node.name}-{i}-{j}.png"
                try:
                    page.screenshot(path=str(target), full_page=True)
                except Exception:  # noqa: S112 - a screenshot must never hide the real failure
                    continue
    for context in contexts:
        context.close()


@pytest.fixture
def page(browser_context_factory):
    """A page in a fresh JavaScript-enabled browser context."""
    return browser_context_factory().new_page()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def desk_sign_in(page, live_server_url: str, user, *, password: str | None = None, code: str | None = None):
    """Sign ``page`` in to the desk as ``user`` through the form; return the page."""
    from sourcedesk.accounts.tests.factories import PASSWORD
    from sourcedesk.accounts.tests.helpers import fresh_backup_code

    page.goto(f"{live_server_url}/desk/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", password or PASSWORD)
    page.fill("input[name=code]", code or fresh_backup_code(user))
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{live_server_url}/desk/**")
    return page


@pytest.fixture
def sign_in():
    """The ``desk_sign_in(page, live_server_url, user)`` helper, as a fixture."""
    return desk_sign_in


def pytest_sessionfinish(session, exitstatus):
    if hasattr(session.config, "workerinput"):
        # An xdist worker: the controller removes the folder once every worker has finished.
        return
    data_dir = os.environ.get("SOURCEDESK_DATA_DIR", "")
    if (
        data_dir
        and Path(data_dir).name.startswith("sourcedesk-test-")
        and not os.environ.get("SOURCEDESK_KEEP_TEST_DATA")
    ):
        shutil.rmtree(data_dir, ignore_errors=True)
