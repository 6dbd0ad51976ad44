"""Find what identifies people in Korean, English and Chinese text.

``scan(text)`` returns ``Finding`` objects with code-point offsets. It is pure Python (no Django, no
network, no model download): compiled regular expressions, checksums and the word lists in
``protect/data``. Morphological analysis is deliberately not on the hot path; the one place it
helps — telling a name from a common word that starts with a surname syllable — is precomputed
into ``data/common_ko.txt`` (see ``data/build_common_words.py``).

Severity: ``high`` blocks publication (direct identifiers, exact dates, fine places), ``medium``
and ``low`` are quasi-identifiers for the reporter to weigh (titles, kinship, exact ages,
relative dates).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from . import lexicon

SEVERITY_RANK = {"high": 3, "medium": 2, "low": 1}

# Kind → (ko, en) label, used by the desk page and the terminal report.
KIND_LABELS: dict[str, dict[str, str]] = {
    "person": {"ko": "인명", "en": "person name"},
    "phone": {"ko": "전화번호", "en": "phone number"},
    "id_number": {"ko": "신분증 번호", "en": "identity number"},
    "email": {"ko": "이메일", "en": "e-mail address"},
    "messenger": {"ko": "메신저 아이디", "en": "messenger ID"},
    "bank": {"ko": "카드·계좌 번호", "en": "card or account number"},
    "plate": {"ko": "차량 번호판", "en": "licence plate"},
    "number": {"ko": "긴 번호", "en": "long number"},
    "date": {"ko": "정확한 날짜", "en": "exact date"},
    "time": {"ko": "시각·상대 날짜", "en": "time or relative date"},
    "place": {"ko": "세부 지명", "en": "fine place"},
    "address": {"ko": "주소", "en": "address"},
    "workplace": {"ko": "작업 단위·시설", "en": "work unit or site"},
    "title": {"ko": "직책", "en": "title"},
    "kinship": {"ko": "가족 관계", "en": "kinship"},
    "age": {"ko": "정확한 나이", "en": "exact age"},
}

# Reason code → text in both languages. ``Finding.reason`` carries the English text; the desk shows
# ``Finding.reason_text("ko")``.
REASONS: dict[str, dict[str, str]] = {
    "person_cue": {
        "ko": "호칭·역할 옆의 사람 이름입니다.",
        "en": "A person's name next to a form of address or role.",
    },
    "person_shape": {
        "ko": "성과 이름 형태의 사람 이름입니다.",
        "en": "Shaped like a surname and given name.",
    },
    "person_zh": {"ko": "중국인 이름(한글 표기)입니다.", "en": "A Chinese name written in Hangul."},
    "person_hanzi": {"ko": "한자로 쓴 사람 이름입니다.", "en": "A person's name in Chinese characters."},
    "person_roman": {
        "ko": "로마자로 쓴 한국·중국식 이름입니다.",
        "en": "A romanised Korean or Chinese name.",
    },
    "person_repeat": {
        "ko": "앞에서 이름이 나온 사람을 다시 가리킵니다.",
        "en": "Refers again to a person named earlier.",
    },
    "person_deny": {
        "ko": "이 기사의 등장인물로 등록된 이름입니다.",
        "en": "Declared as a person in this story.",
    },
    "phone_cn": {"ko": "중국 휴대전화 번호입니다.", "en": "A Chinese mobile number."},
    "phone_kp": {"ko": "북한 전화번호입니다.", "en": "A North Korean phone number."},
    "phone_kr": {"ko": "한국 전화번호입니다.", "en": "A South Korean phone number."},
    "phone": {"ko": "전화번호입니다.", "en": "A phone number."},
    "cn_id": {
        "ko": "중국 주민등록번호(신분증)입니다. 출생지·생년월일·성별이 드러납니다.",
        "en": "A Chinese resident ID: it encodes birthplace, birth date and sex.",
    },
    "cn_id_bad": {
        "ko": "중국 신분증 번호 형식입니다(검증번호 불일치).",
        "en": "Shaped like a Chinese resident ID (check digit does not match).",
    },
    "rrn": {"ko": "주민등록번호입니다.", "en": "A South Korean resident registration number."},
    "rrn_defector": {
        "ko": "주민등록번호입니다. 뒷자리 125/225는 탈북민임을 드러냅니다.",
        "en": "A resident registration number; the 125/225 back digits mark a defector.",
    },
    "id_cue": {
        "ko": "신분증 번호(일부라도 생년월일·출생지가 드러납니다)입니다.",
        "en": "An identity number; even part of one gives away a birth date or birthplace.",
    },
    "passport": {"ko": "여권 번호입니다.", "en": "A passport number."},
    "email": {"ko": "이메일 주소입니다.", "en": "An e-mail address."},
    "messenger": {"ko": "메신저 아이디입니다.", "en": "A messenger ID."},
    "card": {"ko": "카드 번호입니다(Luhn 검증).", "en": "A bank-card number (Luhn check passes)."},
    "account": {"ko": "계좌·카드 번호입니다.", "en": "A bank account or card number."},
    "plate_cn": {
        "ko": "중국 차량 번호판입니다. 지역이 드러납니다.",
        "en": "A Chinese licence plate; it reveals the prefecture.",
    },
    "plate_kr": {"ko": "한국 차량 번호판입니다.", "en": "A South Korean licence plate."},
    "long_number": {
        "ko": "식별 번호일 수 있는 긴 숫자입니다.",
        "en": "A long number that may identify someone.",
    },
    "date": {"ko": "날짜가 일 단위까지 정확합니다.", "en": "A date precise to the day."},
    "date_relative": {
        "ko": "보도일과 합치면 정확한 날짜가 됩니다.",
        "en": "Becomes an exact date next to the publication date.",
    },
    "time": {"ko": "정확한 시각입니다.", "en": "An exact time of day."},
    "place_fine": {
        "ko": "군·시보다 작은 지명입니다(리·동·읍·마을 등).",
        "en": "A place below county or city level.",
    },
    "place_named_site": {
        "ko": "이름이 붙은 시설·시장·역입니다.",
        "en": "A named site: mine, farm, market, station, enterprise.",
    },
    "address": {"ko": "주소·건물·호수입니다.", "en": "A street address, building or flat number."},
    "work_unit": {
        "ko": "작업반·분조 같은 작은 작업 단위입니다.",
        "en": "A small work unit (work team, sub-team).",
    },
    "title_place": {
        "ko": "군·시 이하의 장소나 특정 기관과 함께 쓰인 직책은 한 사람을 가리킵니다.",
        "en": "A title tied to a place below province level or to a named office points to one person.",
    },
    "title": {
        "ko": "몇 사람뿐인 직책입니다. 장소가 더해지면 한 사람이 됩니다.",
        "en": "A title few people hold; with a place it names one person.",
    },
    "kinship": {
        "ko": "식별 가능한 수식어가 붙은 가족 관계입니다.",
        "en": "Kinship with an identifying modifier.",
    },
    "kinship_source": {
        "ko": "소식통의 가족은 소식통을 드러냅니다.",
        "en": "A relative of the source leads back to the source.",
    },
    "kinship_detail": {
        "ko": "같은 문장에서 직책·나이·직장·작은 지명이 주어진 가족은 한 사람을 가리킵니다.",
        "en": "A relative given a post, an exact age, a workplace or a small place in the same sentence points to one person.",
    },
    "age": {"ko": "정확한 나이입니다. 연령대로 바꾸세요.", "en": "An exact age; use an age band."},
}

KIND_PRIORITY = {  # tie-breaker when two findings cover the same span
    "id_number": 0,
    "bank": 1,
    "phone": 2,
    "email": 3,
    "messenger": 4,
    "plate": 5,
    "address": 6,
    "date": 7,
    "person": 8,
    "place": 9,
    "workplace": 10,
    "number": 11,
    "time": 12,
    "age": 13,
    "kinship": 14,
    "title": 15,
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One span of text that could identify someone, with why and what to write instead."""

    start: int
    end: int
    kind: str
    severity: str
    text: str
    reason: str
    suggestion: dict[str, str] | None = None
    code: str = field(default="", compare=False)

    def reason_text(self, language: str = "en") -> str:
        """Return the reason in ``language`` ("ko" or "en")."""
        return REASONS.get(self.code, {}).get(language, self.reason)

    def kind_label(self, language: str = "en") -> str:
        return KIND_LABELS.get(self.kind, {}).get(language, self.kind)

    def as_dict(self) -> dict:
        """Return the JSON shape of DESIGN's fixed interface (plus the suggestion)."""
        return {
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "severity": self.severity,
            "text": self.text,
            "reason": self.reason,
            "suggestion": self.suggestion,
        }


def _f(
    text: str,
    start: int,
    end: int,
    kind: str,
    severity: str,
    code: str,
    suggestion: dict[str, str] | None = None,
) -> Finding:
    return Finding(start, end, kind, severity, text[start:end], REASONS[code]["en"], suggestion, code)


REMOVE = {"ko": "삭제하세요", "en": "remove it"}

# ---------------------------------------------------------------------------------------------
# Character classes and shared pieces

H = "가-힣"
HAN = "\u4e00-\u9fff\u3400-\u4dbf"
PARTICLES = (
    "으로부터",
    "에게서는",
    "로부터",
    "에게서",
    "에게는",
    "한테서",
    "이라는",
    "이라고",
    "이라며",
    "에서는",
    "으로는",
    "이었다",
    "이었던",
    "에게",
    "한테",
    "에서",
    "으로",
    "까지",
    "부터",
    "마저",
    "조차",
    "처럼",
    "보다",
    "와는",
    "과는",
    "이나",
    "이며",
    "이고",
    "에는",
    "로는",
    "이다",
    "였다",
    "라는",
    "라고",
    "씨가",
    "씨는",
    "씨의",
    "씨를",
    "씨와",
    "씨도",
    "씨에게",
    "씨",
    "네",
    "의",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "에",
    "도",
    "와",
    "과",
    "로",
    "만",
    "랑",
    "님",
)
PARTICLE_SET = frozenset(PARTICLES)
AMBIGUOUS_LAST = frozenset("이가은는을를의도와과로만에")
PERSON_CUE_AFTER = re.compile(
    r"\s?(?:씨|氏|동무|동지|님|선생|여사|할머니|할아버지|아주머니|아저씨|부부|일가|가족|형제|자매|모녀|모자|부자|부녀|"
    r"\(\s?(?:가명|여|남|\d{1,2}(?:세|살)?)[^)]{0,8}\)|\s?\(\d{1,2}\))"
)
ROLE_BEFORE = frozenset(
    [
        "주민",
        "여성",
        "남성",
        "소식통",
        "중개인",
        "브로커",
        "운전기사",
        "기사",
        "운전수",
        "택시기사",
        "상인",
        "장사꾼",
        "밀수꾼",
        "밀수업자",
        "탈북민",
        "탈북자",
        "주부",
        "노동자",
        "농장원",
        "광부",
        "군인",
        "병사",
        "군관",
        "보위원",
        "안전원",
        "간부",
        "교원",
        "교사",
        "의사",
        "학생",
        "대학생",
        "남편",
        "아내",
        "부인",
        "딸",
        "아들",
        "어머니",
        "아버지",
        "동생",
        "언니",
        "오빠",
        "누나",
        "형",
        "조카",
        "사위",
        "며느리",
        "친척",
        "지인",
        "친구",
        "동료",
        "이웃",
        "화교",
        "조선족",
        "한족",
        "중국인",
        "여인",
        "소녀",
        "소년",
        "노인",
        "청년",
        "피해자",
        "가해자",
        "용의자",
        "수감자",
        "범인",
        "책임자",
        "대표",
        "사장",
        "사업가",
        "무역업자",
        "선장",
        "선원",
        "운반책",
        "안내인",
        "연락책",
        "씨",
        "이름은",
        "가명",
        "탈북여성",
        "탈북민인",
        "주민인",
        "여성인",
        "남성인",
    ]
)

# ---------------------------------------------------------------------------------------------
# Direct identifiers


def _cn_id_ok(s: str) -> bool:
    w = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(a) * b for a, b in zip(s[:17], w, strict=True)) % 11] == s[17].upper()


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


CN_ID_RE = re.compile(
    r"(?<![A-Za-z0-9_])[1-8]\d{5}[ -]?(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[ -]?\d{3}[\dXx]"
    r"(?![A-Za-z0-9_])"
)
MASKED_PHONE_RE = re.compile(r"(?<![A-Za-z0-9_])1[3-9]\d[\s-]?[*＊xX●]{4}[\s-]?\d{4}(?![A-Za-z0-9_])")
MASKED_ID_RE = re.compile(r"(?<![A-Za-z0-9_])\d{6}[*＊xX●]{4,12}\d{0,4}[\dXx*]?(?![A-Za-z0-9_])")
RRN_RE = re.compile(
    r"(?<![A-Za-z0-9_])\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\s?[-–]\s?[1-8](?:\d{6}|\d{0,5}[*＊xX●]{1,6})(?![A-Za-z0-9_])"
)
PASSPORT_RE = re.compile(
    r"(?<![A-Za-z0-9_])(?:[MSROD]\d{8}|M\d{3}[A-Z]\d{4}|[EG]\d{8}|E[A-Z]\d{7}|[KH]\d{8,10})(?![A-Za-z0-9_])"
)
ID_CUE_NUMBER_RE = re.compile(
    r"(?:주민등록번호|주민번호|신분증\s?번호|신분증|외국인등록번호|身份证号码?|身份证|ID number|ID card number|identity card number)"
    r"(?:[^\n\d]|\d{1,2}\s?자리){0,16}?(\d{6,18}[\dXx]?)(?![A-Za-z0-9_])",
    re.IGNORECASE,
)
PASSPORT_CUE_RE = re.compile(
    r"(?:여권|passport|护照|護照)(?:\s?(?:번호|No\.?|number|号码|號碼))?\s?(?:는|은|is|[:：])?\s?([A-Z0-9]{6,10})(?![A-Za-z0-9_])",
    re.IGNORECASE,
)
EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9_.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9_])"
)
# Digit runs with the separators phone numbers use; classified in Python.
NUM_RUN_RE = re.compile(
    r"(?<![A-Za-z0-9_.,/:+-])(?:\(?(?:\+|00)\s?(?:86|850|82)\)?[\s.-]?)?\(?\d{1,4}\)?(?:[\s.-]{0,2}\(?\d{2,5}\)?){1,5}(?![A-Za-z0-9_]|[.,]\d)"
)
CARD_RE = re.compile(r"(?<![A-Za-z0-9_])\d{4}(?:[ -]?\d{4}){2}[ -]?\d{1,7}(?![A-Za-z0-9_])")
ACCOUNT_CUE_RE = re.compile(
    r"(?:계좌(?:번호)?|통장(?:번호)?|카드\s?번호|카드|account(?:\s(?:number|no\.?))?|card(?:\s(?:number|no\.?))?|"
    r"账号|账户|帳號|卡号|银行卡|銀行卡|alipay|支付宝|알리페이|wechat pay|微信支付|위챗페이)"
    r"[^\n\d]{0,14}?((?:\d[\d *＊xX-]{6,28}\d))(?![A-Za-z0-9_])",
    re.IGNORECASE,
)
# Case matters: "line" and "signal" are English words; LINE and Signal are messengers.
MESSENGER_CUE = (
    r"(?:위챗|웨이신|微信|[Ww]e\s?[Cc]hat|WECHAT|[Ww]eixin|카톡|카카오톡|카카오|[Kk]akao\s?[Tt]alk|[Kk]akao|QQ|qq|큐큐|"
    r"텔레그램|[Tt]elegram|시그널|Signal|라인|LINE|왓츠앱|[Ww]hats[Aa]pp|인스타그램|인스타|[Ii]nstagram|페이스북|"
    r"[Ff]acebook|틱톡|[Tt]ik[Tt]ok|抖音|微博|[Ww]eibo|더우인|스카이프|[Ss]kype|줄로|Zalo|Viber)"
)
MESSENGER_CUE_RE = re.compile(MESSENGER_CUE)
HANDLE_CANDIDATE_RE = re.compile(
    r"(?<![A-Za-z0-9_.@-])(@?[A-Za-z][A-Za-z0-9_.-]{1,28}[A-Za-z0-9_]|\d{5,12})(?![A-Za-z0-9_@-]|\.[A-Za-z0-9])"
)
ID_CUE_RE = re.compile(
    r"아이디|계정|ID|Id|id\b|号|號|번호|account|handle|username|user name|name|[:：@]|\bis\b|는|은|으로|로"
)
HANDLE_RE = re.compile(
    r"(?<![A-Za-z0-9_@])(?:wxid_[a-z0-9]{4,}|t\.me/[A-Za-z0-9_]{4,}|@[A-Za-z][A-Za-z0-9_]{3,30})(?![A-Za-z0-9_@.])"
)
HANDLE_STOP = frozenset(
    [
        "id",
        "is",
        "his",
        "her",
        "their",
        "its",
        "the",
        "account",
        "accounts",
        "number",
        "name",
        "handle",
        "user",
        "username",
        "uses",
        "use",
        "used",
        "and",
        "also",
        "or",
        "app",
        "to",
        "of",
        "on",
        "in",
        "at",
        "via",
        "with",
        "was",
        "are",
        "by",
        "from",
        "as",
        "that",
        "this",
        "a",
        "an",
        "my",
        "our",
        "your",
        "group",
        "chat",
        "call",
        "calls",
        "message",
        "messages",
        "wechat",
        "kakao",
        "kakaotalk",
        "telegram",
        "signal",
        "line",
        "qq",
        "pay",
        "talk",
        "channel",
        "phone",
        "contact",
        "contacts",
        "address",
        "friend",
        "friends",
        "ids",
    ]
)
PLATE_CN_RE = re.compile(
    r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][·・.\s-]?(?=[A-Z0-9]{0,5}\d)[A-Z0-9]{5,6}(?![A-Za-z0-9])"
)
PLATE_KR_RE = re.compile(
    r"(?<![A-Za-z0-9_])(?:(?:서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|경북|경남|제주)\s?)?"
    r"\d{2,3}\s?[가나다라마거너더러머버서어저고노도로모보소오조구누두루무부수우주아바사자배하허호]\s?\d{4}(?![\d])"
)


