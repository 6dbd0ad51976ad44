"""In a real browser, on a phone: the facts pages fit the screen and the annotator works."""

from __future__ import annotations

import io

import pytest

from sourcedesk.accounts.tests.factories import ReporterFactory
from sourcedesk.facts import demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("path", "charts"), [("rates", 2), ("prices", 1), ("fees", 1)])
def test_facts_pages_fit_a_phone_and_draw_charts(live_server, browser_context_factory, sign_in, path, charts):
    """On a phone the lists have no horizontal page scrolling and show their SVG charts."""
    demo.seed(stdout=io.StringIO())
    page = browser_context_factory(mobile=True).new_page()
    sign_in(page, live_server.url, ReporterFactory())
    page.goto(f"{live_server.url}/desk/facts/{path}/")
    assert page.locator("figure.facts-chart svg").count() == charts
    box = page.locator("figure.facts-chart svg").first.bounding_box()
    assert box is not None and 300 <= box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_annotator_without_javascript(live_server, browser_context_factory, sign_in):
    """A reporter pastes English text with JavaScript off and gets it back annotated."""
    page = browser_context_factory(javascript=False, locale="en-GB").new_page()
    sign_in(page, live_server.url, ReporterFactory())
    page.goto(f"{live_server.url}/desk/facts/annotate/?lang=en")
    page.fill("textarea[name=text]", "The broker asked KRW 2.5 million each.")
    page.select_option("select[name=language]", "en")
    page.fill("input[name=on_date]", "2024-03-15")
    page.click("button[type=submit].primary")
    result = page.locator(".annotated").inner_text()
    assert result.startswith("The broker asked KRW 2.5 million (around USD 1,")
    assert result.endswith(") each.")
