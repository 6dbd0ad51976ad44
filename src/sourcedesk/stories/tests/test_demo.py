"""The demo stories: one published, one held by the (real) gate; seeding twice changes nothing."""

from io import StringIO

import pytest

from sourcedesk.accounts.tests.factories import UserFactory
from sourcedesk.publish.models import PublishedEdition
from sourcedesk.stories import demo, services
from sourcedesk.stories.models import State, Story

pytestmark = pytest.mark.django_db


def test_demo_seed_publishes_one_story_and_holds_one(real_scanner):
    """The published demo story passes the real scanner; the held one is blocked by its phone number."""
    for name, role in (
        ("reporter", "reporter"),
        ("reporter2", "reporter"),
        ("translator", "translator"),
        ("editor", "editor"),
    ):
        UserFactory(username=name, role=role, with_keys=False)
    demo.seed(stdout=StringIO())
    demo.seed(stdout=StringIO())
    assert Story.objects.count() == 4
    published = Story.objects.get(state=State.PUBLISHED)
    assert PublishedEdition.objects.filter(story=published).count() == 2
    held = Story.objects.get(editions__headline=demo.HELD["en_headline"])
    assert held.state == State.IN_EDIT
    assert [f.kind for f in services.gate_check(story=held)] == ["phone"]
    assert held.events.filter(action="gate_refused").exists()
