"""Demo stories: invented, in both languages; one published, one held by the gate, two in progress."""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib.auth import get_user_model

from . import services
from .models import Edition, Region, Tag

TAGS = [
    ("broker-fees", "브로커 비용", "Broker fees"),
    ("arrests", "체포", "Arrests"),
    ("markets", "장마당", "Markets"),
    ("repatriation", "강제송환", "Repatriation"),
]

PUBLISHED: dict[str, Any] = {
    "ko_headline": "탈북민 2명, 쿤밍 검문에서 체포…브로커 비용은 평소의 4분의 1",
    "ko_standfirst": "등록된 휴대전화로 위치가 드러난 것으로 알려졌다.",
    "ko_body": (
        "중국 랴오닝성에 머물던 탈북민 두 명이 택시로 나흘을 이동해 윈난성 쿤밍에 도착했다가 "
        "공안의 신분증 검문에서 체포됐다고 중국 내 소식통이 전했다.\n\n"
        "소식통에 따르면 이들을 안내한 브로커는 1인당 250만 원을 요구했다. "
        "같은 경로의 비용은 보통 1인당 1000만 원 안팎이다.\n\n"
        "공안은 두 사람 명의로 등록된 휴대전화를 추적해 이들을 찾아낸 것으로 알려졌다."
    ),
    "en_headline": "Two defectors arrested at a Kunming checkpoint; broker charged a quarter of the usual fee",
    "en_standfirst": "Police are said to have traced them through their registered phones.",
    "en_body": (
        "Two North Korean defectors who had been staying in Liaoning province travelled four days by "
        "taxi to Kunming, Yunnan, where they were arrested at a police ID check, a source in China said.\n\n"
        "The broker who guided them asked KRW 2.5 million each, according to the source. "
        "The same route usually costs around KRW 10 million per person.\n\n"
        "Police reportedly found the two by tracking phones registered in their names."
    ),
    "tags": ["broker-fees", "arrests"],
    "region": "yunnan",
}

HELD: dict[str, Any] = {
    "ko_headline": "혜산 장마당 쌀값 한 달 새 20% 올라",
    "ko_body": (
        "양강도 혜산의 장마당에서 쌀값이 한 달 사이 20%가량 올랐다고 현지 소식통이 전했다.\n\n"
        "상인들은 국경 통제가 강화되면서 중국산 쌀 반입이 줄었다고 말했다."
    ),
    "en_headline": "Rice prices in Hyesan markets up 20% in a month",
    # The English edition still carries a phone number: the gate holds the story.
    "en_body": (
        "Rice prices in markets in Hyesan, Ryanggang province, rose by about 20% in a month, "
        "a local source said.\n\nTraders blamed tighter border controls for fewer imports of Chinese rice. "
        "The trader can be reached on 010-3141-5926."
    ),
    "tags": ["markets"],
    "region": "ryanggang",
}

IN_TRANSLATION: dict[str, Any] = {
    "ko_headline": "국경 경비대, 밀수 단속 앞두고 야간 순찰 늘려",
    "ko_body": (
        "함경북도 국경 지역에서 경비대가 야간 순찰을 늘렸다고 소식통이 전했다.\n\n"
        "주민들은 단속이 다음 달까지 이어질 것으로 보고 있다."
    ),
    "en_headline": "Border guards step up night patrols before a smuggling crackdown",
    "en_body": "Border guards in North Hamgyong have increased night patrols, a source said.",
    "tags": ["arrests"],
    "region": "north-hamgyong",
}

DRAFT: dict[str, Any] = {
    "ko_headline": "강제송환 앞둔 탈북민 가족들 '소식 끊겨'",
    "ko_body": "중국 지린성에서 체포된 탈북민들의 가족이 연락이 끊겼다고 호소했다.",
    "tags": ["repatriation"],
    "region": "jilin",
}


def _user(username: str):
    return get_user_model().objects.filter(username=username).first()


def _exists(headline: str) -> bool:
    return Edition.objects.filter(language="ko", headline=headline).exists()


def _start(spec: dict, reporter):
    return services.story_create(
        actor=reporter,
        headline=spec["ko_headline"],
        standfirst=spec.get("ko_standfirst", ""),
        body=spec["ko_body"],
        region=Region.objects.filter(slug=spec["region"]).first(),
        tags=list(Tag.objects.filter(slug__in=spec["tags"])),
    )


def _translate(story, spec: dict, translator) -> None:
    english = story.editions.get(language="en")
    services.edition_save(
        actor=translator,
        edition=english,
        headline=spec["en_headline"],
        standfirst=spec.get("en_standfirst", ""),
        body=spec["en_body"],
        expected_version=english.version,
    )


def seed(*, stdout) -> None:
    """Create the demo stories once; running again changes nothing."""
    for slug, name_ko, name_en in TAGS:
        Tag.objects.get_or_create(slug=slug, defaults={"name_ko": name_ko, "name_en": name_en})
    reporter, reporter2 = _user("reporter"), _user("reporter2") or _user("reporter")
    translator, editor = _user("translator"), _user("editor")
    if not (reporter and translator and editor):
        stdout.write("stories: demo users missing; skipped")
        return
    created = 0
    if not _exists(PUBLISHED["ko_headline"]):
        story = _start(PUBLISHED, reporter)
        services.story_send_to_translation(actor=reporter, story=story)
        _translate(story, PUBLISHED, translator)
        services.story_send_to_edit(actor=translator, story=story)
        services.story_approve(actor=editor, story=story)
        services.story_publish(actor=editor, story=story)
        created += 1
    if not _exists(HELD["ko_headline"]):
        story = _start(HELD, reporter)
        services.story_send_to_translation(actor=reporter, story=story)
        _translate(story, HELD, translator)
        services.story_send_to_edit(actor=translator, story=story)
        with contextlib.suppress(services.GateRefused):  # held by the gate, as the demo intends
            services.story_publish(actor=editor, story=story)
        created += 1
    if not _exists(IN_TRANSLATION["ko_headline"]):
        story = _start(IN_TRANSLATION, reporter2)
        services.story_send_to_translation(actor=reporter2, story=story)
        _translate(story, IN_TRANSLATION, translator)
        created += 1
    if not _exists(DRAFT["ko_headline"]):
        _start(DRAFT, reporter2)
        created += 1
    stdout.write(f"stories: {created} demo stories created (one published, one held by the gate)")
