"""The texts of "the story it exists for", shared by the end-to-end tests.

Every string a reader must never see is named here, so that the checks on the public zone read
as a list of secrets.
"""

from __future__ import annotations

PSEUDONYM = "요동-31"

# What the source writes through the portal (sealed; never leaves the sealed zone).
PORTAL_MESSAGE = (
    "저는 랴오닝에 있습니다. 탈북민 두 명이 택시로 나흘 걸려 쿤밍까지 갔다가 검문에서 잡혔습니다. "
    "제 전화번호는 138-0099-2211입니다."
)
REPLY = "잘 받았습니다. 담당 기자가 안전한 방법으로 연락드리겠습니다."

# What the handler logs from her phone call, in the desk's own words (desk zone).
REPORT_TEXT = (
    "통화 내용: 랴오닝에서 출발한 탈북민 2명이 2024년 10월 3일 택시로 나흘 걸려 쿤밍에 도착했으나 "
    "공안의 신분증 검문에서 체포됨. 브로커는 1인당 250만 원을 요구했는데 보통은 1000만 원 수준. "
    "공안은 본인 명의로 등록된 휴대전화로 이들을 추적함."
)
CLAIM_STATEMENT = "Brokers in Liaoning charge far below the usual KRW 10 million fee"

# The Korean draft as first written: a village, an exact date and the husband's name.
HUSBAND = "김철수"
VILLAGE = "하로하자촌"
EXACT_DATE = "2024년 10월 3일"
KO_HEADLINE = "탈북민 2명, 쿤밍 검문에서 체포"
KO_P1_LEAKY = (
    f"랴오닝성 {VILLAGE}에 살던 탈북민 두 명이 {EXACT_DATE} 택시를 타고 나흘 만에 쿤밍에 도착했다가 "
    f"공안의 신분증 검문에서 체포됐다. 남편 {HUSBAND} 씨도 함께였다."
)
KO_P1 = (
    "랴오닝성에 살던 탈북민 두 명이 지난해 가을 택시를 타고 나흘 만에 쿤밍에 도착했다가 "
    "공안의 신분증 검문에서 체포됐다. 가족 한 명도 함께였다."
)
KO_P2 = (
    "중국 내 소식통에 따르면 브로커는 1인당 250만 원을 요구했다. 보통은 1000만 원 안팎이다. "
    "공안은 이들 명의로 등록된 휴대전화로 위치를 추적한 것으로 알려졌다."
)

# The English edition, first with the source's phone number left in by mistake.
PHONE = "010-2345-6789"
EN_HEADLINE = "Two defectors arrested at a Kunming checkpoint"
EN_P1 = (
    "Two defectors who left Liaoning last autumn rode a taxi for four days to Kunming and were "
    "arrested at a police ID check. A relative travelled with them."
)
EN_P2_LEAKY = (
    "The broker asked KRW 2.5 million each, a source in China said; most ask around KRW 10 million. "
    f"Call the source on {PHONE}."
)
EN_TRACED = "Police traced them through phones registered in their names."
EN_P2 = (
    "The broker asked KRW 2.5 million each, a source in China said; most ask around KRW 10 million. "
    + EN_TRACED
)
