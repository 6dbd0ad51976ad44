"""In a real browser: the story the desk exists for, from a frightened source to a bilingual page.

A source in China writes through the portal without JavaScript and keeps a codename; an editor
reads her in the inbox, replies and adds her to the network under a pseudonym with a reporter as
handler; the handler logs her phone call; an editor grades the source and links the report to an
earlier claim on broker fees; the reporter drafts the story in Korean, the scanner flags the
village, the date and the husband's name, and the reporter coarsens them; a translator writes
the English edition and converts the amounts; the gate refuses a phone number left in the
English; it is removed; the editor publishes; a reader on a phone follows "Read in English"; and
nothing public carries the pseudonym, the codename, the phone number or the source's words.

Set ``SOURCEDESK_TOUR_SHOTS=/some/dir`` to keep a screenshot of each step.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from sourcedesk.accounts.tests.factories import EditorFactory, ReporterFactory, TranslatorFactory
from sourcedesk.desk.models import Report
from sourcedesk.desk.tests.factories import ClaimFactory, ReportFactory, link
from sourcedesk.network.models import Source
from sourcedesk.network.tests.factories import SourceFactory
from sourcedesk.stories.models import State, Story

from .story import (
    CLAIM_STATEMENT,
    EN_HEADLINE,
    EN_P1,
    EN_P2,
    EN_P2_LEAKY,
    EN_TRACED,
    EXACT_DATE,
    HUSBAND,
    KO_HEADLINE,
    KO_P1,
    KO_P1_LEAKY,
    KO_P2,
    PHONE,
    PORTAL_MESSAGE,
    PSEUDONYM,
    REPLY,
    REPORT_TEXT,
    VILLAGE,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 390
SHOTS = os.environ.get("SOURCEDESK_TOUR_SHOTS", "")


def shot(page, name: str) -> None:
    """Keep a full-page screenshot of ``page`` when a tour folder is configured."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def submit(page, selector: str) -> None:
    """Click the submit button ``selector`` and wait for the page it leads to."""
    with page.expect_navigation():
        page.click(selector)


def fits_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def story_pk(page) -> int:
    match = re.search(r"/desk/stories/(\d+)/", page.url)
    assert match, page.url
    return int(match.group(1))


def source_submits(browser_context_factory, base: str):
    """A source in a script-free browser sends her first message; return (page, codename)."""
    source = browser_context_factory(javascript=False, mobile=True).new_page()
    source.goto(f"{base}/portal/")
    assert source.context.cookies() == []
    shot(source, "01-portal-home-ko-phone")
    source.click("a[href='/portal/submit/']")
    source.fill("#message", PORTAL_MESSAGE)
    source.check("input[name=wordlist][value=ko]")
    submit(source, "button[type=submit].primary")
    codename = " ".join(source.locator("#codename .word").all_inner_texts())
    assert len(codename.split()) == 7
    assert fits_phone(source)
    shot(source, "02-portal-codename-ko-phone")
    return source, codename