def _phone_kind(raw: str) -> str | None:
    digits = re.sub(r"\D", "", raw)
    intl = raw.lstrip("(").startswith(("+", "00"))
    if intl:
        body = digits[2:] if digits.startswith("00") else digits
        if body.startswith("850") and 7 <= len(body) - 3 <= 11:
            return "phone_kp"
        if body.startswith("86") and 9 <= len(body) - 2 <= 12:
            return "phone_cn"
        if body.startswith("82") and 8 <= len(body) - 2 <= 11:
            return "phone_kr"
        return None
    groups = re.split(r"[\s.()-]+", raw.strip("() "))
    seps = len([g for g in groups if g]) > 1
    n = len(digits)
    if re.match(r"(?:19|20)\d{2}[-./](?:0?[1-9]|1[0-2])[-./]", raw):
        return None  # an ISO date and time, not a phone
    if re.fullmatch(r"0?19[1-5]\d{7,8}", digits):
        return "phone_kp"
    if re.fullmatch(r"1[3-9]\d{9}", digits):
        return "phone_cn"
    if re.fullmatch(r"01[016789]\d{7,8}", digits):
        return "phone_kr"
    if re.fullmatch(r"0\d{9,11}", digits) and seps:
        return "phone"
    real_groups = [g for g in groups if g]
    if (
        seps
        and 9 <= n <= 12
        and all(2 <= len(g) <= 5 for g in real_groups)
        and "." not in raw
        and (raw.lstrip("(").startswith("0") or len(real_groups) >= 3)
    ):
        return "phone"
    return None


def _numbers_in_run(text: str, start: int, raw: str) -> Iterator[Finding]:
    """Yield the phones (or long numbers) in a run of digit groups, splitting runs that hold several."""
    while raw:
        phone_code = _phone_kind(raw)
        cut = len(raw)
        if not phone_code:
            # "010-1234-5678 010-2345-6789" or "186 0415 2297 20": the phone at the front of the run.
            for c in reversed([g.start() for g in re.finditer(r"\s+(?=\(?\d)", raw)]):
                if _phone_kind(raw[:c]):
                    cut, phone_code = c, _phone_kind(raw[:c])
                    break
        piece = raw[:cut]
        if phone_code:
            yield _f(text, start, start + cut, "phone", "high", phone_code, REMOVE)
        elif len(re.sub(r"\D", "", piece)) >= 9 and "." not in piece:
            yield _f(text, start, start + cut, "number", "medium", "long_number", REMOVE)
        rest = raw[cut:]
        skipped = len(rest) - len(rest.lstrip())
        start, raw = start + cut + skipped, rest.lstrip()


def _detect_numbers(text: str, ctx: _Ctx) -> Iterator[Finding]:
    for m in ctx.find(CN_ID_RE, text, "digit"):
        ok = _cn_id_ok(re.sub(r"[ -]", "", m.group()))
        yield _f(text, m.start(), m.end(), "id_number", "high", "cn_id" if ok else "cn_id_bad", REMOVE)
    for m in ctx.find(MASKED_PHONE_RE, text, "digit"):
        yield _f(text, m.start(), m.end(), "phone", "high", "phone_cn", REMOVE)
    for m in ctx.find(MASKED_ID_RE, text, "digit"):
        yield _f(text, m.start(), m.end(), "id_number", "high", "cn_id_bad", REMOVE)
    for m in ctx.find(RRN_RE, text, "digit"):
        back = re.sub(r"\D", "", m.group())[6:]
        code = "rrn_defector" if back[:3] in ("125", "225") else "rrn"
        yield _f(text, m.start(), m.end(), "id_number", "high", code, REMOVE)
    for m in ctx.find(ID_CUE_NUMBER_RE, text, "digit"):
        yield _f(text, m.start(1), m.end(1), "id_number", "high", "id_cue", REMOVE)
    for m in ctx.find(PASSPORT_RE, text, "digit"):
        yield _f(text, m.start(), m.end(), "id_number", "high", "passport", REMOVE)
    for m in ctx.find(PASSPORT_CUE_RE, text, "digit"):
        if any(c.isdigit() for c in m.group(1)):
            yield _f(text, m.start(1), m.end(1), "id_number", "high", "passport", REMOVE)
    for m in ctx.find(EMAIL_RE, text, "at"):
        yield _f(text, m.start(), m.end(), "email", "high", "email", REMOVE)
    for m in ctx.find(CARD_RE, text, "digit"):
        digits = re.sub(r"\D", "", m.group())
        if 13 <= len(digits) <= 19 and _luhn(digits):
            yield _f(text, m.start(), m.end(), "bank", "high", "card", REMOVE)
    for m in ctx.find(ACCOUNT_CUE_RE, text, "digit"):
        digits = re.sub(r"\D", "", m.group(1))
        if len(digits) >= 8:
            yield _f(text, m.start(1), m.end(1), "bank", "high", "account", REMOVE)
    for m in ctx.find(NUM_RUN_RE, text, "digit"):
        raw = m.group().rstrip(" .-")
        if raw.endswith(")") and "(" not in raw:
            raw = raw[:-1]
        yield from _numbers_in_run(text, m.start(), raw)
    for cue in ctx.find(MESSENGER_CUE_RE, text, "alnum"):
        for m in HANDLE_CANDIDATE_RE.finditer(text, cue.end(), min(len(text), cue.end() + 60)):
            gap, handle = text[cue.end() : m.start()], m.group(1)
            if len(gap) > 28 or "\n" in gap:
                break
            if handle.lower().lstrip("@") in HANDLE_STOP:
                continue
            # A plain word after a messenger's name is a handle only when the text says so ("ID", "아이디", ":").
            if handle.isalpha() and not handle.startswith("@") and not ID_CUE_RE.search(gap):
                continue
            if handle.isalpha() and handle.islower() and len(handle) < 5:
                continue
            yield _f(text, m.start(1), m.end(1), "messenger", "high", "messenger", REMOVE)
            break
    for m in ctx.find(HANDLE_RE, text, "latin"):
        yield _f(text, m.start(), m.end(), "messenger", "high", "messenger", REMOVE)
    for m in ctx.find(PLATE_CN_RE, text, "digit"):
        yield _f(text, m.start(), m.end(), "plate", "high", "plate_cn", REMOVE)
    for m in ctx.find(PLATE_KR_RE, text, "digit"):
        yield _f(text, m.start(), m.end(), "plate", "high", "plate_kr", REMOVE)


# ---------------------------------------------------------------------------------------------
# Dates and times

MONTHS_EN = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
MONTH_NAMES_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MON = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
DATE_KO_RE = re.compile(
    r"(?:(?:주체\s?\d{2,3}\s?(?:\(\s?(?:19|20)\d{2}\s?\))?|(?:19|20)\d{2}|'\d{2})\s?년\s?)?"
    r"(?<!\d)(1[0-2]|0?[1-9])\s?월\s?("
    + _DAY
    + r")(?:\s?[~∼,-]\s?"
    + _DAY
    + r")?\s?일(?![가-힣]*(?:동안|간\b))"
)
DATE_ZH_RE = re.compile(
    r"(?:(?:19|20)\d{2}\s?年\s?)?(?<!\d)(1[0-2]|0?[1-9])\s?月\s?(" + _DAY + r")\s?[日号號]"
)
DATE_NUM_RE = re.compile(
    r"(?<![\d.])(?:19|20)\d{2}\s?([./-])\s?(1[0-2]|0?[1-9])\s?\1\s?(" + _DAY + r")\.?(?![\d])"
    r"|(?<![\d.])(?:19|20)\d{2}\.\s(1[0-2]|0?[1-9])\.\s(" + _DAY + r")\.?(?![\d])"
    r"|(?<![\d./])(" + _DAY + r")\.(1[0-2]|0?[1-9])\.(?:19|20)\d{2}(?![\d])"  # 25.12.2023
    r"|(?<![\d./])(1[0-2]|0?[1-9])/(" + _DAY + r")/(?:19|20)\d{2}(?![\d])"  # 12/25/2023
)
DATE_KO_LIST_RE = re.compile(
    r"(?:지난|오는|이달|지난달|지난 달)\s?(" + _DAY + r")(?:\s?[,~∼·-]\s?(?:" + _DAY + r"))+\s?일"
)
DATE_EN_RE = re.compile(
    r"\b" + _MON + r"\.?\s+(" + _DAY + r")(?:st|nd|rd|th)?\b(?:,?\s+(?:19|20)\d{2}\b)?"
    r"|\b(" + _DAY + r")(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r"\b\.?(?:,?\s+(?:19|20)\d{2}\b)?"
)
DAY_ONLY_KO_RE = re.compile(
    r"(?:(?:지난|오는|이달|이번달|이번 달|지난달|지난 달|같은 달|그달|그 달|전달|이듬달)\s?)?(?<![\d~∼\-.,])("
    + _DAY
    + r")일(?=[\s,.(에은는께경쯤까부밤새오아저낮과와]|$)"
)
DAY_ONLY_STOP_AFTER = re.compile(
    r"\s?(?:동안|간|만에|만|째|치|분|정도|가량|이상|이내|이하|씩|안에|뒤|후|전|내|이나|이면|밖|이|여|남짓|넘게|넘|중|내지|또는)"
)
DAY_EN_RE = re.compile(r"\b(?:on|the|since|until|till|by|from)\s+(?:the\s+)?(" + _DAY + r")(?:st|nd|rd|th)\b")
# "on the 11th" is a date only when nothing follows that makes it an ordinal ("the 21st inminban").
DAY_EN_DATE_AFTER = re.compile(
    r"(?:\s*$|\s*[,.;:!?)\]\"'’”—–-]|\s+(?:of|at|in|on|when|and|after|before|while|until|till|or|morning|afternoon|"
    r"evening|night|dawn|as|to|the|a|an|around|about|that|this|last|next|but|for|from|he|she|they|police|officials|"
    r"authorities|security|agents)\b)"
)
TIME_RE = re.compile(
    r"(?:오전|오후|새벽|밤|저녁|아침|낮|한밤중)\s?(?:1[0-2]|[1-9])\s?시(?:\s?(?:\d{1,2}\s?분|반))?"
    r"|\b(?:1[0-2]|0?[1-9])(?::[0-5]\d)?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)"
    r"|(?<![\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])"
    r"|(?:上午|下午|晚上|凌晨)\s?\d{1,2}\s?[点點]"
)
RELATIVE_RE = re.compile(
    r"(?<![가-힣])(?:어제|그제|그저께|엊그제|어젯밤|간밤|그젯밤)(?![가-힣]{2,}다)"
    r"|(?:지난주|지난 주|이번 주|이번주|오는|지난)\s?[월화수목금토일]요일"
    r"|\b(?:yesterday|the day before yesterday|last night)\b"
    r"|\b(?:last|this past|on|next)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\bthe\s+\d{1,2}(?:st|nd|rd|th)\s+of\s+last\s+month\b"
    r"|(?:昨天|前天|昨晚|(?:上周|上星期|本周|这周|上礼拜)[一二三四五六日天])"
    r"|(?:설|설날|추석|단오|정월대보름|광명성절|태양절|김일성 생일|김정일 생일)\s?(?:전날|이튿날|다음날|당일|이틀 전|사흘 전|하루 전)",
    re.IGNORECASE,
)


def _period_ko(day: int) -> str:
    return "초" if day <= 10 else ("중순" if day <= 20 else "하순")


def _period_en(day: int) -> str:
    return "early" if day <= 10 else ("mid-" if day <= 20 else "late")


def _date_suggestion(month: int | None, day: int, anchor: str = "") -> dict[str, str]:
    if month:
        name = MONTH_NAMES_EN[month - 1]
        en = f"mid-{name}" if day > 10 and day <= 20 else f"{_period_en(day)} {name}"
        return {"ko": f"{month}월 {_period_ko(day)}", "en": en}
    part = {"초": "early", "중순": "the middle of", "하순": "late"}[_period_ko(day)]
    if anchor.startswith(("지난달", "지난 달", "전달")):
        return {"ko": f"지난달 {_period_ko(day)}", "en": f"{part} last month"}
    if anchor.startswith(("오는", "다음 달", "다음달")):
        return {"ko": f"{_period_ko(day)}경", "en": "in the coming weeks"}
    return {"ko": f"이달 {_period_ko(day)}", "en": f"{part} this month"}


