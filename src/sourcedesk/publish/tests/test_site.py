"""The public bilingual site: articles, language links, tags, regions, feeds, sitemap."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from sourcedesk.accounts.tests.factories import UserFactory
from sourcedesk.publish.cache import bump_generation, cached_page
from sourcedesk.stories import services
from sourcedesk.stories.tests.factories import RegionFactory, TagFactory

from .helpers import published_story

pytestmark = pytest.mark.django_db


def test_korean_article_renders_and_links_to_the_english_edition(client):
    """The Korean page is in Korean, declares hreflang alternates, and links to the English edition."""
    story = published_story()
    response = client.get(f"/ko/articles/{story.public_id}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ko">' in html
    assert "탈북민 2명 쿤밍서 체포" in html
    assert "영어로 읽기" in html
    assert f'href="/en/articles/{story.public_id}/"' in html
    assert f'hreflang="en" href="http://testserver/en/articles/{story.public_id}/"' in html
    assert f'hreflang="ko" href="http://testserver/ko/articles/{story.public_id}/"' in html
    assert 'property="og:title" content="탈북민 2명 쿤밍서 체포"' in html
    assert 'property="og:locale" content="ko_KR"' in html
    assert 'property="og:description" content="요약"' in html
    day = timezone.localtime(story.first_published_at).strftime("%Y-%m-%d")
    assert f">{day}</time>" in html
    assert (
        f'property="article:published_time" content="{timezone.localtime(story.first_published_at).isoformat()}"'
        in html
    )


def test_english_article_is_in_english_and_links_back(client):
    """The English page's interface is English and offers "Read in Korean"."""
    story = published_story()
    html = client.get(f"/en/articles/{story.public_id}/").content.decode()
    assert '<html lang="en">' in html
    assert "Read in Korean" in html
    assert f'href="/ko/articles/{story.public_id}/"' in html
    assert "Translated by" in html
    assert "North Korea desk" in html


def test_public_pages_need_no_script_and_load_nothing_from_other_hosts(client):
    """Articles carry no <script>, no inline style, only same-host assets, and a no-script CSP."""
    story = published_story()
    response = client.get(f"/en/articles/{story.public_id}/")
    html = response.content.decode()
    assert "<script" not in html
    assert "style=" not in html
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert url.startswith(("/", "http://testserver/")), url
    assert "script-src" not in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_markdown_with_html_and_scripts_is_rendered_inert(client):
    """Raw HTML, scripts, event handlers and javascript: links in a body never become markup."""
    hostile = (
        "Hello <script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n"
        '[click](javascript:alert(3)) and <a href="http://evil.example">x</a>\n\n**bold** [ok](https://example.org)'
    )
    story = published_story(en_body=hostile)
    html = client.get(f"/en/articles/{story.public_id}/").content.decode()
    body = html.split('<div class="body">', 1)[1].split("</div>", 1)[0]
    assert (
        "<script" not in body
        and "<img" not in body
        and "javascript:" not in body.replace("javascript:alert(3)", "")
    )
    assert "&lt;script&gt;" in body
    assert 'href="javascript' not in body
    assert "<strong>bold</strong>" in body
    assert 'href="https://example.org" rel="noopener noreferrer nofollow"' in body


def test_drafts_and_desk_data_never_reach_the_public_site(client):
    """An unpublished story is a 404, and a published page shows neither the people list nor desk ids."""
    reporter = UserFactory(role="reporter", with_keys=False)
    draft = services.story_create(actor=reporter, headline="비공개 초안", body="본문")
    assert client.get(f"/ko/articles/{draft.public_id}/").status_code == 404
    story = published_story(people="박비밀")
    html = client.get(f"/ko/articles/{story.public_id}/").content.decode()
    assert "박비밀" not in html
    assert str(story.key) not in html


def test_unpublished_story_disappears(client):
    """After unpublishing, both editions answer 404 and leave the home page."""
    story = published_story()
    editor = UserFactory(role="editor", with_keys=False)
    services.story_unpublish(actor=editor, story=story, reason="Risk to a source.")
    assert client.get(f"/ko/articles/{story.public_id}/").status_code == 404
    assert client.get(f"/en/articles/{story.public_id}/").status_code == 404
    assert story.public_id not in client.get("/en/").content.decode()