def test_story_from_portal_to_published_bilingual_page(live_server, browser_context_factory, sign_in):
    """A portal source's story reaches both public editions, gated once, and nothing public
    carries her pseudonym, her codename, a phone number or her own words."""
    base = live_server.url
    editor = EditorFactory(display_name="편집장")
    reporter = ReporterFactory(display_name="한기자")
    translator = TranslatorFactory(display_name="Translator Lee")
    # An earlier report on broker fees, from another handler's source, already backs a claim.
    claim = ClaimFactory(statement=CLAIM_STATEMENT, created_by=editor)
    link(claim, ReportFactory(source=SourceFactory(region="cn-jilin")))

    # 1. The source writes through the portal and keeps her codename.
    source, codename = source_submits(browser_context_factory, base)

    # 2. An editor reads her in the inbox, replies, and adds her to the network with a handler.
    ed = sign_in(browser_context_factory().new_page(), base, editor)
    ed.goto(f"{base}/desk/inbox/")
    shot(ed, "03-inbox-ko")
    with ed.expect_navigation():
        ed.click("table.inbox tbody a")
    assert PORTAL_MESSAGE in ed.content()
    ed.fill("#reply", REPLY)
    submit(ed, "form button.primary")
    assert REPLY in ed.locator("ol.conversation").inner_text()
    shot(ed, "04-inbox-conversation-ko")
    with ed.expect_navigation():
        ed.click("a.button[href*='/desk/sources/promote/']")
    ed.fill("input[name=pseudonym]", PSEUDONYM)
    ed.select_option("select[name=handler]", str(reporter.pk))
    ed.select_option("select[name=region]", "cn-liaoning")
    ed.fill("input[name=active_since]", "2024-09")
    shot(ed, "05-promote-ko")
    submit(ed, "form.stack button.primary")
    network_source = Source.objects.get(pseudonym=PSEUDONYM)
    assert ed.url == f"{base}/desk/sources/{network_source.pk}/"
    assert network_source.handler == reporter

    # The source comes back later with her codename and reads the reply.
    source.goto(f"{base}/portal/login/")
    source.fill("#codename", codename)
    submit(source, "button[type=submit].primary")
    assert REPLY in source.locator("ol.conversation").inner_text()
    assert "<script" not in source.content().lower()
    assert fits_phone(source)
    shot(source, "06-portal-conversation-ko-phone")

    # 3. She phones her handler, who logs the call from his phone under her pseudonym.
    rp = sign_in(browser_context_factory(mobile=True).new_page(), base, reporter)
    rp.goto(f"{base}/desk/sources/")
    with rp.expect_navigation():
        rp.click(f"text={PSEUDONYM}")
    with rp.expect_navigation():
        rp.click(f"a.button.primary[href$='?source={network_source.pk}']")
    assert rp.locator("select[name=source]").input_value() == str(network_source.pk)
    rp.fill("input[name=event_date]", "2024-10")
    rp.select_option("select[name=event_precision]", "month")
    rp.fill("textarea[name=text]", REPORT_TEXT)
    rp.select_option("select[name=credibility]", "3")
    shot(rp, "07-report-form-ko-phone")
    submit(rp, "form.stack button.primary")
    report = Report.objects.get(source=network_source)
    assert rp.url == f"{base}/desk/reports/{report.pk}/"
    # The desk's scanner flags the exact date in the report, even inside the desk zone.
    assert EXACT_DATE in rp.locator("section.findings").inner_text()
    assert fits_phone(rp)
    shot(rp, "08-report-detail-ko-phone")

    # 4. An editor grades the source and links the report to the claim on broker fees.
    ed.goto(f"{base}/desk/reports/{report.pk}/")
    with ed.expect_navigation():
        ed.click(f"dl.facts a[href='/desk/sources/{network_source.pk}/']")
    with ed.expect_navigation():
        ed.click(f"a.button[href='/desk/sources/{network_source.pk}/edit/']")
    ed.select_option("select[name=grade]", "B")
    ed.fill("textarea[name=reason]", "두 차례 보도가 다른 경로로 확인됨")
    submit(ed, "form.stack button.primary")
    network_source.refresh_from_db()
    assert network_source.grade == "B"
    ed.goto(f"{base}/desk/reports/{report.pk}/")
    ed.select_option("form.link-claim select[name=claim]", str(claim.pk))
    submit(ed, "form.link-claim button.primary")
    assert ed.url == f"{base}/desk/claims/{claim.pk}/"
    assert ed.locator(".corroboration-count").get_attribute("data-sources") == "2"
    shot(ed, "09-claim-ko")

    # 5. The reporter drafts the story in Korean, as first written: too precise.
    rp.goto(f"{base}/desk/stories/new/")
    rp.fill("input[name=headline]", KO_HEADLINE)
    rp.fill("textarea[name=body]", f"{KO_P1_LEAKY}\n\n{KO_P2}")
    rp.fill("textarea[name=people]", HUSBAND)
    submit(rp, "form.story-form button[type=submit]")
    pk = story_pk(rp)
    gate = rp.locator("#gate").inner_text()
    for flagged in (VILLAGE, EXACT_DATE, HUSBAND):
        assert flagged in gate, f"the gate does not flag {flagged!r}"
    shot(rp, "10-story-flagged-ko-phone")

    # The editor assigns a translator and ties the story to the report and the claim (internal).
    ed.goto(f"{base}/desk/stories/{pk}/details/")
    ed.select_option("select[name=translator]", str(translator.pk))
    ed.fill("input[name=report_ids]", str(report.pk))
    ed.fill("input[name=claim_ids]", str(claim.pk))
    submit(ed, "form.story-form button[type=submit]")
    links = ed.locator("section.desk-links")
    assert links.locator(f"a[href='/desk/reports/{report.pk}/']").count() == 1
    assert links.locator(f"a[href='/desk/claims/{claim.pk}/']").count() == 1

    # The reporter coarsens the village, the date and the name, then sends it to translation.
    rp.goto(f"{base}/desk/stories/{pk}/edit/ko/")
    rp.fill("#id_body", f"{KO_P1}\n\n{KO_P2}")
    submit(rp, "#save-edition")
    rp.goto(f"{base}/desk/stories/{pk}/")
    assert "gate-clear" in rp.locator("#gate").get_attribute("class")
    submit(rp, "#do-send_to_translation")
    assert Story.objects.get(pk=pk).state == State.IN_TRANSLATION

    # 6. The translator writes the English beside the Korean, leaving a phone number in by mistake,
    # then converts the amounts at the day's rate.
    tp = sign_in(browser_context_factory(locale="en-GB").new_page(), base, translator)
    # The desk speaks Korean until the translator switches it to English, which then sticks.
    assert tp.locator("html").get_attribute("lang") == "ko"
    submit(tp, "form.lang-switch button[value=en]")
    tp.goto(f"{base}/desk/stories/{pk}/translate/")
    assert tp.locator("html").get_attribute("lang") == "en"
    assert tp.locator("#save-translation").inner_text() == "Save translation"
    assert KO_P1 in tp.locator("#para-0").inner_text()
    tp.fill("#tr-headline", EN_HEADLINE)
    tp.fill("#tr-p0", EN_P1)
    tp.fill("#tr-p1", EN_P2_LEAKY)
    submit(tp, "#save-translation")
    shot(tp, "11-translate")
    tp.goto(f"{base}/desk/stories/{pk}/edit/en/")
    submit(tp, "button[name=annotate]")
    annotated = tp.locator("#id_body").input_value()
    assert re.search(r"KRW 2\.5 million \(around USD [\d,]+\)", annotated), annotated
    assert PHONE in annotated
    submit(tp, "#save-edition")
    tp.goto(f"{base}/desk/stories/{pk}/")
    submit(tp, "#do-send_to_edit")
    assert Story.objects.get(pk=pk).state == State.IN_EDIT

    # 7. The editor's publish is refused while the phone number remains.
    ed.goto(f"{base}/desk/stories/{pk}/")
    submit(ed, "#do-publish")
    assert ed.locator("#gate-refused").is_visible()
    assert "발행 거부" in ed.locator("#gate-refused").inner_text()
    assert PHONE in ed.locator("#gate ul.blocking").inner_text()
    assert Story.objects.get(pk=pk).state == State.IN_EDIT
    shot(ed, "12-gate-refused-ko")

    # 8. The translator removes it, keeping the converted amounts; the editor publishes.
    tp.goto(f"{base}/desk/stories/{pk}/edit/en/")
    fixed = tp.locator("#id_body").input_value().replace(f"Call the source on {PHONE}.", EN_TRACED)
    assert PHONE not in fixed
    tp.fill("#id_body", fixed)
    submit(tp, "#save-edition")
    ed.goto(f"{base}/desk/stories/{pk}/")
    assert "gate-clear" in ed.locator("#gate").get_attribute("class")
    submit(ed, "#do-publish")
    assert Story.objects.get(pk=pk).state == State.PUBLISHED
    shot(ed, "13-story-published-ko")

    # 9. A reader on a phone, without JavaScript, finds the story on the Korean front page and
    # follows the link to the English edition.
    reader = browser_context_factory(javascript=False, mobile=True).new_page()
    reader.goto(f"{base}/ko/")
    with reader.expect_navigation():
        reader.click(f"text={KO_HEADLINE}")
    public_id = Story.objects.get(pk=pk).public_id
    assert reader.url == f"{base}/ko/articles/{public_id}/"
    assert reader.locator("h1").inner_text() == KO_HEADLINE
    assert fits_phone(reader)
    shot(reader, "14-article-ko-phone")
    ko_html = reader.content()
    with reader.expect_navigation():
        reader.click("article .other-edition a[hreflang=en] >> nth=0")
    assert reader.url == f"{base}/en/articles/{public_id}/"
    assert reader.locator("h1").inner_text() == EN_HEADLINE
    assert reader.locator("html").get_attribute("lang") == "en"
    assert re.search(r"around USD [\d,]+", reader.locator("article .body").inner_text())
    assert reader.locator("article a[hreflang=ko]", has_text="Read in Korean").count() >= 1
    assert fits_phone(reader)
    shot(reader, "15-article-en-phone")
    en_html = reader.content()

    # 10. Nothing public leads back to her.
    public = [ko_html, en_html]
    for path in ("/ko/", "/en/", "/ko/feed.atom", "/en/feed.atom", "/sitemap.xml"):
        response = reader.request.get(f"{base}{path}")
        assert response.ok, path
        public.append(response.text())
    secrets = {
        "pseudonym": PSEUDONYM,
        "codename": codename,
        "phone": PHONE,
        "portal message": PORTAL_MESSAGE[:30],
        "report text": REPORT_TEXT[:30],
        "husband": HUSBAND,
        "village": VILLAGE,
        "exact date": EXACT_DATE,
        "claim": CLAIM_STATEMENT,
    }
    for page_text in public:
        for what, secret in secrets.items():
            assert secret not in page_text, f"a public page shows the {what}"