def _detect_dates(text: str, ctx: _Ctx) -> Iterator[Finding]:
    for m in ctx.find(DATE_KO_RE, text, "digit"):
        yield _f(
            text,
            m.start(),
            m.end(),
            "date",
            "high",
            "date",
            _date_suggestion(int(m.group(1)), int(m.group(2))),
        )
    for m in ctx.find(DATE_ZH_RE, text, "digit"):
        yield _f(
            text,
            m.start(),
            m.end(),
            "date",
            "high",
            "date",
            _date_suggestion(int(m.group(1)), int(m.group(2))),
        )
    for m in ctx.find(DATE_NUM_RE, text, "digit"):
        if m.group(2):
            month, day = m.group(2), m.group(3)
        elif m.group(4):
            month, day = m.group(4), m.group(5)
        elif m.group(6):
            day, month = m.group(6), m.group(7)
        else:
            month, day = m.group(8), m.group(9)
        yield _f(text, m.start(), m.end(), "date", "high", "date", _date_suggestion(int(month), int(day)))
    for m in ctx.find(DATE_KO_LIST_RE, text, "digit"):
        yield _f(
            text,
            m.start(),
            m.end(),
            "date",
            "high",
            "date",
            _date_suggestion(None, int(m.group(1)), m.group()),
        )
    for m in ctx.find(DATE_EN_RE, text, "digit"):
        s = m.group()
        mon = MONTHS_EN[re.findall(r"[A-Za-z]{3,}", s.replace(" of ", " "))[0].lower()[:3]]
        day = int(m.group(1) or m.group(2))
        if s.startswith("May") and not re.match(r"May\s+\d", s):
            continue
        # "March 8" is a date; "May 2" after "on" or a comma is too. Guard "may 5 people" (modal verb, lower case).
        yield _f(text, m.start(), m.end(), "date", "high", "date", _date_suggestion(mon, day))
    for m in ctx.find(DAY_ONLY_KO_RE, text, "digit"):
        tail = text[m.end() : m.end() + 6]
        if DAY_ONLY_STOP_AFTER.match(tail):
            continue
        before = text[max(0, m.start() - 3) : m.start()]
        if re.search(r"\d\s?월\s?$", before):
            continue
        has_anchor = m.group().strip()[0] in "지오이같그전" and not m.group().startswith(m.group(1))
        # A bare "11일" is the reporting date in Korean news style ("소식통은 11일 전했다"): still exact.
        if not has_anchor and re.search(r"[\d,~∼-]\s?$", before):
            continue
        yield _f(
            text,
            m.start(),
            m.end(),
            "date",
            "high",
            "date",
            _date_suggestion(None, int(m.group(1)), m.group()),
        )
    for m in ctx.find(DAY_EN_RE, text, "digit"):
        if not DAY_EN_DATE_AFTER.match(text, m.end()):
            continue
        yield _f(text, m.start(), m.end(), "date", "high", "date", _date_suggestion(None, int(m.group(1))))
    for m in ctx.find(TIME_RE, text, "digit"):
        yield _f(
            text, m.start(), m.end(), "time", "medium", "time", {"ko": "시간대(오후 등)", "en": "part of day"}
        )
    for m in RELATIVE_RE.finditer(text):
        yield _f(
            text, m.start(), m.end(), "time", "medium", "date_relative", {"ko": "최근", "en": "recently"}
        )


# ---------------------------------------------------------------------------------------------
# Places, addresses, work units

FINE_SUFFIX_RE = re.compile(
    r"(?<!["
    + H
    + r"])(["
    + H
    + r"]{1,8}?)(노동자구|인민반|부락|마을|리|동|읍|촌|진|향|툰)("
    + "|".join(PARTICLES)
    + r")?(?!["
    + H
    + r"A-Za-z])"
)
COMMON_RI_DONG = frozenset(
    [
        "일리",
        "짜리",
        "돌리",
        "놀리",
        "골리",
        "사진",
        "지진",
        "추진",
        "전진",
        "행진",
        "후진",
        "선진",
        "부진",
        "분진",
        "돌진",
        "출진",
        "매진",
        "승진",
        "증진",
        "정진",
        "급진",
        "촉진",
        "엔진",
        "가진",
        "재진",
        "초진",
        "오진",
        "퇴진",
        "중진",
        "일진",
        "방진",
        "발진",
        "잠진",
        "방향",
        "영향",
        "성향",
        "취향",
        "고향",
        "지향",
        "동향",
        "의향",
        "경향",
        "분향",
        "귀향",
        "실향",
        "타향",
        "망향",
        "음향",
        "향향",
        "내향",
        "외향",
        "풍향",
        "편향",
        "삼촌",
        "사촌",
        "오촌",
        "육촌",
        "팔촌",
        "끼리",
        "따리",
        "투리",
        "타리",
        "토리",
        "쿠리",
        "뿌리",
        "뜨리",
        "내리",
        "드리",
        "꺼리",
        "스리",
        "흐리",
        "쓰리",
        "뚫리",
        "요동",
        "초동",
        "저리",
        "거리",
        "말리",
        "빠리",
        "거리",
        "자리",
        "소리",
        "머리",
        "다리",
        "관리",
        "처리",
        "수리",
        "논리",
        "원리",
        "진리",
        "심리",
        "승리",
        "정리",
        "무리",
        "도리",
        "요리",
        "유리",
        "권리",
        "합리",
        "경리",
        "총리",
        "비리",
        "분리",
        "물리",
        "편리",
        "교리",
        "의리",
        "조리",
        "지리",
        "병리",
        "생리",
        "윤리",
        "순리",
        "미리",
        "멀리",
        "빨리",
        "이리",
        "그리",
        "저리",
        "우리",
        "마리",
        "가리",
        "보리",
        "꼬리",
        "고리",
        "서리",
        "오리",
        "파리",
        "아리",
        "까리",
        "떨리",
        "열리",
        "걸리",
        "팔리",
        "밀리",
        "불리",
        "풀리",
        "몰리",
        "쏠리",
        "들리",
        "갈리",
        "달리",
        "살리",
        "올리",
        "알리",
        "말리",
        "날리",
        "빌리",
        "끌리",
        "울리",
        "굴리",
        "눌리",
        "실리",
        "버리",
        "흘리",
        "벌리",
        "부리",
        "추리",
        "차리",
        "허리",
        "꾸리",
        "누리",
        "두리",
        "사리",
        "어리",
        "구리",
        "나리",
        "자리",
        "재리",
        "기리",
        "활동",
        "행동",
        "운동",
        "이동",
        "노동",
        "공동",
        "자동",
        "충동",
        "변동",
        "감동",
        "소동",
        "폭동",
        "난동",
        "출동",
        "연동",
        "작동",
        "파동",
        "가동",
        "발동",
        "협동",
        "선동",
        "책동",
        "거동",
        "약동",
        "언동",
        "기동",
        "진동",
        "반동",
        "격동",
        "유동",
        "합동",
        "부동",
        "수동",
        "능동",
        "주동",
        "율동",
        "준동",
        "혼동",
        "태동",
        "미동",
        "아동",
        "청동",
        "경동",
        "농촌",
        "어촌",
        "산촌",
        "빈촌",
        "부촌",
        "구촌",
        "귀촌",
        "도촌",
        "시촌",
        "마을",
    ]
)
GENERIC_PLACE_STEM = frozenset(
    [
        "이",
        "그",
        "저",
        "한",
        "두",
        "세",
        "몇",
        "우리",
        "옆",
        "이웃",
        "같은",
        "시골",
        "산골",
        "작은",
        "큰",
        "국경",
        "국경연선",
        "연선",
        "농촌",
        "어촌",
        "강변",
        "인근",
        "외딴",
        "해당",
        "주변",
        "고향",
        "본",
        "자기",
        "자신",
        "같은",
        "다른",
        "여러",
        "모든",
        "각",
        "근처",
        "앞",
        "뒤",
        "윗",
        "아랫",
        "건너",
        "강건너",
        "바로",
        "탈북",
        "조선족",
        "한인",
        "북한",
        "중국",
        "지방",
        "지역",
        "지구",
        "시내",
        "읍내",
        "교외",
        "외곽",
        "변두리",
        "중심",
        "산",
        "강",
        "바닷가",
        "해안",
        "국경지역",
        "국경마을",
        "탄광",
        "광산",
        "농장",
        "그런",
        "이런",
        "어느",
        "모",
        "어떤",
        "새",
        "옛",
        "첫",
    ]
)
SITE_SUFFIX_RE = re.compile(
    r"(?<!["
    + H
    + r"])(["
    + H
    + r"]{2,10}?)(연합기업소|협동농장|종합시장|노동단련대|탄광|광산|광업소|농장|기업소|공장|제련소|"
    r"발전소|시장|역|초소|교화소|관리소|집결소|구류장|분주소|병원|중학교|소학교|학교|대학|수용소|세관|호텔|식당|"
    r"상점|백화점|여관|합숙소|작업반|분조|직장)(" + "|".join(PARTICLES) + r")?(?![" + H + r"])"
)
SITE_STEM_STOP = frozenset(
    [
        "종합",
        "국영",
        "지방",
        "중앙",
        "중소",
        "대형",
        "군수",
        "무역",
        "수산",
        "국경",
        "인근",
        "해당",
        "지역",
        "현지",
        "농민",
        "농촌",
        "협동",
        "도",
        "시",
        "군",
        "각",
        "개인",
        "주요",
        "대규모",
        "일반",
        "공공",
        "국가",
        "인민",
        "도립",
        "시립",
        "군립",
        "개별",
        "주변",
        "사설",
        "외국",
        "중국",
        "북한",
        "남한",
        "한국",
        "소규모",
        "이웃",
        "근처",
        "가까운",
        "어느",
        "다른",
        "같은",
        "우리",
        "작은",
        "큰",
        "여러",
        "모든",
        "불법",
        "비법",
        "인근의",
        "한",
        "그",
        "이",
        "저",
        "최대",
        "유명",
        "인민반",
        "농업",
        "광업",
        "국경지역",
        "장마당",
        "지구",
        "금광",
        "탄광",
        "정치범",
        "노동",
        "교화",
        "단련",
        "집결",
        "구류",
        "감옥",
        "보위부",
        "안전부",
        "구역",
        "시장",
        "공장",
        "농장",
        "시골",
        "현지인",
    ]
)
COMMON_YEOK = frozenset(
    [
        "지역",
        "구역",
        "영역",
        "무역",
        "통역",
        "번역",
        "병역",
        "전역",
        "권역",
        "수역",
        "해역",
        "강역",
        "성역",
        "노역",
        "부역",
        "징역",
        "현역",
        "역역",
        "예역",
        "재역",
    ]
)
COMMON_SITE_WORDS = frozenset(
    [
        "연시장",
        "출시장",
        "재래시장",
        "전통시장",
        "수입시장",
        "주식시장",
        "노동시장",
        "금융시장",
        "외환시장",
        "암시장",
        "부동산시장",
        "농민시장",
        "국경세관",
        "위원장",
        "대학교",
        "대학원",
        "이공대학",
    ]
)
WORK_UNIT_RE = re.compile(
    r"(?<![A-Za-z0-9_])\d{1,3}\s?(?:작업반|분조|소대|중대|대대|직장|갱|인민반|반)(?!장)(?=(?:"
    + "|".join(PARTICLES)
    + r")?(?![가-힣]))"
)
ADDR_UNIT_RE = re.compile(
    r"(?<![A-Za-z0-9_])\d{1,5}(?:-\d{1,5})?\s?(?:호실|번지|단원|동|호|층|반|号楼|单元|室|号|號|楼|栋|幢|层)(?![가-힣]{2})"
)
STREET_KO_RE = re.compile(
    r"(?<!["
    + H
    + r"])["
    + H
    + r"]{1,10}(?:(?:대로|대가|가도|거리|번길)\s?\d{1,5}(?:-\d{1,5})?(?:\s?(?:번지|호|号))?"
    r"|(?:로|길|가)\s?\d{1,5}(?:-\d{1,5})?\s?(?:번지|호|号|번길))"
    r"(?![%.,~∼\d])(?=(?:" + "|".join(PARTICLES) + r")?(?![가-힣A-Za-z0-9_]))"
)
STREET_ZH_RE = re.compile(
    r"(?:(?:(?![市县省区州在住到从于的了是和与及去来])["
    + HAN
    + r"]){1,6}?(?:村|镇|鎮|乡|鄉|屯|街道|社区|小区|路|街|巷|胡同|大街|大道))+(?:\d{1,5}\s?[号號](?:院)?)?"
)
ZH_PLACE_STOP = frozenset(
    [
        "道路",
        "马路",
        "一路",
        "上路",
        "出路",
        "走路",
        "街道",
        "社区",
        "小区",
        "乡村",
        "农村",
        "城乡",
        "大街",
        "大道",
        "村里",
        "镇上",
    ]
)
PLACE_EN_HYPHEN_RE = re.compile(
    r"\b(?!(?:Follow|Set|Pick|Start|Mark|Back|Check|Make|Break|Clean|Build|Line|Round|Sign|Pop|Warm|Cover|Walk|Hook|"
    r"Catch|Mix|Wind|Speed|Stand|Shake|Lock|Hold|Run|Close|Lay|Pile|Write|Call|Wrap|Tune|Team|Sit|Push|Pull|Look|"
    r"Touch|Slip|Mop|Cook|Dust|Grown|Round|Wake|Hang|Lead|Lift|Hands|Dress|Pin|Fry|Tie|Top|Sum|Shut|Stick|[A-Za-z]+s)-up\b)"
    r"[A-Z][a-z]{1,14}(?:-[a-z]{1,8})?-(?:ri|dong|up|rodongjagu|nodongjagu|myon|myeon|ga)\b"
)
_CAP = r"[A-Z][a-z'’]+(?:-[a-z]+)?"
SITE_EN_RE = re.compile(
    r"\b((?:"
    + _CAP
    + r"\s){1,3})(Village|Township|Workers'?\s?District|Neighbou?rhood|Cooperative Farm|Co-op Farm|Farm|"
    r"Coal Mine|Mine|Colliery|Youth Mine|Enterprise|Complex|Factory|Plant|Market|Station|Camp|Smelter|Power Station|"
    r"Hospital|School|Middle School|University|Detention (?:Center|Centre)|Holding (?:Center|Centre)|Prison|Hotel|"
    r"Restaurant|Work Team|Sub-work Team|Apartment|Apartments)\b"
)
SITE_EN_LOWER_RE = re.compile(
    r"\b(?=([A-Z][a-z'’]+(?:-[a-z]+)?)\s+(village|township|workers'? district|neighbou?rhood|farm|mine|market|station|"
    r"work team|people's unit|inminban|hamlet|commune)\b)"
)
SITE_EN_CAMP_RE = re.compile(
    r"\b([A-Z][a-z]+(?:-[a-z]+)?)\s+(?:political\s+)?(?:prison camp|labou?r camp|prison|detention (?:center|centre)|"
    r"holding (?:center|centre)|re-education camp|reeducation camp|camp|kyohwaso|kwalliso)\b"
)
SITE_EN_OF_RE = re.compile(
    r"\b(?:village|township|town|hamlet|neighbou?rhood|workers'? district|commune) of (" + _CAP + r")"
)
WORK_TEAM_EN_RE = re.compile(
    r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|No\.?\s?\d{1,3}|\d{1,3}(?:st|nd|rd|th)?)\s+"
    r"(?:work team|sub-work team|sub-team|work unit|people's unit|inminban|neighbou?rhood unit|platoon|company|battalion)\b",
    re.IGNORECASE,
)
SITE_EN_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "our",
        "their",
        "his",
        "her",
        "its",
        "state",
        "provincial",
        "county",
        "city",
        "north",
        "south",
        "east",
        "west",
        "people's",
        "peoples",
        "central",
        "national",
        "local",
        "jangmadang",
        "new",
        "old",
        "main",
        "large",
        "big",
        "small",
        "general",
        "public",
        "border",
        "chinese",
        "korean",
        "rural",
        "same",
        "one",
        "another",
        "every",
        "each",
        "some",
        "any",
        "in",
        "at",
        "on",
        "of",
        "for",
        "to",
        "from",
        "and",
        "but",
    ]
)
ADDR_EN_RE = re.compile(
    r"\b(?:(?:Apartment|Apt\.?|Flat|Room|Rm\.?|Unit|Suite|Building|Bldg\.?|Block|Entrance|Floor|House|Lot)\s?(?:No\.?\s?)?#?\d{1,5}[A-Za-z]?\b)"
    r"|\b\d{1,5}[A-Za-z]?\s+(?:"
    + _CAP
    + r"\s){1,3}(?:Street|St\.|Road|Rd\.?|Avenue|Ave\.?|Lane|Alley|Boulevard|Blvd\.?|"
    r"Lu|Jie|Dajie|Hutong|Way|Drive)\b"
    r"|\b(?:" + _CAP + r"\s){1,3}(?:Street|Road|Avenue|Lane|Alley|Boulevard|Lu|Jie|Dajie|Hutong)\b"
)


