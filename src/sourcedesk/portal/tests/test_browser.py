"""A source in a script-free browser submits in Korean, leaves, and returns to read a reply."""

from __future__ import annotations

import pytest

from sourcedesk.accounts.tests.factories import EditorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_source_without_javascript_reads_reply_from_editor(live_server, browser_context_factory, sign_in):
    """With JavaScript disabled, a source submits in Korean, signs out, returns with the codename
    and reads the reply an editor wrote in another browser context."""
    editor = EditorFactory()
    source_context = browser_context_factory(javascript=False)
    source = source_context.new_page()
    source.goto(f"{live_server.url}/portal/")
    assert source.locator("html").get_attribute("lang") == "ko"
    assert source.context.cookies() == []
    source.click("a[href='/portal/submit/']")
    source.fill("#message", "신의주 시장에서 쌀값이 올랐습니다. 확인 바랍니다.")
    source.check("input[name=wordlist][value=ko]")
    source.click("button[type=submit].primary")
    codename = " ".join(source.locator("#codename .word").all_inner_texts())
    assert len(codename.split()) == 7
    assert [c["name"] for c in source.context.cookies()] == ["sd_portal"]
    source.click("a.button.primary")
    assert "쌀값이 올랐습니다" in source.content()
    source.click(".signout button")
    assert source.context.cookies() == []

    desk = browser_context_factory().new_page()
    sign_in(desk, live_server.url, editor)
    desk.goto(f"{live_server.url}/desk/inbox/")
    desk.click("table.inbox tbody a")
    assert "쌀값이 올랐습니다" in desk.content()
    desk.fill("#reply", "잘 받았습니다. 안전에 유의하세요.")
    desk.click("form button.primary")
    assert "잘 받았습니다" in desk.content()

    source.goto(f"{live_server.url}/portal/login/")
    source.fill("#codename", codename)
    source.click("button[type=submit].primary")
    source.wait_for_url(f"{live_server.url}/portal/conversation/")
    body = source.content()
    assert "잘 받았습니다. 안전에 유의하세요." in body
    assert "<script" not in body.lower()
