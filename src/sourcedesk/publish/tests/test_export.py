"""The static export for mirrors: relative links, incremental rewrites, refusing foreign folders."""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.core.management import CommandError, call_command

from sourcedesk.accounts.tests.factories import UserFactory
from sourcedesk.publish.export import MANIFEST, ExportRefused, export_site, file_for, relativise
from sourcedesk.stories import services
from sourcedesk.stories.tests.factories import RegionFactory, TagFactory

from .helpers import published_story

pytestmark = pytest.mark.django_db


def _links(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="([^"]+)"', html)


def test_relativise_rewrites_root_links_from_the_page_folder():
    """Root-relative links become relative to the page's file; directories point at index.html."""
    html = '<a href="/en/articles/abc/">x</a><link href="/static/publish/publish.css"><a href="https://x.org/">y</a>'
    out = relativise(html, "/ko/articles/abc/")
    assert 'href="../../../en/articles/abc/index.html"' in out
    assert 'href="../../../static/publish/publish.css"' in out
    assert 'href="https://x.org/"' in out
    assert relativise('<a href="/">h</a>', "/") == '<a href="index.html">h</a>'
    assert file_for("/ko/feed.atom") == "ko/feed.atom"


def test_export_writes_every_page_with_links_that_resolve(tmp_path):
    """Every local link in every exported page points at a file that exists in the export."""
    tag = TagFactory(slug="arrests", name_ko="체포", name_en="Arrests")
    region = RegionFactory(slug="yunnan", name_ko="윈난성", name_en="Yunnan")
    story = published_story(tags=[tag], region=region)
    target = tmp_path / "mirror"
    result = export_site(target)
    assert result.pages >= 9 and result.written == result.files and result.removed == 0
    for name in (
        "index.html",
        f"ko/articles/{story.public_id}/index.html",
        f"en/articles/{story.public_id}/index.html",
        "ko/index.html",
        "en/index.html",
        "en/tags/arrests/index.html",
        "ko/regions/yunnan/index.html",
        "ko/feed.atom",
        "en/feed.atom",
        "sitemap.xml",
        "static/publish/publish.css",
    ):
        assert (target / name).is_file(), name
    checked = 0
    for page in target.rglob("*.html"):
        for link in _links(page.read_text("utf-8")):
            if link.startswith(("http://", "https://", "mailto:")):
                continue
            assert not link.startswith("/"), (page, link)
            resolved = (page.parent / unquote(link.split("#")[0])).resolve()
            assert resolved.is_file(), (page, link)
            checked += 1
    assert checked > 20
    korean = (target / f"ko/articles/{story.public_id}/index.html").read_text("utf-8")
    assert f'href="../../../en/articles/{story.public_id}/index.html"' in korean
    assert "영어로 읽기" in korean


def test_second_run_rewrites_only_what_changed(tmp_path):
    """A second export writes nothing; after a correction only the affected pages are rewritten."""
    story = published_story()
    other = published_story(ko_headline="다른 기사", en_headline="Another story")
    target = tmp_path / "mirror"
    first = export_site(target)
    untouched = target / f"ko/articles/{other.public_id}/index.html"
    before = untouched.stat().st_mtime_ns
    second = export_site(target)
    assert second.written == 0 and second.unchanged == first.files
    editor = UserFactory(role="editor", with_keys=False)
    english = story.editions.get(language="en")
    services.edition_save(
        actor=editor,
        edition=english,
        headline="Two defectors arrested in Yunnan",
        standfirst="Summary",
        body=english.body,
        expected_version=english.version,
    )
    services.story_correct(
        actor=editor, story=story, note_ko="지명을 바로잡았다.", note_en="We corrected the place."
    )
    third = export_site(target)
    assert 0 < third.written < first.files
    assert (
        "Two defectors arrested in Yunnan"
        in (target / f"en/articles/{story.public_id}/index.html").read_text()
    )
    assert untouched.stat().st_mtime_ns == before


def test_unpublished_story_is_removed_from_the_mirror(tmp_path):
    """A story taken down disappears from the next export, its folder included."""
    story = published_story()
    target = tmp_path / "mirror"
    export_site(target)
    editor = UserFactory(role="editor", with_keys=False)
    services.story_unpublish(actor=editor, story=story, reason="Source safety.")
    result = export_site(target)
    assert result.removed == 2
    assert not (target / "en" / "articles" / story.public_id).exists()
    assert story.public_id not in (target / "en/index.html").read_text()