def _nearest_county(text: str, pos: int, ctx: _Ctx) -> dict[str, str] | None:
    mentions = ctx.coarse_mentions
    if not mentions:
        return None
    i = bisect.bisect_left(ctx.coarse_starts, pos)
    # Prefer a city or county named just before or just after the place ("신파리, 김정숙군",
    # "Sinpa-ri in Kimjongsuk County") over a province; else the last unit named before it.
    nearby = [
        m for m in mentions[max(0, i - 3) : i + 2] if -80 < m[0] - pos < 60 and m[2].get("level") == "local"
    ]
    if nearby:
        return min(nearby, key=lambda m: abs(m[0] - pos))[2]
    return mentions[i - 1][2] if i > 0 else mentions[0][2]


def _place_suggestion(text: str, pos: int, ctx: _Ctx, unit: str = "village") -> dict[str, str]:
    county = _nearest_county(text, pos, ctx)
    ko_unit = {"village": "한 마을", "area": "한 지역", "site": "한 사업장", "address": "한 주거지"}[unit]
    en_unit = {"village": "a village", "area": "a neighbourhood", "site": "a workplace", "address": "a home"}[
        unit
    ]
    if county:
        return {"ko": f"{county['ko']}의 {ko_unit}", "en": f"{en_unit} in {county['en']}"}
    return {"ko": ko_unit, "en": en_unit}


def _open_a_eo(syllable: str) -> bool:
    """Return whether a Hangul syllable has no final consonant and the vowel ㅏ, ㅓ, ㅕ or ㅝ."""
    code = ord(syllable) - 0xAC00
    if not 0 <= code < 11172:
        return False
    return code % 28 == 0 and (code // 28) % 21 in (0, 4, 6, 14)


PREV_WORD_RE = re.compile(r"([가-힣]+)[\s,]*$")


PLACE_CONTEXT_AFTER = re.compile(
    r"(?:에\s?(?:사는|살던|살고|거주|있는)|에서\s?(?:사는|살던|살고)|\s?주민|\s?\d+\s?인민반)"
)


def _after_coarse_place(text: str, pos: int, coarse: frozenset[str]) -> bool:
    """Return whether the word before ``pos`` is a province, city, county or district."""
    m = PREV_WORD_RE.search(text, max(0, pos - 16), pos)
    if not m:
        return False
    w = m.group(1)
    return w.lower() in coarse or (len(w) >= 3 and w.endswith(("시", "군", "구역", "현", "구")))


def _detect_places(text: str, ctx: _Ctx) -> Iterator[Finding]:
    coarse = lexicon.coarse_places()
    orgs = lexicon.organisations()
    for m in ctx.find(FINE_SUFFIX_RE, text, "hangul"):
        stem, suf = m.group(1), m.group(2)
        word = stem + suf
        if suf in ("리", "동", "촌", "진", "향", "툰") and len(stem) < 2:
            continue
        if suf == "진" and _open_a_eo(stem[-1]):
            continue  # 알려진, 떨어진, 주어진: a verb's past form, not a town (남평진, 삼합진)
        if word in COMMON_RI_DONG or word in orgs or word.lower() in coarse or stem in GENERIC_PLACE_STEM:
            continue
        # "문수동" ends like 수동 (manual), but after "대동강구역" it is a neighbourhood.
        if word[-2:] in COMMON_RI_DONG and not (
            len(word) == 3
            and (
                _after_coarse_place(text, m.start(), coarse)
                or PLACE_CONTEXT_AFTER.match(text, m.start() + len(word))
            )
        ):
            continue
        unit = "area" if suf in ("동",) else "village"
        yield _f(
            text,
            m.start(),
            m.start() + len(word),
            "place",
            "high",
            "place_fine",
            _place_suggestion(text, m.start(), ctx, unit),
        )
    for m in ctx.find(SITE_SUFFIX_RE, text, "hangul"):
        stem, suf = m.group(1), m.group(2)
        word = stem + suf
        if stem in SITE_STEM_STOP or word in orgs or word in COMMON_SITE_WORDS:
            continue
        if any(
            stem.endswith(s)
            for s in ("하는", "있는", "없는", "되는", "되던", "하던", "있던", "에서", "으로", "에게")
        ):
            continue
        if suf == "역" and word[-2:] in COMMON_YEOK:
            continue
        if suf == "시장" and stem.endswith(("도", "시", "군")):
            continue  # the mayor (시장) of a province, city or county; "혜산시장" stays a named market
        if suf in ("직장", "분조", "작업반") and stem in GENERIC_PLACE_STEM:
            continue
        kind, code = (
            ("workplace", "work_unit")
            if suf in ("작업반", "분조", "직장")
            else ("workplace", "place_named_site")
        )
        yield _f(
            text,
            m.start(),
            m.start() + len(word),
            kind,
            "high",
            code,
            _place_suggestion(text, m.start(), ctx, "site"),
        )
    for m in ctx.find(WORK_UNIT_RE, text, "digit"):
        yield _f(
            text,
            m.start(),
            m.end(),
            "workplace",
            "high",
            "work_unit",
            _place_suggestion(text, m.start(), ctx, "site"),
        )
    for m in ctx.find(ADDR_UNIT_RE, text, "digit"):
        s = m.group()
        digits = re.sub(r"\D", "", s)
        # A lone "3호" or "2층" is too vague; a flat number (1204호), a building (3동) next to another unit, or a 号 is not.
        unit = re.sub(r"[\d\s-]", "", s)
        if unit in ("호", "층", "号", "號", "楼", "层") and len(digits) < 3 and not _adjacent_unit(text, m):
            continue
        if unit in ("동", "반") and not _adjacent_unit(text, m):
            continue
        if (
            unit == "번지"
            or len(digits) >= 3
            or _adjacent_unit(text, m)
            or unit in ("号楼", "单元", "室", "栋", "幢", "호실", "단원")
        ):
            yield _f(
                text,
                m.start(),
                m.end(),
                "address",
                "high",
                "address",
                _place_suggestion(text, m.start(), ctx, "address"),
            )
    for m in ctx.find(STREET_KO_RE, text, "digit"):
        yield _f(
            text,
            m.start(),
            m.end(),
            "address",
            "high",
            "address",
            _place_suggestion(text, m.start(), ctx, "address"),
        )
    for m in ctx.find(STREET_ZH_RE, text, "han"):
        s = m.group()
        if s in ZH_PLACE_STOP or s.lower() in coarse or len(s) < 2:
            continue
        yield _f(
            text, m.start(), m.end(), "place", "high", "place_fine", _place_suggestion(text, m.start(), ctx)
        )
    for m in ctx.find(PLACE_EN_HYPHEN_RE, text, "latin"):
        if m.group().lower() in coarse:
            continue
        unit = "area" if m.group().endswith("-dong") else "village"
        yield _f(
            text,
            m.start(),
            m.end(),
            "place",
            "high",
            "place_fine",
            _place_suggestion(text, m.start(), ctx, unit),
        )
    for m in ctx.find(SITE_EN_RE, text, "latin"):
        words = m.group(1).split()
        while words and words[0].lower() in SITE_EN_STOP:
            words = words[1:]
        if not words:
            continue
        start = m.start(1) + m.group(1).index(words[0])
        if any(" ".join(words[:k]).lower() in ctx.allow for k in range(1, len(words) + 1)):
            continue  # Kim Il Sung University, Kim Chaek University: named after a public figure
        if not any(_looks_local(w, coarse) for w in words):
            continue  # "Secure Viewing Station", "Central Hospital": no Korean or Chinese name in it
        yield _f(
            text,
            start,
            m.end(),
            "place"
            if m.group(2) in ("Village", "Township") or "District" in m.group(2) or "eighbo" in m.group(2)
            else "workplace",
            "high",
            "place_named_site",
            _place_suggestion(text, start, ctx, "site"),
        )
    english = lexicon.english_romanlike()
    for rx in (SITE_EN_LOWER_RE, SITE_EN_OF_RE, SITE_EN_CAMP_RE):
        for m in ctx.find(rx, text, "latin"):
            name = m.group(1)
            low = name.lower()
            if low in SITE_EN_STOP or low in coarse or low in english or len(low) < 3:
                continue
            if "-" not in name and not (_is_roman_given(name) or _is_pinyin(name)):
                continue  # "Desk market": an English word, not a Korean or Chinese place name
            end = m.end(2) if rx is SITE_EN_LOWER_RE else m.end()
            if rx is SITE_EN_CAMP_RE:
                if _looks_local(name, coarse):
                    site = _place_suggestion(text, m.start(), ctx, "site")
                    yield _f(text, m.start(), end, "workplace", "high", "place_named_site", site)
                continue
            yield _f(
                text, m.start(), end, "place", "high", "place_fine", _place_suggestion(text, m.start(), ctx)
            )
    for m in ctx.find(WORK_TEAM_EN_RE, text, "latin"):
        yield _f(
            text,
            m.start(),
            m.end(),
            "workplace",
            "high",
            "work_unit",
            _place_suggestion(text, m.start(), ctx, "site"),
        )
    for m in ctx.find(ADDR_EN_RE, text, "latin"):
        words = m.group().split()
        if words[0].lower() in SITE_EN_STOP:
            continue
        numbered = words[0][0].isdigit() or ADDR_UNIT_WORD_RE.match(words[0])
        if not numbered and not any(_looks_local(w, coarse) for w in words[:-1]):
            continue  # "the Silk Road", "Wall Street": no Korean or Chinese street name
        yield _f(
            text,
            m.start(),
            m.end(),
            "address",
            "high",
            "address",
            _place_suggestion(text, m.start(), ctx, "address"),
        )


ADDR_UNIT_WORD_RE = re.compile(
    r"(?:Apartment|Apt|Flat|Room|Rm|Unit|Suite|Building|Bldg|Block|Entrance|Floor|House|Lot)\b"
)


def _looks_local(word: str, coarse: frozenset[str]) -> bool:
    """Return whether a capitalised word reads as a Korean or Chinese name rather than English."""
    low = word.lower().strip("'’")
    if low in coarse:
        return True
    if len(low) < 3 or low in lexicon.english_romanlike() or low in EN_COMMON_WORDS:
        return False
    return "-" in low or bool(ROM_WORD_RE.fullmatch(low)) or _is_pinyin(low, 3)


def _adjacent_unit(text: str, m: re.Match) -> bool:
    after = text[m.end() : m.end() + 12]
    before = text[max(0, m.start() - 12) : m.start()]
    return (
        bool(ADDR_UNIT_RE.match(after.lstrip(" ,")))
        or bool(re.search(r"\d{1,5}\s?(?:동|호|층|반|번지|단원|号楼|单元|号|楼|栋)[\s,]{0,2}$", before))
        or bool(re.search(r"(?:아파트|빌라|주택|맨션|APT|apt|Apt)\s?$", before))
        or bool(re.search(r"(?:대로|대가|가도|거리|로|길|가|路|街)\s?$", before))
    )


# ---------------------------------------------------------------------------------------------
# People


# Most rules need a digit, a Latin letter, Hangul or a Chinese character to match at all. Scanning
# only windows around those characters (with room for cue words on either side) keeps every rule
# from walking every position of a long text.
def _cluster(cls: str, pad: int) -> tuple[re.Pattern, int]:
    """Return a pattern matching runs of ``cls`` whose gaps are shorter than two pads, and the pad."""
    return re.compile(f"[{cls}](?:[^{cls}]{{0,{2 * pad}}}[{cls}])*"), pad


WINDOW_SEEDS = {
    "digit": _cluster(r"0-9", 48),
    "alnum": _cluster(r"A-Za-z0-9", 40),
    "latin": _cluster(r"A-Za-z", 40),
    "hangul": _cluster(r"가-힣", 16),
    "han": _cluster(r"\u4e00-\u9fff\u3400-\u4dbf", 12),
    "at": _cluster(r"@", 80),
}


class _Ctx:
    """Per-scan state shared by detectors: allow-list, coarse place mentions, search windows."""

    __slots__ = ("allow", "coarse_mentions", "coarse_starts", "_windows")

    def __init__(self, text: str, allow: frozenset[str]):
        self.allow = allow
        self._windows: dict[str, list[tuple[int, int]]] = {}
        self.coarse_mentions = _coarse_mentions(text, self)
        self.coarse_starts = [start for start, _end, _names in self.coarse_mentions]

    def windows(self, text: str, key: str) -> list[tuple[int, int]]:
        spans = self._windows.get(key)
        if spans is None:
            seed, pad = WINDOW_SEEDS[key]
            n = len(text)
            spans = [(max(0, m.start() - pad), min(n, m.end() + pad)) for m in seed.finditer(text)]
            if sum(e - s for s, e in spans) > n // 2:
                spans = [(0, n)]
            self._windows[key] = spans
        return spans

    def find(self, rx: re.Pattern, text: str, key: str) -> Iterator[re.Match]:
        """Yield the matches of ``rx`` inside the windows around ``key`` characters."""
        for start, end in self.windows(text, key):
            yield from rx.finditer(text, start, end)


COARSE_RE = re.compile(r"(?<![가-힣])[가-힣]{2,10}|\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?\b")


@cache
def _coarse_prefixes() -> frozenset[str]:
    return frozenset(k[:2] for k in lexicon.county_index())


def _coarse_mentions(text: str, ctx: _Ctx) -> list[tuple[int, int, dict[str, str]]]:
    """Return the provinces, cities and counties named in ``text``, for place suggestions."""
    index = lexicon.county_index()
    prefixes = _coarse_prefixes()
    out = []
    for m in COARSE_RE.finditer(text):
        word = m.group()
        if word[:2] not in prefixes:
            continue
        names = index.get(word)
        if names is None and word[0] >= "가":
            for cut in range(1, min(4, len(word) - 1) + 1):
                if word[-cut:] in PARTICLE_SET and word[:-cut] in index:
                    names = index[word[:-cut]]
                    break
            else:
                bare = word.rstrip("".join(PARTICLE_SET & set(word[-1:])))
                if bare[-1:] in ("시", "군", "현", "주") and bare[:-1] in index:
                    names = index[bare[:-1]]
        elif names is None:
            names = index.get(word.split()[0].split("-")[0])
        if names is not None:
            out.append((m.start(), m.end(), names))
    return out


ZH_ONLY = frozenset("밍쥔훙옌팅쯔쩌쉐쑹톄롄슝웨")  # never the given-name syllable of a Korean name
ZH_DISTINCT = frozenset("샤웨쥔훙옌팅쯔즈쩌쉐쥐쑹톄롄샹슝취젠궈밍핑칭링징잉윈펀팡빙둥쉰헝셴위저츠스뤼뉘")


@cache
def zh_first_chars() -> frozenset[str]:
    return frozenset(x[0] for x in lexicon.surnames_zh_hangul())


@cache
def _name_candidate_re() -> re.Pattern:
    """Return a pattern for Hangul words that start with a Korean or Chinese surname syllable."""
    sur1, sur2 = lexicon.surnames_ko()
    firsts = "".join(sorted(set(sur1) | {x[0] for x in sur2} | zh_first_chars()))
    return re.compile(r"(?<![0-9A-Za-z" + H + r"])[" + firsts + r"][" + H + r"]{1,7}(?![" + H + r"])")


def _detect_people_ko(text: str, ctx: _Ctx) -> Iterator[Finding]:
    sur1, sur2 = lexicon.surnames_ko()
    zh_sur = lexicon.surnames_zh_hangul()
    translit = lexicon.translit_syllables()
    given = lexicon.given_syllables()
    common = lexicon.common_ko()
    coarse = lexicon.coarse_places()
    orgs = lexicon.organisations()
    allow = ctx.allow
    for m in ctx.find(_name_candidate_re(), text, "hangul"):
        word = m.group()
        if word in common:
            continue
        start = m.start()
        # Chinese names in Hangul: 왕샤오밍, 리웨이, 진광저 …
        zh = _zh_hangul_name(word, zh_sur, translit) if word[0] in zh_first_chars() else None
        if (
            zh
            and (zh not in allow or _private_cue(text, start, start + len(zh)))
            and zh.lower() not in coarse
            and zh not in common
        ):
            yield _f(
                text,
                start,
                start + len(zh),
                "person",
                "high",
                "person_zh",
                {"ko": "한 중국인", "en": "a Chinese national"},
            )
            continue
        if word[0] not in sur1 and word[:2] not in sur2:
            continue
        if word in KIN_WORDS or word[:-1] in KIN_WORDS or word[:-2] in KIN_WORDS:
            continue  # 어머니(67), 오빠는: a relative, judged by the kinship rule
        found = _korean_name(text, m, word, sur1, sur2, given, common, coarse, orgs, allow)
        if found:
            end, code = found
            yield _f(
                text, start, end, "person", "high", code, {"ko": "A씨(가명)", "en": "a resident (not named)"}
            )


def _zh_hangul_name(word: str, zh_sur: frozenset[str], translit: frozenset[str]) -> str | None:
    for slen in (2, 1):
        s = word[:slen]
        if s not in zh_sur:
            continue
        rest = word[slen:]
        # Greedily read transliteration syllables (one or two Hangul each); need two of them.
        i, count = 0, 0
        distinct = False
        while i < len(rest) and count < 3:
            if rest[i : i + 2] in translit and len(rest[i : i + 2]) == 2:
                i += 2
                count += 1
                distinct = True
            elif rest[i] in translit:
                if rest[i] in ZH_DISTINCT:
                    distinct = True
                i += 1
                count += 1
            else:
                break
        tail = rest[i:]
        single_ok = count == 1 and (i == 2 or rest[0] in ZH_ONLY)
        if (count >= 2 or single_ok) and distinct and (tail == "" or tail in PARTICLE_SET):
            return word[: slen + i]
    return None


ROLE_SUFFIXES = ("기사", "상인", "주민", "브로커", "중개인", "노동자", "탈북민")


NOUN_SUFFIX_SYLLABLES = frozenset("어계적측권력률법물품청단층론들비")
VERB_ENDINGS = (
    "세요",
    "시고",
    "시며",
    "시오",
    "셨다",
    "셔요",
    "습니",
    "니다",
    "세여",
    "시죠",
    "시지",
    "시면",
    "시다",
)


def _role_before(text: str, start: int) -> bool:
    """Return whether the word before ``start`` is a role noun ("운전기사 김광철", "주민인 김씨")."""
    prev = text[max(0, start - 14) : start].rstrip()
    if not prev:
        return False
    prev_word = re.split(r"[^" + H + r"]", prev)[-1]
    # Strip a copula/adnominal "인"/"의" ("운전기사인 김씨").
    prev_core = prev_word[:-1] if prev_word.endswith(("인", "의")) and len(prev_word) > 2 else prev_word
    return prev_word in ROLE_BEFORE or prev_core in ROLE_BEFORE or prev_word.endswith(ROLE_SUFFIXES)


PRIVATE_CUE_AFTER_RE = re.compile(
    r"\s?(?:씨|氏|\(\s?\d{1,3}\s?(?:세|살)?\s?\)|\d{1,3}\s?(?:세|살)|,\s?(?:aged\s)?\d{1,3},|,\s?a\s(?:local\s)?resident\b)"
)
PRIVATE_CUE_BEFORE_RE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Miss|Mister)\.?\s+|주민(?:인|의)?\s?|\b(?:a|the)\s(?:local\s)?resident(?:\snamed)?,?\s)$"
)


