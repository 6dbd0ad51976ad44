"""Factories for stories: a story with both editions, in any state."""

from __future__ import annotations

import factory

from sourcedesk.accounts.tests.factories import UserFactory
from sourcedesk.stories.models import Edition, Region, State, Story, Tag


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"region-{n}")
    name_ko = factory.Sequence(lambda n: f"지역{n}")
    name_en = factory.Sequence(lambda n: f"Region {n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"tag-{n}")
    name_ko = factory.Sequence(lambda n: f"태그{n}")
    name_en = factory.Sequence(lambda n: f"Tag {n}")


class StoryFactory(factory.django.DjangoModelFactory):
    """A bare story; use :func:`story_with_editions` for one with text."""

    class Meta:
        model = Story

    reporter = factory.SubFactory(UserFactory, role="reporter", with_keys=False)
    state = State.DRAFT


def story_with_editions(
    *,
    ko_headline: str = "국경 단속 강화",
    ko_body: str = "첫째 문단입니다.\n\n둘째 문단입니다.",
    en_headline: str = "",
    en_body: str = "",
    **kwargs,
) -> Story:
    """Return a story with a Korean edition and an English one (empty unless given)."""
    story = StoryFactory(**kwargs)
    Edition.objects.create(story=story, language="ko", headline=ko_headline, body=ko_body)
    Edition.objects.create(story=story, language="en", headline=en_headline, body=en_body)
    return story
