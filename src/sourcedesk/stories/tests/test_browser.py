"""In a real browser: a story from Korean draft to a published bilingual article, held once by the gate."""

from __future__ import annotations

import re

import pytest

from sourcedesk.accounts.tests.factories import EditorFactory, ReporterFactory, TranslatorFactory
from sourcedesk.audit.models import AuditEntry
from sourcedesk.stories.models import State, Story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KO_HEADLINE = "탈북민 2명, 쿤밍 검문에서 체포"
KO_P1 = "랴오닝성을 떠난 탈북민 두 명이 택시로 나흘을 달려 쿤밍에 도착했다가 신분증 검문에서 체포됐다."
KO_P2 = "소식통에 따르면 브로커는 1인당 250만 원을 요구했다. 보통은 1000만 원 안팎이다."
EN_HEADLINE = "Two defectors arrested at a Kunming checkpoint"
EN_P1 = (
    "Two defectors who left Liaoning rode a taxi for four days to Kunming and were arrested at an ID check."
)
EN_P2_LEAKY = "The broker asked KRW 2.5 million each, a source said; call the source on 010-2345-6789."
EN_P2 = "The broker asked KRW 2.5 million each, a source in China said. Most ask around KRW 10 million."


def _state(pk: int) -> str:
    return Story.objects.get(pk=pk).state


def test_story_from_korean_draft_to_bilingual_publication(
    live_server, browser_context_factory, sign_in, real_scanner
):
    """Reporter drafts, translator translates, the gate refuses a phone number, it is fixed, and a
    reader follows "Read in English" from the Korean article."""
    base = live_server.url
    reporter, translator, editor = ReporterFactory(), TranslatorFactory(), EditorFactory()

    # The reporter drafts the Korean edition and sends it to translation.
    rp = sign_in(browser_context_factory().new_page(), base, reporter)
    rp.goto(f"{base}/desk/stories/new/")
    rp.fill("input[name=headline]", KO_HEADLINE)
    rp.fill("textarea[name=body]", f"{KO_P1}\n\n{KO_P2}")
    rp.click("form.story-form button[type=submit]")
    rp.wait_for_url(re.compile(r".*/desk/stories/\d+/$"))
    pk = int(rp.url.rstrip("/").rsplit("/", 1)[1])
    rp.click("#do-send_to_translation")
    rp.wait_for_load_state()
    assert _state(pk) == State.IN_TRANSLATION

    # The translator writes the English beside the Korean, paragraph by paragraph, with a phone number.
    tp = sign_in(browser_context_factory().new_page(), base, translator)
    tp.goto(f"{base}/desk/stories/{pk}/translate/")
    assert KO_P1 in tp.locator("#para-0").inner_text()
    tp.fill("#tr-headline", EN_HEADLINE)
    tp.fill("#tr-p0", EN_P1)
    tp.fill("#tr-p1", EN_P2_LEAKY)
    tp.click("#save-translation")
    tp.wait_for_load_state()
    tp.goto(f"{base}/desk/stories/{pk}/")
    tp.click("#do-send_to_edit")
    tp.wait_for_load_state()
    assert _state(pk) == State.IN_EDIT

    # The editor tries to publish: refused, with the finding shown.
    ep = sign_in(browser_context_factory().new_page(), base, editor)
    ep.goto(f"{base}/desk/stories/{pk}/")
    ep.click("#do-publish")
    ep.wait_for_load_state()
    gate = ep.locator("#gate").inner_text()
    assert "010-2345-6789" in gate
    assert ep.locator("#gate-refused").is_visible()
    assert _state(pk) == State.IN_EDIT

    # The translator removes the number.
    tp.goto(f"{base}/desk/stories/{pk}/translate/")
    tp.fill("#tr-p1", EN_P2)
    tp.click("#save-translation")
    tp.wait_for_load_state()

    # The editor publishes.
    ep.goto(f"{base}/desk/stories/{pk}/")
    assert "010-2345-6789" not in ep.locator("#gate").inner_text()
    ep.click("#do-publish")
    ep.wait_for_load_state()
    assert _state(pk) == State.PUBLISHED
    assert AuditEntry.objects.filter(action="story.publish", target_id=str(pk)).exists()
    assert AuditEntry.objects.filter(action="story.gate_refused", target_id=str(pk)).exists()

    # A reader, without JavaScript, opens the Korean article and follows the link to the English one.
    public_id = Story.objects.get(pk=pk).public_id
    reader = browser_context_factory(javascript=False, mobile=True).new_page()
    reader.goto(f"{base}/ko/articles/{public_id}/")
    assert reader.locator("h1").inner_text() == KO_HEADLINE
    assert reader.evaluate("document.documentElement.scrollWidth") <= 390
    reader.click("text=영어로 읽기 >> nth=0")
    reader.wait_for_url(f"{base}/en/articles/{public_id}/")
    assert reader.locator("h1").inner_text() == EN_HEADLINE
    assert reader.locator("html").get_attribute("lang") == "en"
    assert "010-2345-6789" not in reader.content()
    assert reader.locator("a[hreflang=ko]", has_text="Read in Korean").count() >= 1


def test_editor_assigns_a_new_story_to_a_reporter_on_the_korean_desk(
    live_server, browser_context_factory, sign_in
):
    """An editor picks the reporter by display name and the region by its Korean name; the reporter
    then finds the story and writes it."""
    from sourcedesk.stories.models import Region

    base = live_server.url
    editor, reporter = EditorFactory(), ReporterFactory(display_name="한기자")
    region, _ = Region.objects.get_or_create(
        slug="liaoning", defaults={"name_ko": "랴오닝성", "name_en": "Liaoning", "country": "cn"}
    )
    ep = sign_in(browser_context_factory().new_page(), base, editor)
    ep.goto(f"{base}/desk/stories/new/")
    assert ep.locator("html").get_attribute("lang") == "ko"
    assert ep.locator(f"select[name=region] option[value='{region.pk}']").inner_text() == "랴오닝성"
    ep.fill("input[name=headline]", KO_HEADLINE)
    ep.select_option("select[name=reporter]", label="한기자")
    ep.select_option("select[name=region]", label="랴오닝성")
    ep.click("form.story-form button[type=submit]")
    ep.wait_for_url(re.compile(r".*/desk/stories/\d+/$"))
    pk = int(ep.url.rstrip("/").rsplit("/", 1)[1])
    story = Story.objects.get(pk=pk)
    assert (story.reporter, story.region) == (reporter, region)
    assert ep.locator("#story-reporter").inner_text() == "기자: 한기자"
    assert AuditEntry.objects.filter(action="story.assign", target_id=str(pk)).exists()

    rp = sign_in(browser_context_factory().new_page(), base, reporter)
    rp.goto(f"{base}/desk/stories/")
    rp.click(f"text={KO_HEADLINE}")
    rp.wait_for_url(f"{base}/desk/stories/{pk}/")
    assert rp.locator(f"a[href='/desk/stories/{pk}/edit/ko/']").count() == 1