def _private_cue(text: str, start: int, end: int) -> bool:
    """Return whether the name at ``start:end`` carries a cue never used for public figures.

    씨/氏, "Mr./Ms.", an exact age ("(52)", "52세", ", 52,") or a resident cue ("주민", "a resident")
    mark an ordinary person, so the name is flagged even when a public figure shares it.
    """
    before = text[max(0, start - 24) : start]
    return bool(PRIVATE_CUE_AFTER_RE.match(text, end)) or bool(PRIVATE_CUE_BEFORE_RE.search(before))


def _korean_name(text, m, word, sur1, sur2, given, common, coarse, orgs, allow):
    start, wend = m.start(), m.end()
    after = text[wend : wend + 14]
    slen = 2 if word[:2] in sur2 else 1
    rest = word[slen:]
    options = []
    for glen in (2, 1):
        if len(rest) < glen:
            continue
        g, tail = rest[:glen], rest[glen:]
        if (
            tail
            and tail not in PARTICLE_SET
            and not tail.startswith(("씨", "동무", "동지", "님", "선생", "여사"))
        ):
            continue
        options.append((g, tail))
    for g, tail in options:
        stem = word[:slen] + g
        if stem in allow and _private_cue(text, start, start + len(stem)):
            pass  # 김정숙 씨, 김영철(52): a private person sharing a public figure's (or county's) name
        elif (
            stem in allow
            or stem.lower() in coarse
            or stem in orgs
            or (stem[-1] in "시군현구도성주" and stem[:-1] in coarse)
        ):
            return None
        if stem in common or word in common:
            continue
        if len(word) >= 4 and word[:2] in common and (word[2:4] in common or word[2:] in common):
            return None
        if word[:2] in common and g[-1] in "하되적들화성식상률력권":
            return None
        if len(g) == 2 and word[:2] in common and g[-1] in NOUN_SUFFIX_SYLLABLES:
            return None  # 한국어, 정치적, 안전측: a known word plus a noun suffix
        if tail == "" and word[-1] in "한된던할될" and word[:2] in common:
            return None  # 온화한, 단정한: an adjective, not a name
        if word.endswith(VERB_ENDINGS) or (tail == "" and word[-1] in "다요"):
            return None  # 주세요, 마세요, 여시고, 원이다: predicates, not names
        if re.search(r"[\d만천억백]\s?$", text[max(0, start - 3) : start]):
            return None  # "300만 원이다": a currency after a number
        cue_after = (
            bool(tail.startswith(("씨", "동무", "동지", "님", "선생", "여사")))
            or (tail == "" and PERSON_CUE_AFTER.match(after) is not None)
            or (
                tail in ("", "은", "는", "이", "가", "의")
                and re.match(r"\s?\(\s?\d{1,2}\s?(?:세|살)?\s?\)", after) is not None
            )
        )
        if tail == "" and re.match(r"\(\s?\d{1,2}", after):
            cue_after = True
        strong = cue_after or _role_before(text, start)
        if len(g) == 2:
            shaped = g[0] in given and g[1] in given
            if not shaped and not cue_after:
                continue
            if len(word) == 3 and tail == "" and word[-1] in AMBIGUOUS_LAST and word[:2] in common:
                continue
            if tail == "" and not strong:
                nxt = text[wend : wend + 1]
                # A bare three-syllable word followed by another word is usually an adnominal (이상한 사람).
                if (
                    nxt
                    not in (
                        "",
                        "\n",
                        ",",
                        ".",
                        ")",
                        '"',
                        "'",
                        "”",
                        "’",
                        "」",
                        "』",
                        "·",
                        "/",
                        "!",
                        "?",
                        "(",
                        "…",
                        ":",
                        ";",
                        "，",
                        "。",
                        "、",
                        " ",
                    )
                    and not nxt.isdigit()
                ):
                    continue
                if nxt == " " and not re.match(
                    r"\s(?:씨|동무|동지|\(|[A-Za-z]|\d|등\b|등이|등은|등을|외\b|및|부부|일가|가족|모녀|부녀|모자|부자)",
                    after,
                ):
                    continue
            return start + len(stem), "person_cue" if strong else "person_shape"
        if len(g) == 1 and strong and g in given and not (tail == "" and word in common):
            return start + len(stem), "person_cue"
    return None


_ROM_SYL = (
    r"(?:ch|kk|tt|pp|ss|jj|ng|k|g|n|d|t|r|l|m|b|p|s|j|h|w|y|f)?"
    r"(?:wae|wai|yae|yeo|yeu|yoo|ae|ai|ee|eo|eu|oe|oo|ou|ui|wa|we|wi|wo|ya|ye|yo|yu|a|e|i|o|u|y)"
    r"(?:ng|n|m|l|k|p|t|r|ck)?"
)
ROM_GIVEN_RE = re.compile(r"(?:" + _ROM_SYL + r"){1,2}", re.IGNORECASE)
ROM_WORD_RE = re.compile(r"(?:" + _ROM_SYL + r"){1,4}", re.IGNORECASE)  # place names: Chongori, Kaechon
ROM_TWO_SYLLABLES_RE = re.compile(r"(?:" + _ROM_SYL + r"){2}", re.IGNORECASE)
PINYIN_RE = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|er|a|e|i|o|u|v))",
    re.IGNORECASE,
)
KO_ROMAN_SURNAMES = frozenset(
    [
        "Kim",
        "Lee",
        "Ri",
        "Rhee",
        "Yi",
        "Pak",
        "Park",
        "Choe",
        "Choi",
        "Jong",
        "Jung",
        "Chung",
        "Kang",
        "Jo",
        "Cho",
        "Yun",
        "Yoon",
        "Jang",
        "Chang",
        "Rim",
        "Lim",
        "Im",
        "Han",
        "Oh",
        "O",
        "Seo",
        "Suh",
        "So",
        "Sin",
        "Shin",
        "Kwon",
        "Hwang",
        "An",
        "Ahn",
        "Song",
        "Ryu",
        "Yu",
        "Yoo",
        "Jon",
        "Jeon",
        "Chon",
        "Hong",
        "Ko",
        "Koh",
        "Mun",
        "Moon",
        "Ryang",
        "Yang",
        "Son",
        "Sohn",
        "Pae",
        "Bae",
        "Paek",
        "Baek",
        "Ho",
        "Heo",
        "Nam",
        "Sim",
        "Shim",
        "Roh",
        "Ro",
        "Ha",
        "Kwak",
        "Cha",
        "Ju",
        "Joo",
        "Woo",
        "Ku",
        "Koo",
        "Min",
        "Jin",
        "Chin",
        "Na",
        "Ra",
        "Ji",
        "Om",
        "Eom",
        "Chae",
        "Won",
        "Pang",
        "Bang",
        "Kong",
        "Hyon",
        "Hyun",
        "Ham",
        "Pyon",
        "Byun",
        "Yom",
        "Yeom",
        "Chu",
        "Choo",
        "To",
        "Do",
        "Sok",
        "Seok",
        "Sol",
        "Ma",
        "Kil",
        "Yon",
        "Yeon",
        "Wi",
        "Pyo",
        "Myong",
        "Kye",
        "Tak",
        "Kuk",
        "Ok",
        "Yuk",
        "Maeng",
        "Pyun",
        "Gong",
        "Nah",
        "Ryom",
        "Ryo",
        "Ro",
        "Rho",
        "Ryeom",
        "Thae",
        "Kye",
    ]
)
ZH_PINYIN_SURNAMES = frozenset(
    [
        "Wang",
        "Li",
        "Zhang",
        "Liu",
        "Chen",
        "Yang",
        "Huang",
        "Zhao",
        "Zhou",
        "Wu",
        "Xu",
        "Sun",
        "Ma",
        "Zhu",
        "Hu",
        "Guo",
        "He",
        "Gao",
        "Lin",
        "Luo",
        "Zheng",
        "Liang",
        "Xie",
        "Song",
        "Tang",
        "Han",
        "Feng",
        "Cao",
        "Deng",
        "Xiao",
        "Tian",
        "Dong",
        "Pan",
        "Yuan",
        "Lu",
        "Jin",
        "Zeng",
        "Lyu",
        "Su",
        "Ding",
        "Ren",
        "Shen",
        "Yao",
        "Jiang",
        "Xue",
        "Qu",
        "Wan",
        "Qian",
        "Fang",
        "Kong",
        "Cui",
        "Piao",
        "Pu",
        "Quan",
        "Cai",
        "Yu",
        "Du",
        "Ye",
        "Cheng",
        "Wei",
        "Yan",
        "Zhong",
        "Tan",
        "Fan",
        "Bai",
        "Shi",
        "Jia",
        "Meng",
        "Qin",
        "Yin",
        "Gu",
        "Hao",
        "Mao",
        "Kang",
        "Hou",
        "Long",
    ]
)
EN_GIVEN_STOP = frozenset(
    [
        "Long",
        "Ago",
        "Man",
        "Men",
        "Go",
        "Do",
        "To",
        "So",
        "No",
        "On",
        "In",
        "Up",
        "Us",
        "Am",
        "An",
        "As",
        "At",
        "Be",
        "By",
        "He",
        "If",
        "Is",
        "It",
        "Me",
        "My",
        "Of",
        "Or",
        "We",
        "Ban",
        "Can",
        "Ran",
        "Run",
        "Sun",
        "Fun",
        "Gun",
        "Bun",
        "Hang",
        "Gang",
        "Sang",
        "Bang",
        "Pan",
        "Tan",
        "Fan",
        "Ten",
        "Hen",
        "Pen",
        "Yes",
        "Bin",
        "Pin",
        "Tin",
        "Sin",
        "Win",
        "Kin",
        "Son",
        "Don",
        "Con",
        "Lane",
        "Line",
        "Mine",
        "Nine",
        "Fine",
        "Wine",
        "Tune",
        "June",
        "Time",
        "Home",
        "Come",
        "Some",
        "Name",
        "Game",
        "Same",
        "Hope",
        "Rope",
        "Note",
        "Vote",
        "Mode",
        "Code",
        "Side",
        "Wide",
        "Ride",
        "Hide",
        "Make",
        "Take",
        "Wake",
        "Sale",
        "Tale",
        "Pale",
        "Male",
        "Kim",
        "Lee",
        "Park",
        "Day",
        "Way",
        "May",
        "Say",
        "Pay",
        "Hay",
        "Bay",
    ]
)
EN_NAME_STOP = frozenset(
    [
        "Province",
        "County",
        "City",
        "Street",
        "Road",
        "River",
        "Mountain",
        "Mine",
        "Farm",
        "Market",
        "Station",
        "District",
        "Village",
        "Island",
        "Bay",
        "Party",
        "Army",
        "Times",
        "Herald",
        "News",
        "Daily",
        "Post",
        "Airlines",
        "Group",
        "Bank",
        "Dynasty",
        "Style",
    ]
)
EN_COMMON_WORDS = frozenset(
    [
        "said",
        "says",
        "told",
        "also",
        "was",
        "were",
        "is",
        "are",
        "has",
        "had",
        "have",
        "and",
        "but",
        "the",
        "a",
        "an",
        "in",
        "on",
        "of",
        "to",
        "for",
        "with",
        "from",
        "by",
        "at",
        "as",
        "or",
        "it",
        "he",
        "she",
        "they",
        "his",
        "her",
        "their",
        "this",
        "that",
        "who",
        "which",
        "when",
        "where",
        "while",
        "after",
        "before",
        "province",
        "county",
        "city",
        "river",
        "chinese",
        "korean",
        "north",
        "south",
        "east",
        "west",
        "people",
        "police",
        "city",
        "market",
        "mine",
        "farm",
        "dollars",
        "won",
        "yuan",
    ]
)
EN_SURNAME_RE = re.compile(
    r"\b("
    + "|".join(sorted(KO_ROMAN_SURNAMES | ZH_PINYIN_SURNAMES, key=len, reverse=True))
    + r")\s+(?=[A-Z])"
)
EN_HYPHEN_GIVEN_RE = re.compile(r"[A-Z][a-z]{0,7}-[a-zA-Z][a-z]{0,7}\b")  # Jong-mi, Yong-Hui
EN_TWO_PART_GIVEN_RE = re.compile(
    r"([A-Z][a-z]{0,6})\s+([A-Z][a-z]{0,6})\b(?!\s+(?:Province|County|City|Street|Road|District|Square|University))"
)
EN_ONE_WORD_GIVEN_RE = re.compile(r"[A-Z][a-z]{2,12}\b")
HONORIFIC_RE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Madam|Comrade|Mister)\.?\s+([A-Z][a-z]+(?:-[A-Za-z][a-z]+|\s[A-Z][a-z]+){0,2})"
    r"|\b(?:named|called|surnamed|alias|nicknamed|pseudonym)\s+[\"“'‘]?([A-Z][a-z]+(?:-[A-Za-z][a-z]+|\s[A-Z][a-z]+){0,2})"
)


