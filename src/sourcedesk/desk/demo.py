"""Invented demo reports and claims for ``sourcedesk demo``."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model

from sourcedesk.network.models import Source

from .models import Claim
from .services import claim_create, claim_update, report_log

# pseudonym, received, event, precision, credibility, first-hand, tags, text
DEMO_REPORTS = [
    (
        "운남-31",
        date(2024, 10, 21),
        date(2024, 10, 1),
        "month",
        2,
        True,
        "arrest border",
        "두 사람이 택시로 나흘을 이동해 쿤밍에 도착한 뒤 경찰 신분 검사에서 체포되었다고 전했다. 등록된 휴대전화로 위치가 드러났다고 한다.",
    ),
    (
        "요녕-23",
        date(2024, 10, 24),
        date(2024, 10, 1),
        "month",
        3,
        False,
        "arrest broker",
        "랴오닝을 떠난 탈북민 두 명이 10월 윈난에서 붙잡혔다는 이야기를 중개인에게서 들었다고 한다.",
    ),
    (
        "요녕-23",
        date(2024, 9, 30),
        None,
        "day",
        3,
        False,
        "broker-fee",
        "중개인이 1인당 250만 원을 불렀다고 한다. 보통은 1,000만 원 안팎이라고 했다.",
    ),
    (
        "양강-17",
        date(2024, 11, 2),
        date(2024, 11, 1),
        "day",
        2,
        True,
        "rice market",
        "혜산 장마당에서 쌀 1kg이 9,600원에 팔렸다고 전했다.",
    ),
    (
        "함북-42",
        date(2024, 11, 5),
        date(2024, 11, 1),
        "month",
        4,
        False,
        "rice market",
        "11월 초 쌀값이 1kg에 7,000원 정도로 내렸다는 말을 들었다고 한다.",
    ),
    (
        "양강-17",
        date(2024, 11, 12),
        None,
        "day",
        3,
        True,
        "border",
        "국경 경비가 강화되어 야간 밀수가 거의 멈췄다고 한다.",
    ),
    (
        "길림-64",
        date(2024, 8, 14),
        date(2024, 8, 1),
        "month",
        5,
        False,
        "border",
        "국경 경비대가 교대 인원을 두 배로 늘렸다고 했다. (이 취재원은 노출된 것으로 표시됨)",
    ),
]


def seed(*, stdout) -> None:
    """Create demo reports and corroborated, disputed and unverified claims (idempotent)."""
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["editor", "editor2"])}
    sources = {s.pseudonym: s for s in Source.objects.filter(pseudonym__in={r[0] for r in DEMO_REPORTS})}
    if "editor" not in users or len(sources) < 5:
        stdout.write("desk: demo sources missing; skipped")
        return
    if Claim.objects.filter(statement__startswith="[데모]").exists():
        stdout.write("desk: demo reports already present")
        return
    editor = users["editor"]
    reports = []
    for pseudonym, received, event, precision, credibility, first_hand, tags, text in DEMO_REPORTS:
        source = sources[pseudonym]
        reports.append(
            report_log(
                by_user=source.handler,
                source=source,
                received_on=received,
                event_on=event,
                event_precision=precision,
                credibility=credibility,
                first_hand=first_hand,
                tags=tags,
                text=text,
                language="ko",
            )
        )
    arrest = claim_create(
        by_user=editor,
        statement="[데모] 10월 쿤밍에서 탈북민 두 명이 신분 검사 중 체포됨",
        reports=reports[:2],
    )
    claim_update(
        claim=arrest,
        by_user=users.get("editor2", editor),
        version=arrest.version,
        statement=arrest.statement,
        status="corroborated",
        note="담당 기자와 지역이 다른 두 취재원이 확인함",
    )
    rice = claim_create(
        by_user=editor, statement="[데모] 11월 혜산 쌀값 1kg 9,600원", reports=[reports[3], reports[4]]
    )
    claim_update(
        claim=rice,
        by_user=editor,
        version=rice.version,
        statement=rice.statement,
        status="disputed",
        note="함북 취재원은 7,000원이라고 함",
    )
    claim_create(
        by_user=editor, statement="[데모] 중개 비용이 1인당 250만 원으로 떨어짐", reports=[reports[2]]
    )
    claim_create(by_user=editor, statement="[데모] 양강도 국경 경비 강화", reports=[reports[5], reports[6]])
    stdout.write(f"desk: {len(reports)} demo reports and 4 claims created")