def test_export_refuses_a_non_empty_folder_that_is_not_an_export(tmp_path):
    """A folder with someone's files is refused; --overwrite writes the site but deletes nothing of theirs."""
    published_story()
    target = tmp_path / "home"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    with pytest.raises(ExportRefused):
        export_site(target)
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]
    export_site(target, overwrite=True)
    assert (target / "notes.txt").read_text() == "mine"
    assert (target / MANIFEST).is_file()
    export_site(target)  # now a previous export: accepted without asking


def test_export_site_command(tmp_path):
    """`sourcedesk export-site DIR` prints what it did and refuses a foreign folder with an error."""
    published_story()
    out = StringIO()
    call_command("export_site", str(tmp_path / "m"), "--base-url", "https://mirror.example", stdout=out)
    assert "written" in out.getvalue() and "pages/s" in out.getvalue()
    sitemap = (tmp_path / "m" / "sitemap.xml").read_text()
    assert "https://mirror.example/ko/articles/" in sitemap
    manifest = json.loads((tmp_path / "m" / MANIFEST).read_text())
    assert "sitemap.xml" in manifest["files"]
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "a").write_text("x")
    with pytest.raises(CommandError):
        call_command("export_site", str(foreign), stdout=StringIO())


def test_exported_photos_are_the_scrubbed_copies(tmp_path, fake_scrubber, settings):
    """Photos in the export are the scrubbed public copies, never the upload."""
    settings.DATA_DIR = tmp_path / "data"
    reporter = UserFactory(role="reporter", with_keys=False)
    translator = UserFactory(role="translator", with_keys=False)
    editor = UserFactory(role="editor", with_keys=False)
    story = services.story_create(actor=reporter, headline="사진", body="본문")
    services.photo_add(
        actor=reporter,
        story=story,
        photo=services.PhotoInput(data=b"\xff\xd8GPSDATA\xff\xd9", filename="p.jpg", alt_en="x"),
    )
    services.story_send_to_translation(actor=reporter, story=story)
    english = story.editions.get(language="en")
    services.edition_save(
        actor=translator,
        edition=english,
        headline="Photo",
        standfirst="",
        body="Body",
        expected_version=english.version,
    )
    services.story_send_to_edit(actor=translator, story=story)
    services.story_publish(actor=editor, story=story)
    target = tmp_path / "mirror"
    export_site(target)
    photos = list((target / "media" / "photos").rglob("*.jpg"))
    assert len(photos) == 1
    assert b"GPSDATA" not in photos[0].read_bytes()
    page = (target / f"en/articles/{story.public_id}/index.html").read_text()
    src = re.search(r'<img src="([^"]+)"', page).group(1)
    assert (Path(target / f"en/articles/{story.public_id}") / src).resolve() == photos[0].resolve()


def test_publishing_refreshes_a_configured_mirror_export(
    tmp_path, settings, django_capture_on_commit_callbacks
):
    """With an export folder configured, publishing and unpublishing bring the mirror up to date."""
    settings.SOURCEDESK_EXPORT_DIR = str(tmp_path / "mirror")
    with django_capture_on_commit_callbacks(execute=True):
        story = published_story()
    page = tmp_path / "mirror" / "en" / "articles" / story.public_id / "index.html"
    assert page.is_file()
    editor = UserFactory(role="editor", with_keys=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.story_unpublish(actor=editor, story=story, reason="Source safety.")
    assert not page.exists()


def test_parallel_export_writes_the_same_files(tmp_path, monkeypatch):
    """Rendering in two processes gives byte-for-byte the same site as one process."""
    from sourcedesk.publish import export

    monkeypatch.setattr(export, "MIN_PAGES_PER_JOB", 1)
    for i in range(3):
        published_story(ko_headline=f"기사 {i}", en_headline=f"Story {i}")
    one = export_site(tmp_path / "one", jobs=1)
    two = export_site(tmp_path / "two", jobs=2)
    assert one.files == two.files and two.written == two.files
    for path in (tmp_path / "one").rglob("*"):
        if path.is_file() and path.name != MANIFEST:
            assert (
                path.read_bytes() == (tmp_path / "two" / path.relative_to(tmp_path / "one")).read_bytes()
            ), path
    assert json.loads((tmp_path / "one" / MANIFEST).read_text()) == json.loads(
        (tmp_path / "two" / MANIFEST).read_text()
    )
    again = export_site(tmp_path / "two", jobs=2)
    assert again.written == 0 and again.unchanged == again.files


def test_stylesheet_is_exported_where_pages_link_to_it(tmp_path, monkeypatch):
    """With hashed static names (production), the stylesheet is written under the name pages use."""
    from sourcedesk.publish import export

    monkeypatch.setattr(export, "static", lambda name: "/static/publish/publish.0123abcd.css")
    published_story()
    export_site(tmp_path / "m")
    assert (tmp_path / "m" / "static/publish/publish.0123abcd.css").is_file()