def _is_roman_given(s: str) -> bool:
    return all(ROM_GIVEN_RE.fullmatch(p) for p in s.lower().split("-") if p)


def _is_pinyin(s: str, most: int = 3) -> bool:
    s = s.lower()

    # Segment into one to ``most`` pinyin syllables (longest match first via backtracking).
    def seg(i: int, n: int) -> bool:
        if i == len(s):
            return n >= 1
        if n == most:
            return False
        return any(PINYIN_RE.fullmatch(s, i, j) and seg(j, n + 1) for j in range(min(len(s), i + 6), i, -1))

    return seg(0, 0)


def _en_name_end(text: str, m: re.Match) -> int | None:
    """Return where the romanised name starting at surname match ``m`` ends, or None if it is no name."""
    sur, pos = m.group(1), m.end()
    g = EN_HYPHEN_GIVEN_RE.match(text, pos)
    if g:
        given_name = g.group()
        if _is_roman_given(given_name) or (
            sur in KO_ROMAN_SURNAMES and given_name.split("-")[0] not in EN_NAME_STOP
        ):
            return g.end()
        return None
    g = EN_TWO_PART_GIVEN_RE.match(text, pos)
    if g and sur in KO_ROMAN_SURNAMES:
        g1, g2 = g.group(1), g.group(2)
        if (
            g1 not in EN_NAME_STOP
            and g2 not in EN_NAME_STOP
            and g1 not in EN_GIVEN_STOP
            and g2 not in EN_GIVEN_STOP
            and _is_roman_given(g1)
            and _is_roman_given(g2)
        ):
            return g.end()
    g = EN_ONE_WORD_GIVEN_RE.match(text, pos)
    if g and sur in KO_ROMAN_SURNAMES:
        given_name = g.group()
        low = given_name.lower()
        if (
            4 <= len(given_name) <= 9
            and ROM_TWO_SYLLABLES_RE.fullmatch(low)
            and low not in lexicon.english_romanlike()
            and low not in EN_COMMON_WORDS
            and given_name not in EN_NAME_STOP
            and given_name not in EN_GIVEN_STOP
        ):
            return g.end()  # Kim Minji, Park Jihoon: a South Korean name written as one word
    if g and sur in ZH_PINYIN_SURNAMES:
        given_name = g.group()
        if (
            given_name.lower() not in EN_COMMON_WORDS
            and given_name not in EN_NAME_STOP
            and (given_name not in EN_GIVEN_STOP or given_name == "Gang")
            and _is_pinyin(given_name)
        ):
            return g.end()
    return None


def _detect_people_en(text: str, ctx: _Ctx) -> Iterator[Finding]:
    allow = ctx.allow
    coarse = lexicon.coarse_places()
    sugg = {"ko": "A씨(가명)", "en": "a resident (not named)"}
    for m in ctx.find(EN_SURNAME_RE, text, "latin"):
        end = _en_name_end(text, m)
        if end is None:
            continue
        full = text[m.start() : end]
        private = full.lower() in allow and _private_cue(text, m.start(), end)
        if (full.lower() in allow or full.lower() in coarse) and not private:
            continue
        yield _f(text, m.start(), end, "person", "high", "person_roman", sugg)
    for m in ctx.find(HONORIFIC_RE, text, "latin"):
        g = 1 if m.group(1) else 2
        name = m.group(g)
        if (name.lower() in allow and not _private_cue(text, m.start(g), m.end(g))) or name.split()[
            0
        ].lower() in EN_COMMON_WORDS:
            continue
        first = re.split(r"[\s-]", name)[0]
        if g == 2 and not (
            first in KO_ROMAN_SURNAMES
            or first in ZH_PINYIN_SURNAMES
            or _is_roman_given(first)
            or _is_pinyin(first)
        ):
            continue  # "a tool called Personal Server" is not a person
        yield _f(text, m.start(g), m.end(g), "person", "high", "person_cue", sugg)


ZH_SURNAME_CHARS = (
    "王李张刘陈杨黄赵周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪"
    "范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤朴全玄车俞南池千文柳裴洪"
)
HANZI_NAME_RE = re.compile(
    r"(?<![" + HAN + r"])([" + ZH_SURNAME_CHARS + r"][" + HAN + r"]{1,2})(?![" + HAN + r"])"
    r"|(?:叫|名叫|名字是|叫做|名为|化名|姓名|丈夫|妻子|老公|老婆|司机|中介|经纪人|朋友|同事|邻居|女士|先生|商人|老板|女子|"
    r"男子|村民|居民|脱北者|朝鲜人|妇女|男人|女人|商贩|向导|联系人|干部|书记|主任|队长|儿子|女儿|哥哥|姐姐|弟弟|妹妹|父亲|母亲|"
    r"支书|村长|镇长|乡长|所长|厂长|矿长|站长|班长)([" + ZH_SURNAME_CHARS + r"][" + HAN + r"]{1,2}?)"
    r"(?=先生|女士|说|称|表示|告诉|被|在|和|等|的|是|曾|也|已|因|从|把|对|向|给|今年|现年|（|\(|，|。|、|\s|$)"
    r"|([" + ZH_SURNAME_CHARS + r"][" + HAN + r"]{1,2}?)(?=先生|女士|同志)"
)
HANZI_NOT_NAME_CHARS = frozenset("省市县区村镇乡路街党部局院厅所队州的了是在和有不这个们上下年月日号元说称")


def _detect_people_zh(text: str, ctx: _Ctx) -> Iterator[Finding]:
    coarse = lexicon.coarse_places()
    for m in ctx.find(HANZI_NAME_RE, text, "han"):
        g = next(i for i in (1, 2, 3) if m.group(i))
        name = m.group(g)
        if (
            (name.lower() in ctx.allow and not _private_cue(text, m.start(g), m.end(g)))
            or name in coarse
            or any(c in HANZI_NOT_NAME_CHARS for c in name[1:])
        ):
            continue
        yield _f(
            text,
            m.start(g),
            m.end(g),
            "person",
            "high",
            "person_hanzi",
            {"ko": "한 중국인", "en": "a Chinese national"},
        )


# ---------------------------------------------------------------------------------------------
# Quasi-identifiers: titles, kinship, ages

# Titles are unique local posts: one inminban head per inminban, one inspection chief per county
# security office. Alone a title is medium; tied to a place below province level or to a named
# organisation in the same clause ("혜산시 보안서 감찰과장", "the security chief of Hyesan") it names
# one person and is high. Each title maps to the coarser word to write instead.
TITLE_CLASSES: dict[str, tuple[str, ...]] = {
    "security": (
        "감찰과장",
        "반탐과장",
        "수사과장",
        "예심과장",
        "감찰부장",
        "보안서장",
        "보안부장",
        "안전서장",
        "안전부장",
        "보위부장",
        "분주소장",
        "보위지도원",
        "보안지도원",
        "안전지도원",
        "담당보위원",
        "담당안전원",
        "담당보안원",
        "교화소장",
        "집결소장",
        "구류장장",
        "노동단련대장",
        "규찰대장",
        "순찰대장",
    ),
    "party": (
        "초급당비서",
        "리당비서",
        "세포비서",
        "당세포비서",
        "부문당비서",
        "책임비서",
        "당비서",
        "당위원장",
    ),
    "local": (
        "인민반장",
        "인민위원장",
        "관리위원장",
        "여맹위원장",
        "청년동맹위원장",
        "직맹위원장",
        "농근맹위원장",
        "동사무장",
        "동사무소장",
    ),
    "work": ("작업반장", "분조장", "현장장", "갱장"),
    "management": ("부지배인", "지배인", "기사장", "직장장", "농장장"),
    "military": ("중대장", "소대장", "대대장", "연대장", "참모장", "정치지도원", "초소장"),
    "other": ("세관장", "역장", "교장", "병원장", "리장", "동장", "반장"),
}
# Two-syllable titles are ordinary endings of other words (운동장, 처리장, 무역장): standalone only.
TITLES_STANDALONE = frozenset(["역장", "교장", "리장", "동장", "반장"])
TITLE_CLASS_OF = {t: c for c, ts in TITLE_CLASSES.items() for t in ts}
TITLE_SUGGESTIONS = {
    "security": {"ko": "보안 간부", "en": "a security official"},
    "party": {"ko": "당 간부", "en": "a party official"},
    "local": {"ko": "한 주민", "en": "a local resident"},
    "work": {"ko": "한 노동자", "en": "a worker"},
    "management": {"ko": "기업 간부", "en": "an enterprise official"},
    "military": {"ko": "한 군관", "en": "an army officer"},
    "other": {"ko": "한 간부", "en": "a local official"},
}
_TITLE_ALT = "|".join(sorted(TITLE_CLASS_OF, key=len, reverse=True))
# The pattern starts with the titles themselves so the regex engine can skip positions whose
# syllable starts no title; the Hangul prefix attached to a title (혜산시보안서장) is read in Python.
TITLE_KO_RE = re.compile(r"(" + _TITLE_ALT + r")([" + H + r"]*)")
# What may follow a title or a kin noun in the same word: particles and the copula, not a plural
# (인민반장들) or a longer compound (인민반장회의).
COPULA_TAILS = frozenset(
    [
        "인",
        "이다",
        "였다",
        "이었다",
        "이었던",
        "이던",
        "이자",
        "이며",
        "이고",
        "이었고",
        "이었으며",
        "이라는",
        "이라고",
        "이라며",
        "으로",
        "으로서",
        "으로서는",
        "로서",
        "로",
        "출신",
        "출신인",
        "님",
        "님이",
        "님은",
        "님의",
        "동무",
        "동무가",
        "동무는",
        "동지",
        "동지가",
        "동지는",
        "직",
        "직을",
        "직에서",
        "직에",
        "직은",
        "직도",
        "까지",
        "에게",
        "에게서",
        "한테",
        "마저",
        "조차",
        "만",
        "과",
        "와",
        "이나",
        "이랑",
        "랑",
    ]
)


def _tail_ok(tail: str) -> bool:
    return tail == "" or tail in PARTICLE_SET or tail in COPULA_TAILS


TITLE_EN_RE = re.compile(
    r"\b(?:inminban (?:head|chief|leader)|head of (?:the|a|her|his) (?:local )?(?:people's unit|inminban|neighbou?rhood unit)|"
    r"(?:people's|neighbou?rhood) unit (?:head|chief|leader)|(?:sub-)?work[- ]team (?:leader|chief|head)|"
    r"(?:local |primary |cell |ri |village |factory |farm |mine )?party secretary|"
    r"branch secretary|company commander|platoon (?:leader|commander)|battalion commander|farm manager|mine manager|"
    r"station (?:master|chief)|factory manager|enterprise manager|chief engineer|customs chief|guard post chief|"
    r"(?:local )?women's union (?:chair|chairwoman|head|leader)|head of (?:the|a) (?:local )?women's union|"
    r"(?:county |city |local )?(?:security|police|safety) (?:chief|department head|office head|station head)|"
    r"head of the (?:local |county |city )?(?:security|police|safety) (?:office|department|bureau|station|agency)|"
    r"(?:chief|head) of the (?:inspection|investigation|counter-intelligence|counterintelligence) (?:section|department|unit)|"
    r"(?:inspection|investigation|counter-intelligence|counterintelligence) (?:section )?chief|"
    r"(?:state security|security agency|MSS) (?:instructor|agent in charge)|"
    r"(?:farm )?management committee chairman|"
    r"chairman of the (?:farm's |cooperative farm's )?management committee|(?:ri|village|dong) (?:chief|head|chairman))\b",
    re.IGNORECASE,
)
TITLE_ZH_RE = re.compile(
    r"(?:村党支部书记|党支部书记|村支书|支部书记|村长|镇长|乡长|派出所所长|人民班长|保卫部长|安全部长|保安署长|所长|队长|"
    r"厂长|矿长|站长|班长)"
)


# The English title and kinship patterns are long case-insensitive alternations; they only run
# near a word they must contain (case-sensitive fragments, so the anchor search stays cheap).
TITLE_EN_ANCHOR_RE = re.compile(
    r"ecretar|hief|ead|anager|ommander|ngineer|aster|hair|nstructor|harge|"
    r"ECRETAR|HIEF|EAD|ANAGER|OMMANDER|NGINEER|ASTER|HAIR|NSTRUCTOR|HARGE"
)
KIN_EN_ANCHOR_RE = re.compile(
    r"usband|ife|son|aughter|rother|ister|other|ather|ncle|unt|ousin|ephew|iece|artner|riend|ianc|arents|hildren|"
    r"USBAND|IFE|SON|AUGHTER|ROTHER|ISTER|OTHER|ATHER|NCLE|UNT|OUSIN|EPHEW|IECE|ARTNER|RIEND|IANC|ARENTS|HILDREN"
)


