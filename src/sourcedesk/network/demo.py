"""Invented demo sources for ``sourcedesk demo``: no real person, place detail or contact."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import Source, SourceChange
from .services import identity_card_seal, source_register, source_update

# pseudonym, handler, region, channel, since, first grade, later grade, status
DEMO_SOURCES = [
    ("양강-17", "reporter", "kp-ryanggang", "phone", date(2019, 4, 1), "C", "B", "active"),
    ("함북-42", "reporter", "kp-north-hamgyong", "messenger", date(2021, 9, 1), "F", "C", "active"),
    ("평양-55", "reporter", "kp-pyongyang", "messenger", date(2022, 2, 1), "F", "F", "dormant"),
    ("요녕-23", "reporter2", "cn-liaoning", "phone", date(2018, 11, 1), "C", "B", "active"),
    ("운남-31", "reporter", "cn-yunnan", "in_person", date(2023, 6, 1), "F", "C", "active"),
    ("길림-64", "reporter2", "cn-jilin", "phone", date(2020, 3, 1), "B", "D", "compromised"),
]


def seed(*, stdout) -> None:
    """Create the demo sources with grade histories and one sealed identity card (idempotent)."""
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=["editor", "reporter", "reporter2"])
    }
    if len(users) < 3:
        stdout.write("network: demo users missing; skipped")
        return
    editor = users["editor"]
    created = 0
    for pseudonym, handler, region, channel, since, first, later, status in DEMO_SOURCES:
        if Source.objects.filter(pseudonym=pseudonym).exists():
            continue
        source = source_register(
            by_user=editor,
            handler=users[handler],
            region=region,
            channel=channel,
            active_since=since,
            grade=first,
            pseudonym=pseudonym,
            custodian=editor if pseudonym == "양강-17" else None,
        )
        if later != first:
            source_update(
                source=source,
                by_user=editor,
                version=source.version,
                grade=later,
                reason="교차 확인된 보고가 쌓임 (데모)"
                if later < first
                else "보고 두 건이 사실과 달랐음 (데모)",
            )
        if status != "active":
            source_update(
                source=source,
                by_user=users[handler],
                version=source.version,
                status=status,
                reason="데모 상태 변경",
            )
        _spread_history(source=source, since=since)
        if pseudonym == "양강-17":
            identity_card_seal(
                source=source,
                by_user=users[handler],
                real_name="가상 인물 (데모)",
                contact_plan="데모용으로 지어낸 연락 계획입니다. 실제 연락처가 아닙니다.",
                notes="데모",
            )
        created += 1
    stdout.write(f"network: {created} demo sources created")


def _spread_history(*, source: Source, since: date) -> None:
    """Date the demo history over the source's years, so the grade chart has a shape."""
    Source.objects.filter(pk=source.pk).update(created_on=since)
    changes = list(SourceChange.objects.filter(source=source).order_by("pk"))
    step = max((timezone.localdate() - since).days // (len(changes) + 1), 1)
    for i, change in enumerate(changes):
        day = since + timedelta(days=step * i)
        when = timezone.make_aware(datetime.combine(day, time(12)))
        SourceChange.objects.filter(pk=change.pk).update(changed_at=when)