def test_handler_reads_the_conversation_of_a_source_added_to_the_network(
    live_server, browser_context_factory, sign_in
):
    """Once an editor adds a portal source to the network, her handler reads what she sent and
    another reporter still cannot."""
    base = live_server.url
    editor, handler, other = EditorFactory(), ReporterFactory(), ReporterFactory()
    source_submits(browser_context_factory, base)

    ed = sign_in(browser_context_factory().new_page(), base, editor)
    ed.goto(f"{base}/desk/inbox/")
    with ed.expect_navigation():
        ed.click("table.inbox tbody a")
    inbox_url = ed.url
    with ed.expect_navigation():
        ed.click("a.button[href*='/desk/sources/promote/']")
    ed.fill("input[name=pseudonym]", PSEUDONYM)
    ed.select_option("select[name=handler]", str(handler.pk))
    ed.select_option("select[name=region]", "cn-liaoning")
    ed.fill("input[name=active_since]", "2024-09")
    submit(ed, "form.stack button.primary")
    assert Source.objects.get(pseudonym=PSEUDONYM).handler == handler

    hp = sign_in(browser_context_factory(mobile=True).new_page(), base, handler)
    hp.goto(f"{base}/desk/inbox/")
    with hp.expect_navigation():
        hp.click("table.inbox tbody a")
    assert hp.url == inbox_url
    assert PORTAL_MESSAGE in hp.locator("ol.conversation").inner_text()
    assert fits_phone(hp)
    shot(hp, "16-handler-inbox-ko-phone")

    op = sign_in(browser_context_factory().new_page(), base, other)
    op.goto(f"{base}/desk/inbox/")
    assert op.locator("table.inbox tbody a").count() == 0
    assert op.goto(inbox_url).status == 404
    assert PORTAL_MESSAGE not in op.content()