def _find_near(rx: re.Pattern, text: str, anchor: re.Pattern, before: int, after: int) -> Iterator[re.Match]:
    """Yield the matches of ``rx`` inside merged windows around the matches of ``anchor``."""
    n = len(text)
    start = end = -1
    for a in anchor.finditer(text):
        lo, hi = max(0, a.start() - before), min(n, a.end() + after)
        if lo <= end:
            end = max(end, hi)
            continue
        if end > start:
            yield from rx.finditer(text, start, end)
        start, end = lo, hi
    if end > start:
        yield from rx.finditer(text, start, end)


def _title_class_en(s: str) -> str:
    low = s.lower()
    if any(
        w in low
        for w in ("security", "police", "safety", "inspection", "investigation", "intelligence", "mss")
    ):
        return "security"
    if "secretary" in low:
        return "party"
    if any(w in low for w in ("commander", "platoon", "company")):
        return "military"
    if any(w in low for w in ("inminban", "unit", "union", "village", "ri ", "dong", "management")):
        return "local"
    if any(w in low for w in ("manager", "engineer")):
        return "management"
    if "work" in low:
        return "work"
    return "other"


# Unique national institutions: a title in one of them is one person. Generic offices (보위부,
# 보안서, 분주소) exist in every county and count only when a place names which one.
NATIONAL_ORGS_KO = frozenset(
    [
        "국가보위성",
        "사회안전성",
        "인민보안성",
        "인민보안부",
        "국가안전보위부",
        "국가보위부",
        "호위사령부",
        "정찰총국",
        "총참모부",
        "총정치국",
        "국경경비총국",
        "중앙검찰소",
        "중앙재판소",
        "당중앙위원회",
        "중앙위원회",
    ]
)
NATIONAL_ORGS_EN_RE = re.compile(
    r"Ministry of (?:State|Social|People's) Security|State Security Department|Reconnaissance General Bureau|"
    r"General Staff|Guard Command|Central Committee"
)
# Words between a place and a title that keep them in one noun phrase ("혜산시 보안서 감찰과장",
# "창렬리에 사는 인민반장"): anything else ending in a case particle ends the phrase.
CHAIN_VERBS = frozenset(
    ["사는", "살던", "살고", "있는", "있던", "소속", "소속인", "소속의", "출신", "출신인", "담당", "산하"]
)
OFFICE_SUFFIXES = (
    "보안서",
    "보위부",
    "안전부",
    "분주소",
    "위원회",
    "감찰과",
    "반탐과",
    "수사과",
    "보안과",
    "세관",
    "군당",
    "시당",
    "리당",
    "도당",
    "기업소",
    "공장",
    "농장",
    "광산",
    "탄광",
    "파출소",
    "공안국",
    "경찰서",
)
CHAIN_STRIP = ("에서의", "에서", "의", "에")
INDEFINITE_KO = frozenset(["한", "어느", "모", "어떤", "한명의", "한 명의"])
COLLECTIVE_KO = frozenset(["모든", "각", "여러", "많은", "일부", "전체", "각급", "몇몇", "수많은", "일부의"])
CLAUSE_BREAK = re.compile(r"[,.;:!?\"“”‘’'()\[\]{}<>「」『』…\n，。；：！？（）]")
CLAUSE_BREAK_EN = re.compile(r"[,.;:!?\"“”()\[\]{}<>…\n]")
INDEFINITE_EN_RE = re.compile(
    r"\b(a|an|one|another|some|every|each|all|many|several|other|local)\s+(?:(?:[a-z'’-]+)\s+){0,2}$",
    re.IGNORECASE,
)


class _Binders:
    """Places below province level and named organisations, as sorted spans, for tying titles."""

    def __init__(self, text: str, findings: list[Finding], ctx: _Ctx):
        spans = [(f.start, f.end) for f in findings if f.kind in ("place", "workplace", "address")]
        spans += [(s, e) for s, e, n in ctx.coarse_mentions if n.get("level") == "local"]
        for rx, key in ((NATIONAL_ORGS_EN_RE, "latin"),):
            spans += [(m.start(), m.end()) for m in ctx.find(rx, text, key)]
        for org in NATIONAL_ORGS_KO:
            i = text.find(org)
            while i != -1:
                spans.append((i, i + len(org)))
                i = text.find(org, i + 1)
        spans.sort()
        self.starts = [s for s, _e in spans]
        self.spans = spans

    def overlapping(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)
        return any(e > start for _s, e in self.spans[max(0, i - 4) : i])


def _tie_ko(text: str, start: int, binders: _Binders) -> str:
    """Return "tied", "indefinite", "collective" or "alone" for a Korean title starting at ``start``."""
    pos = start
    for _ in range(5):
        seg = text[max(0, pos - 24) : pos]
        m = re.search(r"(\S+)(\s*)$", seg)
        if not m or not m.group(2) and pos != start:
            return "alone"
        if CLAUSE_BREAK.search(m.group(2)) or CLAUSE_BREAK.search(m.group(1)[-1:]):
            return "alone"
        word = m.group(1)
        wstart = pos - len(m.group(0))
        if not re.fullmatch(r"[" + H + r"0-9]+", word):
            return "alone"
        if pos == start and word in INDEFINITE_KO:
            return "indefinite"
        if word in COLLECTIVE_KO:
            return "collective"
        if word in INDEFINITE_KO:
            return "indefinite"
        if binders.overlapping(wstart, wstart + len(word)):
            return "tied"
        core = word
        for suf in CHAIN_STRIP:
            if core.endswith(suf) and len(core) > len(suf) + 1:
                core = core[: -len(suf)]
                break
        if (
            word not in CHAIN_VERBS
            and core == word
            and not word.endswith(OFFICE_SUFFIXES)
            and (word[-1] in "은는이가을를도와과로고며다면서해게" or word.endswith(("니까", "지만")))
        ):
            return "alone"
        pos = wstart
    return "alone"


def _tie_en(text: str, start: int, end: int, binders: _Binders) -> str:
    before = text[max(0, start - 48) : start]
    cut = max((m.end() for m in CLAUSE_BREAK_EN.finditer(before)), default=0)
    before_start = max(0, start - 48) + cut
    before = text[before_start:start]
    ind = INDEFINITE_EN_RE.search(before)
    if ind and ind.group(1).lower() in ("every", "each", "all", "many", "several", "some", "other"):
        return "collective"
    # "the Hyesan security chief", "Musan County's party secretary": a place directly in front.
    m = re.search(r"((?:[A-Z][\w'’-]*\s+){1,4})$", before)
    if m:
        head = before_start + m.start(1)
        if binders.overlapping(head, start):
            return "tied"
    # "the security chief of Hyesan", "head of the inminban in Yonbong-dong".
    after = text[end : end + 60]
    cut_after = CLAUSE_BREAK_EN.search(after)
    after = after[: cut_after.start()] if cut_after else after
    if re.match(r"\s+(?:of|in|at|for|from)\s", after) and binders.overlapping(end, end + len(after)):
        return "tied"
    if ind:
        return "indefinite"
    return "alone"


def _tie_zh(text: str, start: int, binders: _Binders) -> str:
    before = text[max(0, start - 12) : start]
    cut = max((m.end() for m in CLAUSE_BREAK.finditer(before)), default=0)
    return "tied" if binders.overlapping(max(0, start - 12) + cut, start) else "alone"


def _detect_titles(text: str, ctx: _Ctx, binders: _Binders) -> Iterator[Finding]:
    for m in ctx.find(TITLE_KO_RE, text, "hangul"):
        title, tail = m.group(1), m.group(2)
        start = m.start()
        while start > 0 and "가" <= text[start - 1] <= "힣" and m.start() - start <= 6:
            start -= 1
        if m.start() - start > 6:
            continue
        prefix = text[start : m.start()]
        if prefix and title in TITLES_STANDALONE:
            continue  # 운동장, 처리장, 무역장: not a 동장 or 리장
        if not _tail_ok(tail):
            continue  # 인민반장들 (a collective), 인민반장회의 (a meeting)
        if tail in ("과", "와", "이나", "나", "랑", "이랑") and re.match(
            r"\s*(?:및\s*)?[가-힣]+들", text[m.end() :]
        ):
            continue  # 지배인과 기사장들: the plural covers both
        if prefix.startswith("총") or _after_public_figure(text, start, ctx.allow):
            continue  # 총참모장, "김정은 당위원장": a public figure's office
        tie = _tie_ko(text, start, binders)
        if tie == "collective":
            continue
        yield _title_finding(text, start, m.end(1), TITLE_CLASS_OF[title], tie)
    for m in _find_near(TITLE_EN_RE, text, TITLE_EN_ANCHOR_RE, 70, 60):
        tie = _tie_en(text, m.start(), m.end(), binders)
        if tie == "collective":
            continue
        yield _title_finding(text, m.start(), m.end(), _title_class_en(m.group()), tie)
    for m in ctx.find(TITLE_ZH_RE, text, "han"):
        cls = "security" if m.group().endswith(("所长", "保卫部长", "安全部长", "保安署长")) else "local"
        cls = "party" if "书" in m.group() else cls
        yield _title_finding(text, m.start(), m.end(), cls, _tie_zh(text, m.start(), binders))


def _after_public_figure(text: str, start: int, allow: frozenset[str]) -> bool:
    m = re.search(r"([" + H + r"A-Za-z ]{2,20}?)\s*$", text[max(0, start - 20) : start])
    if not m:
        return False
    words = m.group(1).split()
    return any(" ".join(words[i:]).lower() in allow for i in range(len(words)))


def _title_finding(text: str, start: int, end: int, cls: str, tie: str) -> Finding:
    if tie == "tied":
        return _f(text, start, end, "title", "high", "title_place", TITLE_SUGGESTIONS[cls])
    return _f(text, start, end, "title", "medium", "title", TITLE_SUGGESTIONS[cls])


# Kinship. A relative with an identifying modifier (nationality, birth order, "the source's") is
# medium; a relative who is also given a post, an exact age, a workplace or a small place in the
# same sentence is high — and then a plain "her husband" counts too, because the sentence has
# described one person and tied them to the person the story is about.
KIN = (
    r"남편|아내|부인|처|딸|아들|큰딸|큰아들|작은딸|작은아들|맏딸|맏아들|외동딸|외아들|막내딸|막내아들|시어머니|시아버지|"
    r"장인|장모|사위|며느리|조카|조카딸|손자|손녀|외손자|외손녀|형|오빠|언니|누나|동생|남동생|여동생|형님|형수|제수|올케|"
    r"처남|처제|처형|시동생|시누이|형부|매형|매부|삼촌|외삼촌|이모|고모|숙부|숙모|사촌|사촌형|사촌동생|할머니|할아버지|"
    r"외할머니|외할아버지|어머니|아버지|친정어머니|친정아버지|애인|내연남|내연녀|동거남|동거녀|약혼자|약혼녀|전남편|전처|"
    r"부모|양아버지|양어머니|의붓아버지|의붓어머니|자녀|자식"
)
KIN_WORDS = frozenset(KIN.split("|"))
KIN_MOD = (
    r"중국인|한족|조선족|화교|탈북한|탈북민인|탈북민|군인인|군관인|군관|보위원|안전원|간부|러시아인|외국인|남한|한국인|"
    r"북한군|당원|무역업자|밀수꾼|브로커|중개인|교사|의사|유일한|하나뿐인|외동|막내|맏|첫째|둘째|셋째|넷째|다섯째|여섯째|"
    r"한국에 사는|한국에 있는|중국에 사는|중국에 있는|남한에 있는|남한에 사는|일본에 사는|러시아에 있는|러시아에 사는|"
    r"행방불명된|수감된|처형된|체포된|북송된|실종된|복역 중인|수감 중인"
)
KIN_POSS = (
    r"그녀의|그의|그들의|자신의|본인의|제|내|우리|저희|"
    r"(?:그|이|해당)\s(?:여성|남성|주민|탈북민|여인|노인|남자|여자|군인|상인|노동자)의|["
    + H
    + r"]{1,4}\s?씨의"
)
KIN_SOURCE_POSS = (
    r"(?:(?:이|그|해당|현지|내부)\s)?(?:소식통|제보자|취재원|정보원|내부 소식통|현지 소식통)(?:\s?본인)?의"
)
KIN_KO_RE = re.compile(
    r"(?<![" + H + r"])(?:(?P<src>" + KIN_SOURCE_POSS + r")\s?|(?P<poss>" + KIN_POSS + r")\s)?"
    r"(?P<mod>(?:" + KIN_MOD + r")\s?)?"
    r"(?P<kin>" + KIN + r")(?P<tail>[" + H + r"]*)"
)
_KIN_EN = (
    r"husband|wife|son|daughter|brother|sister|mother|father|uncle|aunt|cousin|nephew|niece|son-in-law|"
    r"daughter-in-law|mother-in-law|father-in-law|brother-in-law|sister-in-law|partner|boyfriend|girlfriend|"
    r"fianc[ée]e?|grandson|granddaughter|grandmother|grandfather|stepfather|stepmother|parents|children"
)
_KIN_EN_MOD = (
    r"Chinese|Han|Han Chinese|ethnic[- ]Korean|Korean[- ]Chinese|defector|soldier|officer|Russian|South Korean|North Korean|"
    r"only|eldest|youngest|elder|younger|older|oldest|late|jailed|missing|detained|executed|smuggler|broker|party official|"
    r"first|second|third|fourth|fifth|middle|baby|little|big|half-|step"
)
KIN_EN_RE = re.compile(
    r"\b(?P<a>(?:her|his|their|the source's|the source’s)\s+(?:(?:older|younger|elder|eldest|youngest|only)\s+)?(?:"
    + _KIN_EN
    + r")\s+(?:who\s+(?:lives|lived|is)\s+|living\s+)?in\s+(?:South Korea|the South|Seoul|China|Japan|Russia|"
    r"the United States|Britain))\b"
    r"|\b(?P<src>(?:the|our|a|one)\s+(?:source|informant|interviewee|contact)['’]s\s+)(?P<smod>(?:(?:"
    + _KIN_EN_MOD
    + r")\s+)*)(?P<skin>"
    + _KIN_EN
    + r")s?\b"
    r"|\b(?P<b>(?:her|his|their|the woman's|the man's|whose|the woman’s|the man’s)\s+(?:(?:"
    + _KIN_EN_MOD
    + r")\s+)+(?:"
    + _KIN_EN
    + r")s?)\b"
    r"|\b(?P<c>whose\s+(?:husband|wife|son|daughter|brother|sister|mother|father|uncle|aunt|cousin)\s+(?:still\s+)?"
    r"(?:defected|fled|escaped|was arrested|was executed|was sent|lives|lived|works|worked|is|was|died))\b"
    r"|\b(?P<d>(?:her|his|their)\s+(?:husband|wife|son|daughter|brother|sister|mother|father)\s+(?:who\s+)?"
    r"(?:defected|fled|escaped|was executed))\b"
    r"|\b(?P<plain>(?:her|his|my|our)\s+(?:" + _KIN_EN + r"))\b(?!-)",
    re.IGNORECASE,
)
KIN_ZH_RE = re.compile(
    r"(?P<mod>(?:她的|他的)?(?:中国|汉族|朝鲜族|韩国|脱北者|大|二|三|小)(?:丈夫|老公|妻子|老婆|儿子|女儿|男朋友|女朋友))"
    r"|(?:消息人士|线人|知情人士|消息来源)的(?P<src>丈夫|妻子|儿子|女儿|哥哥|弟弟|姐姐|妹妹|父亲|母亲|叔叔|舅舅)"
    r"|(?P<plain>(?:她的|他的)(?:丈夫|老公|妻子|老婆|儿子|女儿|哥哥|弟弟|姐姐|妹妹|父亲|母亲))"
)
# A post given to a relative ("그녀의 남편은 보위원이다", "her husband, a security agent").
POST_KO_RE = re.compile(
    r"(?<![" + H + r"])(?:보위원|보위부원|안전원|보안원|군관|간부|당간부|세관원|지도원|검사|판사|경찰관|공안)"
    r"(?=인|이다|였다|이었다|이었던|이던|이며|이고|으로|로|이자|출신)"
)
POST_EN_RE = re.compile(
    r"\ban?\s+(?:(?:senior|local|low-ranking|high-ranking|mid-level|former|retired|party|county|city|provincial|"
    r"security|police|customs|army|military|state)\s+){0,2}(?:official|officer|agent|cadre|inspector|prosecutor|judge|"
    r"policeman|policewoman)\b",
    re.IGNORECASE,
)
SENTENCE_END_RE = re.compile(r"[.!?。！？\n](?![0-9])")
ORDINAL_KIN = frozenset(
    ["큰딸", "큰아들", "작은딸", "작은아들", "맏딸", "맏아들", "외동딸", "외아들", "막내딸", "막내아들"]
)
KIN_SUGGESTION = {"ko": "가족", "en": "a relative"}
KIN_SOURCE_SUGGESTION = {"ko": "가족", "en": "relative"}