def test_home_pages_list_stories_in_their_language(client):
    """/ko/ lists Korean headlines with a Korean interface; /en/ English ones."""
    published_story()
    ko = client.get("/ko/").content.decode()
    en = client.get("/en/").content.decode()
    assert "탈북민 2명 쿤밍서 체포" in ko and "최신 기사" in ko
    assert "Two defectors arrested in Kunming" in en and "Latest stories" in en
    assert "Two defectors" not in ko


def test_root_redirects_to_korean(client):
    """The bare site address goes to the Korean home page."""
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/ko/"


def test_tag_and_region_pages(client):
    """Tag and region pages list their articles, named in the page's language."""
    tag = TagFactory(slug="broker-fees", name_ko="브로커 비용", name_en="Broker fees")
    region = RegionFactory(slug="liaoning", name_ko="랴오닝성", name_en="Liaoning")
    story = published_story(tags=[tag], region=region)
    en_tag = client.get("/en/tags/broker-fees/").content.decode()
    assert "Tag: Broker fees" in en_tag and f"/en/articles/{story.public_id}/" in en_tag
    ko_region = client.get("/ko/regions/liaoning/").content.decode()
    assert "랴오닝성" in ko_region and f"/ko/articles/{story.public_id}/" in ko_region
    article = client.get(f"/en/articles/{story.public_id}/").content.decode()
    assert 'href="/en/tags/broker-fees/"' in article and 'href="/en/regions/liaoning/"' in article
    assert client.get("/en/tags/no-such-tag/").status_code == 404


def test_correction_note_is_shown(client):
    """A corrected article shows its correction note in the page's language."""
    story = published_story()
    editor = UserFactory(role="editor", with_keys=False)
    services.story_correct(
        actor=editor, story=story, note_ko="날짜를 바로잡았습니다.", note_en="We corrected the date."
    )
    assert "We corrected the date." in client.get(f"/en/articles/{story.public_id}/").content.decode()
    ko = client.get(f"/ko/articles/{story.public_id}/").content.decode()
    assert "날짜를 바로잡았습니다." in ko and "정정" in ko


