"""In a real browser: sign in with passphrase and TOTP in Korean, reach the desk, switch to English."""

import pyotp
import pytest

from sourcedesk.accounts import totp
from sourcedesk.accounts.tests.factories import PASSWORD, EditorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_with_totp_in_korean_then_switch_to_english(live_server, page):
    """A staff member signs in in Korean with an authenticator code and switches the desk to English."""
    user = EditorFactory(display_name="김편집")
    page.goto(f"{live_server.url}/desk/")
    assert "/desk/login/" in page.url
    assert page.locator("h1").inner_text() == "데스크 로그인"
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=code]", pyotp.TOTP(totp.open_secret(user.totp_secret_sealed)).now())
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/desk/")
    assert "김편집 님, 안녕하세요" in page.locator("h1").inner_text()
    page.click("button[name=language][value=en]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Welcome, 김편집"
    assert page.locator("html").get_attribute("lang") == "en"


def test_wrong_code_keeps_the_desk_closed(live_server, page):
    """A wrong code shows one generic message and no desk."""
    user = EditorFactory()
    page.goto(f"{live_server.url}/desk/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=code]", "000000")
    page.click("button.primary")
    assert "로그인하지 못했습니다" in page.locator(".errors").inner_text()
    page.goto(f"{live_server.url}/desk/")
    assert "/desk/login/" in page.url


def test_desk_fits_a_phone_screen(live_server, browser_context_factory, sign_in):
    """On a phone-sized screen the desk home has no horizontal scrolling."""
    page = browser_context_factory(mobile=True).new_page()
    sign_in(page, live_server.url, EditorFactory())
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
