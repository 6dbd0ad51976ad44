"""Publish a story through the real workflow, for tests of the public site."""

from __future__ import annotations

from sourcedesk.accounts.tests.factories import UserFactory
from sourcedesk.stories import services
from sourcedesk.stories.models import Story


def published_story(
    *,
    ko_headline: str = "탈북민 2명 쿤밍서 체포",
    ko_body: str = "중국 랴오닝성을 떠난 탈북민 두 명이 체포됐다.\n\n브로커는 1인당 250만 원을 요구했다.",
    en_headline: str = "Two defectors arrested in Kunming",
    en_body: str = "Two defectors who left Liaoning were arrested.\n\nThe broker asked KRW 2.5 million each.",
    region=None,
    tags=(),
    people: str = "",
    editor=None,
) -> Story:
    """Return a story taken from draft to published by a reporter, a translator and an editor."""
    reporter = UserFactory(role="reporter", with_keys=False)
    translator = UserFactory(role="translator", display_name="Night Translator", with_keys=False)
    editor = editor or UserFactory(role="editor", display_name="Duty Editor", with_keys=False)
    story = services.story_create(
        actor=reporter,
        headline=ko_headline,
        standfirst="요약",
        body=ko_body,
        region=region,
        tags=list(tags),
        people=people,
    )
    services.story_send_to_translation(actor=reporter, story=story)
    english = story.editions.get(language="en")
    services.edition_save(
        actor=translator,
        edition=english,
        headline=en_headline,
        standfirst="Summary",
        body=en_body,
        expected_version=english.version,
    )
    services.story_send_to_edit(actor=translator, story=story)
    services.story_publish(actor=editor, story=story)
    story.refresh_from_db()
    return story