def test_atom_feed_per_language(client):
    """Each language has a well-formed Atom feed of its own editions."""
    story = published_story()
    response = client.get("/en/feed.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    assert len(entries) == 1
    assert entries[0].find("a:title", ns).text == "Two defectors arrested in Kunming"
    assert entries[0].find("a:id", ns).text == f"urn:sourcedesk:{story.public_id}:en"
    ko_root = ET.fromstring(client.get("/ko/feed.atom").content)  # noqa: S314
    assert ko_root.findall("a:entry", ns)[0].find("a:title", ns).text == "탈북민 2명 쿤밍서 체포"


def test_sitemap_lists_both_editions_with_alternates(client):
    """sitemap.xml names each edition and its hreflang alternates."""
    story = published_story()
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314
    locs = [el.text for el in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert f"http://testserver/ko/articles/{story.public_id}/" in locs
    assert f"http://testserver/en/articles/{story.public_id}/" in locs
    links = list(root.iter("{http://www.w3.org/1999/xhtml}link"))
    assert {link.get("hreflang") for link in links} == {"ko", "en"}


def test_listing_pages_paginate(client, settings):
    """Home pages page through older stories by path, so a static export can follow them."""
    from sourcedesk.publish import site

    settings.DEBUG = False
    original = site.PAGE_SIZE
    site.PAGE_SIZE = 1
    try:
        published_story(ko_headline="첫 기사")
        published_story(ko_headline="둘째 기사")
        first = client.get("/ko/").content.decode()
        assert "둘째 기사" in first and 'href="/ko/page/2/"' in first
        assert "첫 기사" in client.get("/ko/page/2/").content.decode()
        assert client.get("/ko/page/3/").status_code == 404
    finally:
        site.PAGE_SIZE = original


def test_published_photo_is_served_from_the_public_zone(client, fake_scrubber, settings, tmp_path):
    """A story's scrubbed photo is copied to public media on publication and served under /media/."""
    settings.DATA_DIR = tmp_path
    reporter = UserFactory(role="reporter", with_keys=False)
    translator = UserFactory(role="translator", with_keys=False)
    editor = UserFactory(role="editor", with_keys=False)
    story = services.story_create(actor=reporter, headline="사진 기사", body="본문")
    services.photo_add(
        actor=reporter,
        story=story,
        photo=services.PhotoInput(
            data=b"\xff\xd8RAW\xff\xd9",
            filename="a.jpg",
            caption_en="A market",
            alt_en="Stalls",
            is_file_photo=True,
        ),
    )
    services.story_send_to_translation(actor=reporter, story=story)
    english = story.editions.get(language="en")
    services.edition_save(
        actor=translator,
        edition=english,
        headline="Photo story",
        standfirst="",
        body="Body",
        expected_version=english.version,
    )
    services.story_send_to_edit(actor=translator, story=story)
    services.story_publish(actor=editor, story=story)
    html = client.get(f"/en/articles/{story.public_id}/").content.decode()
    url = re.search(r'<img src="(/media/photos/[^"]+)" alt="Stalls">', html).group(1)
    assert "File photo" in html
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8SCRUBBED")
    assert client.get("/media/photos/../../sourcedesk.sqlite3").status_code == 404


def test_page_cache_is_dropped_when_the_site_changes(settings):
    """A cached page is reused until something is published, then rendered afresh."""
    settings.SOURCEDESK_PUBLIC_CACHE = True
    calls = []

    def render():
        calls.append(1)
        return f"page {len(calls)}"

    assert cached_page(("x", "/en/articles/a/"), render) == "page 1"
    assert cached_page(("x", "/en/articles/a/"), render) == "page 1"
    bump_generation()
    assert cached_page(("x", "/en/articles/a/"), render) == "page 2"


def test_article_page_is_one_query(client, django_assert_num_queries):
    """An article page reads one row: tags and region names are stored with the published copy."""
    tag = TagFactory(slug="markets", name_ko="장마당", name_en="Markets")
    region = RegionFactory(slug="ryanggang", name_ko="양강도", name_en="Ryanggang")
    story = published_story(tags=[tag], region=region)
    with django_assert_num_queries(1):
        html = client.get(f"/en/articles/{story.public_id}/").content.decode()
    assert ">Markets</a>" in html and ">Ryanggang</a>" in html


def _with_early_cache(settings):
    settings.SOURCEDESK_PUBLIC_CACHE = True
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("sourcedesk.core.middleware.SecurityHeadersMiddleware") + 1,
        "sourcedesk.publish.middleware.PublicPageCacheMiddleware",
    )
    settings.MIDDLEWARE = middleware


def test_early_cache_middleware_serves_the_same_page_with_the_same_headers(
    client, settings, django_assert_num_queries
):
    """A repeat article request is answered from the worker's cache, headers and bytes unchanged."""
    _with_early_cache(settings)
    story = published_story()
    url = f"/en/articles/{story.public_id}/"
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == first.content
    for header in (
        "Content-Security-Policy",
        "Content-Language",
        "X-Frame-Options",
        "Content-Type",
        "Cache-Control",
    ):
        assert second[header] == first[header], header
    assert "Set-Cookie" not in second


def test_early_cache_middleware_forgets_pages_when_the_site_changes(
    client, settings, django_capture_on_commit_callbacks
):
    """After an unpublish, the cached page is not served again."""
    _with_early_cache(settings)
    story = published_story()
    url = f"/ko/articles/{story.public_id}/"
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        services.story_unpublish(
            actor=UserFactory(role="editor", with_keys=False), story=story, reason="Safety."
        )
    assert client.get(url).status_code == 404


def test_reporter_is_not_named_on_the_public_page(client):
    """The byline is the desk's by default: the reporter (a source's handler) is not named."""
    story = published_story()
    html = client.get(f"/ko/articles/{story.public_id}/").content.decode()
    assert str(story.reporter) not in html
    assert "Sourcedesk 북한팀" in html


def test_header_language_switch_on_an_article_leads_to_the_other_edition(client):
    """On an article, the masthead's language switch opens the same story in the other language."""
    story = published_story()
    ko_html = client.get(f"/ko/articles/{story.public_id}/").content.decode()
    assert re.search(
        rf'<a href="/en/articles/{story.public_id}/" hreflang="en" lang="en">English</a>', ko_html
    )
    en_html = client.get(f"/en/articles/{story.public_id}/").content.decode()
    assert re.search(
        rf'<a href="/ko/articles/{story.public_id}/" hreflang="ko" lang="ko">한국어</a>', en_html
    )
