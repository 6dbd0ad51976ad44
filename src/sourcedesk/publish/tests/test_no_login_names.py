"""Staff login names never reach the public zone: not on pages, not in feeds, not in the export."""

from __future__ import annotations

import pytest

from sourcedesk.accounts.tests.factories import UserFactory
from sourcedesk.publish.export import export_site
from sourcedesk.stories import services
from sourcedesk.stories.tests.factories import RegionFactory, TagFactory

pytestmark = pytest.mark.django_db

LOGINS = ("rp-login-kx7", "tr-login-kx7", "ed-login-kx7", "ed2-login-kx7")


def _publish_with_nameless_staff():
    reporter, translator, editor, corrector = (
        UserFactory(username=login, display_name="", role=role, with_keys=False)
        for login, role in zip(LOGINS, ("reporter", "translator", "editor", "editor"), strict=True)
    )
    tag = TagFactory(slug="markets", name_ko="장마당", name_en="Markets")
    region = RegionFactory(slug="ryanggang", name_ko="양강도", name_en="Ryanggang")
    story = services.story_create(
        actor=reporter, headline="장마당 쌀값 상승", body="쌀값이 올랐다.", tags=[tag], region=region
    )
    services.story_send_to_translation(actor=reporter, story=story)
    english = story.editions.get(language="en")
    services.edition_save(
        actor=translator,
        edition=english,
        headline="Rice prices rise",
        standfirst="Markets",
        body="Rice prices rose.",
        expected_version=english.version,
    )
    services.story_send_to_edit(actor=translator, story=story)
    services.story_publish(actor=editor, story=story)
    services.story_correct(
        actor=corrector, story=story, note_ko="가격을 고쳤다.", note_en="We fixed a price."
    )
    return story


def _assert_no_login(text: str, where: str) -> None:
    for login in LOGINS:
        assert login not in text.lower(), (login, where)


def test_staff_without_a_display_name_are_never_named_publicly(client, tmp_path):
    """With no display name, reporter, translator and editors are not credited; no login name is on
    any public page, feed, sitemap or exported file, and the desk byline stands alone."""
    story = _publish_with_nameless_staff()
    paths = [
        "/ko/",
        "/en/",
        f"/ko/articles/{story.public_id}/",
        f"/en/articles/{story.public_id}/",
        "/ko/feed.atom",
        "/en/feed.atom",
        "/sitemap.xml",
        "/ko/tags/markets/",
        "/en/tags/markets/",
        "/ko/regions/ryanggang/",
        "/en/regions/ryanggang/",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        _assert_no_login(response.content.decode(), path)
    article = client.get(f"/en/articles/{story.public_id}/").content.decode()
    assert "Translated by" not in article and "Edited by" not in article
    assert "We fixed a price." in article
    target = tmp_path / "mirror"
    export_site(target)
    exported = [path for path in target.rglob("*") if path.is_file()]
    assert any(path.name == "feed.atom" for path in exported)
    for path in exported:
        _assert_no_login(path.read_bytes().decode("utf-8", "replace"), str(path))


def test_migration_drops_login_names_from_credits_already_published():
    """Credits published before the rule, holding a login name, are removed by the data migration;
    display-name credits stay."""
    import importlib

    from django.apps import apps

    from sourcedesk.publish.models import PublishedEdition
    from sourcedesk.publish.tests.helpers import published_story

    migration = importlib.import_module("sourcedesk.publish.migrations.0003_drop_login_name_credits")
    UserFactory(username="old-login-kx7", display_name="", role="translator", with_keys=False)
    story = published_story()
    english = PublishedEdition.objects.get(story=story, language="en")
    english.credits = [["Translated by", "OLD-LOGIN-KX7"], ["Edited by", "Duty Editor"]]
    english.save()
    migration.drop_login_name_credits(apps, None)
    english.refresh_from_db()
    assert english.credits == [["Edited by", "Duty Editor"]]
