"""The desk names regions and tags in its own language: Korean names on the Korean desk."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import translation

from sourcedesk.accounts.tests.factories import UserFactory
from sourcedesk.accounts.tests.helpers import login
from sourcedesk.stories import services
from sourcedesk.stories.forms import StoryCreateForm, StoryDetailsForm
from sourcedesk.stories.models import Region
from sourcedesk.stories.tests.factories import RegionFactory, TagFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporter():
    return UserFactory(role="reporter")


@pytest.fixture
def places():
    """Regions (the desk's own, seeded) and tags whose Korean and English names sort differently."""
    return {
        "liaoning": RegionFactory(slug="liaoning", name_ko="랴오닝성", name_en="Liaoning", country="cn"),
        "jilin": RegionFactory(slug="jilin", name_ko="지린성", name_en="Jilin", country="cn"),
        "defectors": TagFactory(slug="defectors", name_ko="탈북민", name_en="Defectors"),
        "markets": TagFactory(slug="markets", name_ko="장마당", name_en="Markets"),
    }


def _client(user, language: str) -> Client:
    client = Client()
    client.cookies["sd_lang"] = language
    return login(client, user)


def _options(page: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert select, f"no select named {name}"
    return [
        label
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1))
        if value
    ]


def _labels(form, name: str) -> list[str]:
    return [str(label) for value, label in form.fields[name].choices if value != ""]


@pytest.mark.parametrize("form_class", [StoryCreateForm, StoryDetailsForm])
def test_forms_label_regions_and_tags_in_the_active_language(form_class, places):
    """Labels follow the language the form is rendered in, sorted by that name (regions by country)."""
    form = form_class()
    regions = Region.objects.all()
    with translation.override("ko"):
        labels = _labels(form, "region")
        assert sorted(labels) == sorted(r.name_ko for r in regions)
        assert labels.index("랴오닝성") < labels.index("지린성")
        assert _labels(form, "tags") == ["장마당", "탈북민"]
    with translation.override("en"):
        labels = _labels(form, "region")
        assert sorted(labels) == sorted(r.name_en for r in regions)
        assert labels.index("Jilin") < labels.index("Liaoning")
        assert _labels(form, "tags") == ["Defectors", "Markets"]


def test_korean_new_story_page_names_regions_and_tags_in_korean(reporter, places):
    """The Korean desk's new-story page offers 랴오닝성, not Liaoning."""
    page = _client(reporter, "ko").get("/desk/stories/new/").content.decode()
    assert '<html lang="ko"' in page
    assert f'<option value="{places["liaoning"].pk}">랴오닝성</option>' in page
    assert "탈북민" in _options(page, "tags") and "Defectors" not in page


def test_english_new_story_page_names_regions_and_tags_in_english(reporter, places):
    """The English desk's new-story page offers Liaoning."""
    page = _client(reporter, "en").get("/desk/stories/new/").content.decode()
    assert f'<option value="{places["liaoning"].pk}">Liaoning</option>' in page
    assert "랴오닝성" not in page
    assert _options(page, "tags") == ["Defectors", "Markets"]


def test_details_page_names_regions_and_tags_in_the_desks_language(reporter, places):
    """The details form keeps the story's region selected, under its Korean name on the Korean desk."""
    story = services.story_create(actor=reporter, headline="기사", region=places["liaoning"])
    page = _client(reporter, "ko").get(f"/desk/stories/{story.pk}/details/").content.decode()
    assert f'<option value="{places["liaoning"].pk}" selected>랴오닝성</option>' in page
    assert _options(page, "tags") == ["장마당", "탈북민"]


def test_story_page_shows_the_region_and_tags_in_the_desks_language(reporter, places):
    """The story page names its region and tags once, in the page's language."""
    story = services.story_create(
        actor=reporter, headline="기사", region=places["liaoning"], tags=[places["defectors"]]
    )
    korean = _client(reporter, "ko").get(f"/desk/stories/{story.pk}/").content.decode()
    assert '<span class="region">랴오닝성</span>' in korean and '<span class="tag">탈북민</span>' in korean
    assert "Liaoning" not in korean and "Defectors" not in korean
    english = _client(reporter, "en").get(f"/desk/stories/{story.pk}/").content.decode()
    assert (
        '<span class="region">Liaoning</span>' in english and '<span class="tag">Defectors</span>' in english
    )
    assert "랴오닝성" not in english and "탈북민" not in english