def _story_in_edit() -> Story:
    """Return the Kunming story written, translated and waiting for an editor."""
    from sourcedesk.stories import services as story_services

    reporter, translator = ReporterFactory(), TranslatorFactory()
    story = story_services.story_create(actor=reporter, headline=KO_HEADLINE, body=f"{KO_P1}\n\n{KO_P2}")
    story_services.story_send_to_translation(actor=reporter, story=story)
    english = story.editions.get(language="en")
    story_services.edition_save(
        actor=translator,
        edition=english,
        headline=EN_HEADLINE,
        standfirst="",
        body=f"{EN_P1}\n\n{EN_P2}",
        expected_version=english.version,
    )
    story_services.story_send_to_edit(actor=translator, story=story)
    story.refresh_from_db()
    return story


def _jpeg_with_metadata() -> bytes:
    """Return a small JPEG carrying a camera make, an author and GPS coordinates."""
    import io

    from PIL import Image

    image = Image.new("RGB", (96, 64), (120, 90, 60))
    exif = Image.Exif()
    exif[0x010F] = "TraceablePhoneMaker"  # Make
    exif[0x013B] = "Park Sun-hee"  # Artist
    exif.get_ifd(0x8825).update({1: "N", 2: (41.0, 24.0, 0.0), 3: "E", 4: (128.0, 10.0, 0.0)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    data = buffer.getvalue()
    assert b"Park Sun-hee" in data and b"TraceablePhoneMaker" in data
    return data


def test_file_photo_goes_out_without_its_metadata(live_server, browser_context_factory, sign_in, tmp_path):
    """An editor adds a file photo to a story in edit and publishes; both public editions show it,
    labelled as a file photo, and the public image carries no camera, author or location."""
    from PIL import Image

    base = live_server.url
    editor = EditorFactory()
    story = _story_in_edit()
    original = tmp_path / "border.jpg"
    original.write_bytes(_jpeg_with_metadata())

    ed = sign_in(browser_context_factory().new_page(), base, editor)
    ed.goto(f"{base}/desk/stories/{story.pk}/")
    form = ed.locator("form[action$='/photos/']")
    form.locator("input[name=image]").set_input_files(str(original))
    form.locator("input[name=caption_ko]").fill("국경 지역 (자료 사진)")
    form.locator("input[name=caption_en]").fill("The border area (file photo)")
    form.locator("input[name=alt_ko]").fill("강 건너 보이는 마을")
    form.locator("input[name=alt_en]").fill("A village seen across the river")
    form.locator("input[name=is_file_photo]").check()
    with ed.expect_navigation():
        form.locator("button[type=submit]").click()
    assert ed.locator("figure.desk-photo").count() == 1
    submit(ed, "#do-publish")
    assert Story.objects.get(pk=story.pk).state == State.PUBLISHED

    reader = browser_context_factory(javascript=False, mobile=True).new_page()
    for lang, caption in (("ko", "국경 지역"), ("en", "The border area")):
        reader.goto(f"{base}/{lang}/articles/{story.public_id}/")
        figure = reader.locator("article figure.photo")
        assert figure.count() == 1
        assert caption in figure.inner_text()
        assert figure.locator(".file-photo").count() == 1
        src = figure.locator("img").get_attribute("src")
        response = reader.request.get(f"{base}{src}")
        assert response.ok, src
        public = response.body()
        assert b"Park Sun-hee" not in public
        assert b"TraceablePhoneMaker" not in public
        published = tmp_path / f"public-{lang}.jpg"
        published.write_bytes(public)
        with Image.open(published) as image:
            exif = image.getexif()
            assert not exif.get_ifd(0x8825), "the public photo still carries GPS coordinates"
            assert 0x010F not in exif and 0x013B not in exif


# --- Links between the apps ----------------------------------------------------------------------


def test_portal_submission_is_triaged_into_a_desk_report(live_server, browser_context_factory, sign_in):
    """From a portal message, the editor is first asked to add the source to the network; then
    her handler writes the desk report from the message, which keeps a link to the sealed original."""
    base = live_server.url
    editor, handler = EditorFactory(), ReporterFactory()
    source_submits(browser_context_factory, base)

    ed = sign_in(browser_context_factory().new_page(), base, editor)
    ed.goto(f"{base}/desk/inbox/")
    with ed.expect_navigation():
        ed.click("table.inbox tbody a")
    inbox_url = ed.url
    with ed.expect_navigation():
        ed.click("ol.conversation a[href*='/desk/reports/new/?portal=']")
    assert "/desk/sources/promote/" in ed.url
    ed.fill("input[name=pseudonym]", PSEUDONYM)
    ed.select_option("select[name=handler]", str(handler.pk))
    ed.select_option("select[name=region]", "cn-liaoning")
    ed.fill("input[name=active_since]", "2024-09")
    submit(ed, "form.stack button.primary")
    network_source = Source.objects.get(pseudonym=PSEUDONYM)

    hp = sign_in(browser_context_factory(mobile=True).new_page(), base, handler)
    hp.goto(inbox_url)
    with hp.expect_navigation():
        hp.click("ol.conversation a[href*='/desk/reports/new/?portal=']")
    assert hp.locator("select[name=source]").input_value() == str(network_source.pk)
    assert hp.locator("p.message-warning").count() == 1
    hp.fill("textarea[name=text]", REPORT_TEXT)
    hp.select_option("select[name=credibility]", "3")
    assert fits_phone(hp)
    shot(hp, "17-triage-report-ko-phone")
    submit(hp, "form.stack button.primary")
    report = Report.objects.get(source=network_source)
    assert report.portal_submission_id is not None
    assert hp.url == f"{base}/desk/reports/{report.pk}/"
    original = hp.locator(f"dl.facts a[href='{inbox_url.removeprefix(base)}']")
    assert original.count() == 1
    with hp.expect_navigation():
        original.click()
    assert PORTAL_MESSAGE in hp.locator("ol.conversation").inner_text()


def _published_story(editor):
    from sourcedesk.publish.tests.helpers import published_story

    return published_story(editor=editor)


def test_published_story_links_to_its_public_pages(live_server, browser_context_factory, sign_in):
    """An editor goes from a published story on the desk to its public article in each language."""
    editor = EditorFactory()
    story = _published_story(editor)
    assert story.state == State.PUBLISHED
    ed = sign_in(browser_context_factory().new_page(), live_server.url, editor)
    for lang, headline in (("ko", "탈북민 2명 쿤밍서 체포"), ("en", "Two defectors arrested in Kunming")):
        ed.goto(f"{live_server.url}/desk/stories/{story.pk}/")
        with ed.expect_navigation():
            ed.click(f"main a[href$='/{lang}/articles/{story.public_id}/']")
        assert ed.url == f"{live_server.url}/{lang}/articles/{story.public_id}/"
        assert ed.locator("h1").inner_text() == headline


def test_report_page_links_to_the_stories_that_cite_it(live_server, browser_context_factory, sign_in):
    """A report's page shows the stories linked to it, so an editor can see where it was used."""
    editor, handler = EditorFactory(), ReporterFactory()
    report = ReportFactory(source=SourceFactory(handler=handler))
    story = _published_story(editor)
    story.reports.add(report)
    ed = sign_in(browser_context_factory().new_page(), live_server.url, editor)
    ed.goto(f"{live_server.url}/desk/reports/{report.pk}/")
    assert ed.locator(f"main a[href='/desk/stories/{story.pk}/']").count() == 1


def test_claim_page_links_to_the_stories_that_cite_it(live_server, browser_context_factory, sign_in):
    """A claim's page shows the stories linked to it."""
    editor = EditorFactory()
    claim = ClaimFactory(statement=CLAIM_STATEMENT, created_by=editor)
    story = _published_story(editor)
    story.claims.add(claim)
    ed = sign_in(browser_context_factory().new_page(), live_server.url, editor)
    ed.goto(f"{live_server.url}/desk/claims/{claim.pk}/")
    assert ed.locator(f"main a[href='/desk/stories/{story.pk}/']").count() == 1


def test_editor_assigns_a_story_to_a_reporter(live_server, browser_context_factory, sign_in):
    """An editor starts a story and assigns it to the handler's reporter, who can then write it."""
    editor, reporter = EditorFactory(), ReporterFactory()
    ed = sign_in(browser_context_factory().new_page(), live_server.url, editor)
    ed.goto(f"{live_server.url}/desk/stories/new/")
    ed.fill("input[name=headline]", KO_HEADLINE)
    ed.select_option("select[name=reporter]", str(reporter.pk), timeout=2000)
    submit(ed, "form.story-form button[type=submit]")
    assert Story.objects.get(pk=story_pk(ed)).reporter == reporter


def test_korean_story_form_names_regions_in_korean(live_server, browser_context_factory, sign_in):
    """A reporter drafting in the Korean desk picks the region by its Korean name."""
    from sourcedesk.stories.models import Region

    region, _ = Region.objects.get_or_create(
        slug="liaoning", defaults={"name_ko": "랴오닝성", "name_en": "Liaoning", "country": "cn"}
    )
    rp = sign_in(browser_context_factory().new_page(), live_server.url, ReporterFactory())
    rp.goto(f"{live_server.url}/desk/stories/new/")
    assert rp.locator("html").get_attribute("lang") == "ko"
    label = rp.locator(f"select[name=region] option[value='{region.pk}']").inner_text()
    assert label == "랴오닝성"