def _sentence(text: str, pos: int) -> tuple[int, int]:
    """Return the span of the sentence holding ``pos`` (bounded by sentence punctuation or a line)."""
    lo = max(0, pos - 400)
    start = lo
    for m in SENTENCE_END_RE.finditer(text, lo, pos):
        start = m.end()
    nxt = SENTENCE_END_RE.search(text, pos, min(len(text), pos + 400))
    return start, (nxt.end() if nxt else min(len(text), pos + 400))


class _Detail:
    """Where a sentence gives someone a post, an exact age, a workplace or a small place."""

    def __init__(self, text: str, ctx: _Ctx, findings: list[Finding]):
        spans = [
            (f.start, f.end)
            for f in findings
            if f.kind in ("title", "age", "workplace", "address")
            or (f.kind == "place" and f.severity == "high")
        ]
        spans += [(m.start(), m.end()) for m in ctx.find(POST_KO_RE, text, "hangul")]
        spans += [(m.start(), m.end()) for m in ctx.find(POST_EN_RE, text, "latin")]
        spans.sort()
        self.starts = [s for s, _e in spans]

    def in_sentence(self, text: str, start: int, end: int) -> bool:
        s, e = _sentence(text, start)
        i = bisect.bisect_left(self.starts, s)
        while i < len(self.starts) and self.starts[i] < e:
            if not start <= self.starts[i] < end:
                return True
            i += 1
        return False


def _detect_kinship(text: str, ctx: _Ctx, detail: _Detail) -> Iterator[Finding]:
    for m in ctx.find(KIN_KO_RE, text, "hangul"):
        src, poss, mod = m.group("src"), m.group("poss"), m.group("mod")
        mod = mod or (m.group("kin") if m.group("kin") in ORDINAL_KIN else None)
        if not (src or poss or mod) or not _tail_ok(m.group("tail")):
            continue
        if (
            mod
            and mod.strip() in ("간부", "군관", "보위원", "안전원", "당원", "의사", "교사")
            and not (src or poss)
        ):
            continue  # "간부 처벌", "군관 아내들": a class of people, not one relative
        start = (m.start("mod") if m.group("mod") else m.start("kin")) if src else m.start()
        end = m.end("kin")
        high = detail.in_sentence(text, start, end)
        if not (src or mod) and not high:
            continue  # "그녀의 남편은 장사를 한다": nothing yet singles him out
        sugg = KIN_SOURCE_SUGGESTION if src else KIN_SUGGESTION
        yield _kin_finding(text, start, end, high, "kinship_source" if src else "kinship", sugg)
    for m in _find_near(KIN_EN_RE, text, KIN_EN_ANCHOR_RE, 80, 70):
        if m.group("src"):
            start, end = m.start("smod") if m.group("smod") else m.start("skin"), m.end()
            code, sugg = "kinship_source", KIN_SOURCE_SUGGESTION
        else:
            start, end = m.start(), m.end()
            code, sugg = "kinship", KIN_SUGGESTION
        high = detail.in_sentence(text, start, end)
        if m.group("plain") and not high:
            continue
        yield _kin_finding(text, start, end, high, code, sugg)
    for m in ctx.find(KIN_ZH_RE, text, "han"):
        g = "mod" if m.group("mod") else ("src" if m.group("src") else "plain")
        high = detail.in_sentence(text, m.start(g), m.end(g))
        if g == "plain" and not high:
            continue
        code = "kinship_source" if g == "src" else "kinship"
        yield _kin_finding(text, m.start(g), m.end(g), high, code, KIN_SUGGESTION)


def _kin_finding(text: str, start: int, end: int, high: bool, code: str, sugg: dict[str, str]) -> Finding:
    if high:
        return _f(text, start, end, "kinship", "high", "kinship_detail", sugg)
    return _f(text, start, end, "kinship", "medium", code, sugg)


AGE_RE = re.compile(
    r"(?<![\d.,])(?:만\s?)?(\d{1,3})\s?(?:세|살)(?![가-힣]{0,1}(?:대|때|부터|까지|이상|이하|미만|이후|전후|가량|정도))"
    r"|(?<=[" + H + r"])\(\s?(\d{1,2})\s?\)"
    r"|\b(\d{1,2})[- ]year[- ]old\b|\baged\s+(\d{1,2})\b"
    r"|(?<=[a-z]),\s(\d{1,2}),(?=\s)"
    r"|(\d{1,2})\s?岁"
    r"|(?<=[·,/\s])(\d{1,2})(?=\s?[)）])"
)


def _age_suggestion(age: int) -> dict[str, str]:
    band = (age // 10) * 10
    return {"ko": f"{band}대", "en": f"in their {band}s"}


def _detect_ages(text: str, ctx: _Ctx) -> Iterator[Finding]:
    for m in ctx.find(AGE_RE, text, "digit"):
        g = next(i for i in range(1, 8) if m.group(i))
        age = int(m.group(g))
        if not 1 <= age <= 110:
            continue
        if g == 7 and not re.search(
            r"[(（][^()（）\n]*[가-힣][^()（）\n]{0,8}$", text[max(0, m.start() - 12) : m.start()]
        ):
            continue
        if g == 5 and not re.search(
            r"(?:[A-Z][a-z-]+|\b(?:" + _KIN_EN + r")s?)\s?$", text[max(0, m.start() - 30) : m.start()]
        ):
            continue
        start, end = (m.start(g) - 1, m.end(g) + 1) if g in (2, 5) else (m.start(), m.end())
        if g in (5, 7):
            start, end = m.start(g), m.end(g)
        yield _f(text, start, end, "age", "medium", "age", _age_suggestion(age))


def _detect_quasi(text: str, ctx: _Ctx, findings: list[Finding]) -> list[Finding]:
    """Return titles, kinship and exact ages, judged against the direct findings already made."""
    ages = list(_detect_ages(text, ctx))
    binders = _Binders(text, findings, ctx)
    titles = list(_detect_titles(text, ctx, binders))
    detail = _Detail(text, ctx, findings + ages + titles)
    return ages + titles + list(_detect_kinship(text, ctx, detail))


# ---------------------------------------------------------------------------------------------
# Public entry point


def _priority(f: Finding) -> float:
    if f.kind == "address":
        return -1
    if f.code == "person_shape":
        return KIND_PRIORITY["place"] + 0.5  # 창렬리 is a village before it is a name
    return KIND_PRIORITY.get(f.kind, 99)


def _resolve(findings: list[Finding]) -> list[Finding]:
    """Keep the strongest finding where spans overlap; merge adjacent address pieces."""
    ordered = sorted(
        findings,
        key=lambda f: (
            -SEVERITY_RANK[f.severity],
            _priority(f),
            -(f.end - f.start),
            f.start,
        ),
    )
    kept: list[Finding] = []
    starts: list[int] = []  # kept spans never overlap, so sorted starts also sort their ends
    ends: list[int] = []
    for f in ordered:
        i = bisect.bisect_right(starts, f.start)
        if (i > 0 and ends[i - 1] > f.start) or (i < len(starts) and starts[i] < f.end):
            continue
        starts.insert(i, f.start)
        ends.insert(i, f.end)
        kept.append(f)
    kept.sort(key=lambda f: (f.start, f.end))
    return kept


def _merge_addresses(text: str, findings: list[Finding]) -> list[Finding]:
    out: list[Finding] = []
    for f in findings:
        if (
            out
            and f.kind in ("address", "place")
            and out[-1].kind in ("address", "place")
            and (f.kind == "address" or out[-1].kind == "address")
        ):
            gap = text[out[-1].end : f.start]
            if len(gap) <= 2 and re.fullmatch(r"[\s,，]*", gap):
                prev = out[-1]
                out[-1] = Finding(
                    prev.start,
                    f.end,
                    "address",
                    "high",
                    text[prev.start : f.end],
                    REASONS["address"]["en"],
                    prev.suggestion or f.suggestion,
                    "address",
                )
                continue
        out.append(f)
    return out


def _detect_deny(text: str, deny: Iterable[str]) -> Iterator[Finding]:
    lowered = text.lower()
    for name in deny:
        name = (name or "").strip()
        if len(name) < 2:
            continue
        needle = name.lower()
        i = lowered.find(needle)
        while i != -1:
            yield _f(
                text,
                i,
                i + len(name),
                "person",
                "high",
                "person_deny",
                {"ko": "A씨(가명)", "en": "a resident (not named)"},
            )
            i = lowered.find(needle, i + len(name))


# Surnames that, standing alone later in a text, still mean the person ("Han said"); short ones that
# are also English words (An, So, Ma, He, Song) are left out.
REPEATABLE_SURNAMES = frozenset(
    [
        "Kim",
        "Lee",
        "Park",
        "Choi",
        "Choe",
        "Pak",
        "Ri",
        "Rhee",
        "Yi",
        "Jang",
        "Chang",
        "Kang",
        "Cho",
        "Jo",
        "Yoon",
        "Yun",
        "Lim",
        "Rim",
        "Han",
        "Shin",
        "Kwon",
        "Hwang",
        "Jung",
        "Jong",
        "Chung",
        "Ryu",
        "Hong",
        "Jeon",
        "Jon",
        "Chon",
        "Ko",
        "Moon",
        "Mun",
        "Yang",
        "Son",
        "Bae",
        "Pae",
        "Baek",
        "Paek",
        "Heo",
        "Nam",
        "Noh",
        "Kwak",
        "Seo",
        "Suh",
        "Oh",
        "Hyon",
        "Hyun",
        "Ryom",
        "Ryang",
        "Wang",
        "Zhang",
        "Liu",
        "Chen",
        "Zhao",
        "Zhou",
        "Wu",
        "Xu",
        "Zhu",
        "Hu",
        "Guo",
        "Lin",
        "Luo",
        "Zheng",
        "Liang",
        "Xie",
        "Tang",
        "Feng",
        "Deng",
        "Cao",
        "Jin",
        "Piao",
        "Cui",
        "Jiang",
    ]
)


def _detect_repeats(text: str, people: list[Finding], ctx: _Ctx) -> Iterator[Finding]:
    """Yield later mentions of people already found: "영희는", "김 씨", "Han said" after "Han Jong-mi"."""
    common = lexicon.common_ko()
    sur1, _sur2 = lexicon.surnames_ko()
    needles: dict[str, re.Pattern] = {}
    for f in people:
        name = f.text
        if re.fullmatch(r"[가-힣]{3}", name) and name[0] in sur1:
            given = name[1:]
            if given not in common:
                needles[given] = re.compile(
                    r"(?<![가-힣])"
                    + given
                    + r"(?=(?:"
                    + "|".join(PARTICLES)
                    + r"|아|야|이가|이는|이를|이도|이의)?(?![가-힣]))"
                )
            needles[name[0] + " 씨"] = re.compile(
                r"(?<![가-힣])" + name[0] + r"\s?씨(?=" + r"(?:" + "|".join(PARTICLES) + r")?(?![가-힣]))"
            )
        m = re.fullmatch(r"([A-Z][a-z]+)\s+([A-Z][a-z]+(?:-[A-Za-z][a-z]+)?(?:\s[A-Z][a-z]+)?)", name)
        if m and f.code in ("person_roman", "person_deny") and m.group(1) in REPEATABLE_SURNAMES:
            sur = m.group(1)
            # "Han said", "according to Han": the surname alone, not the start of another full name.
            needles[sur] = re.compile(r"\b" + sur + r"\b(?!\s+[A-Z])(?![-'’][a-z])")
    for key, rx in needles.items():
        for m in rx.finditer(text):
            yield _f(
                text,
                m.start(),
                m.start() + len(key) if "씨" not in key else m.end(),
                "person",
                "high",
                "person_repeat",
                {"ko": "A씨(가명)", "en": "a resident (not named)"},
            )


MAX_SCAN_CHARS = 20_000_000


def scan(
    text: str,
    language: str | None = None,
    *,
    deny: Collection[str] = (),
    allow: Collection[str] | None = None,
) -> list[Finding]:
    """Return the findings in ``text``, ordered by position, non-overlapping.

    ``language`` ("ko", "en", "zh" or None) is a hint only: every text is checked with every rule,
    because reports mix Korean, English and Chinese. ``deny`` names are always flagged (a story's
    "people in this story"). ``allow`` replaces the shipped allow-list of public figures when given
    (pass ``DEFAULT_ALLOW | {...}`` to extend it).
    """
    if not text:
        return []
    if len(text) > MAX_SCAN_CHARS:
        raise ValueError(f"text too long to scan at once ({len(text)} characters; limit {MAX_SCAN_CHARS})")
    allow_set = frozenset(a.lower() for a in (lexicon.allow_people() if allow is None else allow))
    deny_lower = {d.lower() for d in deny}
    allow_set = allow_set - deny_lower
    ctx = _Ctx(text, allow_set)
    findings: list[Finding] = []
    findings.extend(_detect_numbers(text, ctx))
    findings.extend(_detect_dates(text, ctx))
    findings.extend(_detect_places(text, ctx))
    findings.extend(_detect_people_ko(text, ctx))
    findings.extend(_detect_people_en(text, ctx))
    findings.extend(_detect_people_zh(text, ctx))
    findings.extend(_detect_deny(text, deny))
    findings.extend(_detect_repeats(text, [f for f in findings if f.kind == "person"], ctx))
    findings.extend(_detect_quasi(text, ctx, findings))
    return _merge_addresses(text, _resolve(findings))


def default_allow() -> frozenset[str]:
    """Return the shipped allow-list of public figures (lower-cased spellings)."""
    return lexicon.allow_people()
