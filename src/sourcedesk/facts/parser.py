"""Find money amounts in Korean and English report text.

Pure Python, no Django: the desk, the command line and the benchmark share it.

An amount is a number written with a currency: "800만 원", "1.5만 위안", "북한 돈 3,100원",
"KRW 2.5 million", "US$500", "10,000 yuan". The parser returns each amount's span (offsets in
code points), its ISO currency and its exact decimal value. Numbers without a currency (years,
ages, percentages, counts, weights) are never amounts. A currency the text does not settle is
reported as ``None``, never guessed. Numbers that look like amounts but are malformed
("1,00,0만 원") are not parsed; they are returned as :class:`Rejected` with a reason.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from decimal import Decimal

__all__ = [
    "MAX_PLAUSIBLE_VALUE",
    "Amount",
    "ParseResult",
    "Rejected",
    "find_amounts",
    "parse_amounts",
]

#: Amounts above this are flagged ``too_large`` and never converted.
MAX_PLAUSIBLE_VALUE = Decimal(10) ** 15

FLAG_TOO_LARGE = "too_large"
FLAG_AMBIGUOUS = "ambiguous_currency"


@dataclass(frozen=True)
class Amount:
    """One amount found in a text."""

    start: int
    end: int
    text: str
    currency: str | None
    value: Decimal
    #: How the currency was settled: "unit" (written with the number), "context" (e.g. 북한 돈
    #: earlier in the sentence), "default" (원 read as KRW) or "unknown".
    basis: str = "unit"
    flags: tuple[str, ...] = field(default=())

    @property
    def convertible(self) -> bool:
        """Return whether the amount may be converted (known currency, plausible size)."""
        return self.currency is not None and FLAG_TOO_LARGE not in self.flags

    def as_dict(self) -> dict:
        """Return a JSON-ready dictionary (the value as an int when it is whole)."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "currency": self.currency,
            "value": decimal_to_json(self.value),
            "basis": self.basis,
            "flags": list(self.flags),
        }


@dataclass(frozen=True)
class Rejected:
    """A number written like an amount that could not be read, with the reason."""

    start: int
    end: int
    text: str
    reason: str

    def as_dict(self) -> dict:
        """Return a JSON-ready dictionary."""
        return {"start": self.start, "end": self.end, "text": self.text, "reason": self.reason}


@dataclass(frozen=True)
class ParseResult:
    """Amounts and rejected numbers of one text, both in text order."""

    amounts: list[Amount]
    rejected: list[Rejected]


def decimal_to_json(value: Decimal) -> int | float:
    """Return ``value`` as an int when it is whole, else as a float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


# --- Numbers ---------------------------------------------------------------------------------

# A well-formed digit number: 3100, 3,100, 1.5, 2,500,000.25. The lookarounds keep it from
# matching inside a malformed one ("1,00,0") or a date ("2024.05.25").
_D = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d]|[.,]\d)"
_HDIGITS = "일이삼사오육칠팔구"
_HDIGIT_VALUES = {ch: i + 1 for i, ch in enumerate(_HDIGITS)}
_SMALL_UNITS = {"십": 10, "백": 100, "천": 1000}
_BIG_UNITS = {"만": 10**4, "억": 10**8, "조": 10**12}

# One group under 만: "5", "2천", "2천5백", "1천 200", "삼천". Hangul digits only multiply a unit.
_GROUP_UNIT = rf"(?:(?:{_D}|[{_HDIGITS}])?[십백천](?:\s(?=\d))?)+(?:{_D})?"
_GROUP = rf"(?:{_GROUP_UNIT}|{_D})"
# A whole Korean number: "3억 2천만", "1.5만", "천만", "만", "12만3400", or plain digits.
_KNUM = (
    rf"(?:(?:{_GROUP}|[{_HDIGITS}])?여?\s?[만억조](?:\s?(?=[\d{_HDIGITS}십백천]))?)+(?:{_GROUP})?"
    rf"|{_GROUP}"
)
_KNUM_START = rf"(?:(?<![\d.,])(?=\d)|(?<![\d가-힣])(?=[{_HDIGITS}십백천만억조]))"

_EN_NUMBER = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_EN_SCALE = {
    "hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "bn": 10**9, "tn": 10**12,
}  # fmt: skip
_EN_WORD = "|".join(sorted(_EN_NUMBER, key=len, reverse=True))
_EN_WORDNUM = (
    rf"(?:(?:{_EN_WORD})(?:-(?:{_EN_WORD}))?(?:\s+hundred)?(?=\s+(?:thousand|million|billion)\b)"
    rf"|(?:{_EN_WORD})(?:-(?:{_EN_WORD}))?(?:\s+hundred)?"
    rf"|an?(?=\s+(?:hundred|thousand|million|billion)\b))"
)
_ESCALE = (
    r"(?:\s?(?:thousand|million|billion|trillion|mn|mln|bn|tn)\b|(?:k|m)\b(?!\.\w)"
    r"|\s+hundred\s+(?:thousand|million)\b)"
)

# --- Currencies -------------------------------------------------------------------------------

_PREFIX_SYMBOLS = {
    "us$": "USD", "u.s.$": "USD", "$": "USD", "hk$": "HKD", "a$": "AUD", "c$": "CAD",
    "s$": "SGD", "₩": "KRW", "€": "EUR", "£": "GBP", "¥": None, "￥": None, "元": "CNY",
}  # fmt: skip
_CODES = {
    "krw": "KRW", "usd": "USD", "cny": "CNY", "rmb": "CNY", "kpw": "KPW", "jpy": "JPY",
    "eur": "EUR", "hkd": "HKD", "gbp": "GBP", "rub": "RUB", "cad": "CAD", "aud": "AUD",
    "sgd": "SGD", "twd": "TWD", "thb": "THB", "vnd": "VND", "lak": "LAK", "mnt": "MNT",
}  # fmt: skip
_CODE_ALT = "|".join(sorted(_CODES, key=len, reverse=True))

_EN_CURRENCY_WORDS = [
    (r"north\s+korean\s+won", "KPW"),
    (r"south\s+korean\s+won", "KRW"),
    (r"korean\s+won", "KRW"),
    (r"(?:us|u\.s\.|american)\s+dollars?", "USD"),
    (r"hong\s+kong\s+dollars?", "HKD"),
    (r"canadian\s+dollars?", "CAD"),
    (r"australian\s+dollars?", "AUD"),
    (r"singapore\s+dollars?", "SGD"),
    (r"dollars?", "USD"),
    (r"chinese\s+yuan", "CNY"),
    (r"(?:chinese\s+)?renminbi", "CNY"),
    (r"yuan", "CNY"),
    (r"won", "KRW?"),
    (r"euros?", "EUR"),
    (r"yen", "JPY"),
    (r"pounds?\s+sterling", "GBP"),
    (r"r(?:o)?ubles?", "RUB"),
    (rf"(?:{_CODE_ALT})", "CODE"),
]
_EN_CUR_ALT = "|".join(f"(?:{p})" for p, _ in _EN_CURRENCY_WORDS)

_KO_UNITS = {
    "원": "KRW?", "위안": "CNY", "위안화": "CNY", "달러": "USD", "달러화": "USD", "불": "USD",
    "엔": "JPY", "엔화": "JPY", "유로": "EUR", "유로화": "EUR", "루블": "RUB", "元": "CNY",
}  # fmt: skip
_KO_DOLLAR_PREFIX = {
    "미국": "USD", "미": "USD", "홍콩": "HKD", "캐나다": "CAD", "호주": "AUD", "싱가포르": "SGD",
}  # fmt: skip
# Syllables that, glued to the unit, make another word ("3원칙", "위안부", "엔진").
_KO_UNIT_BLOCK = {
    "원": set("칙색소론산"),
    "위안": set("부소"),
    "엔": set("진지터트드"),
    "불": set("법안만가과구편리신교타꽃빛러룩씨길참평균량"),
    "루블": set(),
}

# --- Patterns ---------------------------------------------------------------------------------

_KO_RE = re.compile(
    rf"{_KNUM_START}(?P<num>{_KNUM})(?P<approx>\s?여)?\s?"
    rf"(?:(?P<dpre>미국|미|홍콩|캐나다|호주|싱가포르)\s?(?=달러)|(?P<kpre>북한)\s?(?=원))?"
    rf"(?P<unit>위안화|위안|달러화|달러|엔화|엔|유로화|유로|루블|원|불|元)"
)
_EN_PREFIX_RE = re.compile(
    r"(?P<cur>(?<![A-Za-z])(?:us|u\.s\.|hk|a|c|s)?\$|₩|€|£|¥|￥"
    rf"|(?<![A-Za-z])(?:{_CODE_ALT})(?![A-Za-z]))"
    rf"\s?(?P<num>{_D})(?P<scale>{_ESCALE})?",
)
_EN_SUFFIX_RE = re.compile(
    rf"(?:(?<![\d.,])(?P<num>{_D})|(?<![A-Za-z-])(?P<word>{_EN_WORDNUM}))"
    rf"(?P<scale>{_ESCALE})?(?:\s|-|\s?-\s?)?(?P<cur>{_EN_CUR_ALT})(?![A-Za-z])",
)
# Loose numbers, to report malformed ones written next to a currency.
_LOOSE_RE = re.compile(r"(?<![\w.,])\d[\d.,]*\d")
_AFTER_LOOSE_RE = re.compile(
    rf"\s?(?:[십백천만억조]|여?\s?(?:원|위안|달러|엔|유로)|(?:{_ESCALE})|(?:{_EN_CUR_ALT})(?![A-Za-z]))",
)
_BEFORE_LOOSE_RE = re.compile(rf"(?:\$|₩|€|£|¥|(?<![A-Za-z])(?:{_CODE_ALT}))\s?$")
_WELL_FORMED_RE = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")

# Context markers: which money a bare 원 / won belongs to.
_KO_MARKERS = [
    # "북한 원" but not "북한 원산" (Wonsan): the won must end the word or take a particle.
    (
        r"북한\s?돈|북한\s?(?:원화|원(?:으로|은|이|을|과|와)?(?![가-힣]))|북한\s?화폐|북한\s?내화|내화|조선\s?돈",
        "KPW",
    ),
    (r"중국\s?돈|인민폐|중국\s?화폐|중국\s?(?:원화|원(?:으로|은|이|을|과|와)?(?![가-힣]))", "CNY"),
    (
        r"한국\s?돈|남한\s?돈|우리\s?돈|원화|한국\s?(?:원화|원(?:으로|은|이|을|과|와)?(?![가-힣]))|한화로|한화\s?약",
        "KRW",
    ),
    (
        r"north\s+korean\s+(?:won|money|currency|cash)|\bkpw\b|local\s+currency\s+in\s+north\s+korea"
        r"|north\s+korea['’]?s\s+(?:own\s+)?(?:currency|money|won)|north\s+korean(?=\s*[)）])",
        "KPW",
    ),
    (r"chinese\s+(?:money|currency|cash)", "CNY"),
    (r"south\s+korean\s+(?:won|money|currency)", "KRW"),
]
_MARKER_RE = re.compile("|".join(f"(?P<m{i}>{p})" for i, (p, _) in enumerate(_KO_MARKERS)))
_LABEL_CLOSE_RE = re.compile(r"\s*(?:기준|기준으로)?\s*[)）]")
_TRAILING_MARKER_RE = re.compile(
    r"\bin\s+(north|south|chinese)(?:\s+korean|\s+korea['’]?s)?\s+(?:money|currency|won|cash|terms)\b"
    r"|(북한|내화|중국|인민폐|한국|남한|우리)\s?(?:돈|원화?|화폐)?\s?기준"
)
_TRAILING_MARKERS = {
    "north": "KPW", "south": "KRW", "chinese": "CNY", "북한": "KPW", "내화": "KPW", "중국": "CNY",
    "인민폐": "CNY", "한국": "KRW", "남한": "KRW", "우리": "KRW",
}  # fmt: skip
_BIG_TAIL_RE = re.compile(r"([만억조])\s*$")
_RANGE_TAIL_RE = re.compile(r"(?:~|∼|〜|～|–|-|에서|내지|to|or|and)\s?$")
_WON_VERB_AFTER_RE = re.compile(
    r"\s+(?:by|the|a|an|over|against|seats?|votes?|medals?|games?|races?|awards?|their|his|her)\b"
)
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_YEAR_BEFORE_RE = re.compile(r"\b(?:in|since|by|until|of|from)\s$")
# Words that make a sentence a statement about the money used in what follows.
_DECLARATION_RE = re.compile(
    r"기준|이하|모두|가격|시세|값|환율|prices?|figures|amounts|all\s|quoted|given\s+in|listed\s+in"
)
_SENTENCE_END_RE = re.compile(r"[.!?。](?=\s|$)|\n")
_VAGUE_BEFORE_RE = re.compile(r"(?:몇|수|수십|수백|수천|몇십|몇백|몇천|십여|수십여)\s$")
_RANGE_KO_RE = re.compile(rf"{_KNUM_START}(?P<num>{_KNUM})\s?(?:~|∼|〜|～|–|-|에서|내지)\s?$")
_RANGE_EN_RE = re.compile(
    rf"(?<![\d.,$])(?P<num>{_D})(?P<scale>{_ESCALE})?\s?(?:~|–|-|to|or|and)\s?$",
)
_RANGE_EN_AFTER_RE = re.compile(
    rf"^\s?(?:~|–|-|to|or)\s?(?P<num>{_D})(?P<scale>{_ESCALE})?(?!\s?[%$])",
)
_RANGE_EN_AND_RE = re.compile(rf"^\s?and\s(?P<num>{_D})(?P<scale>{_ESCALE})?(?!\s?[%$])")
_BETWEEN_RE = re.compile(r"\bbetween\s$")


# --- Values -----------------------------------------------------------------------------------

_KO_TOKEN_RE = re.compile(rf"\d+(?:\.\d+)?|[{_HDIGITS}]|[십백천]|[만억조]")


def korean_number_value(text: str) -> Decimal:
    """Return the value of a Korean number such as "3억 2천만" or "1.5만"."""
    total = Decimal(0)
    section = Decimal(0)
    num: Decimal | None = None
    for tok in _KO_TOKEN_RE.findall(text.replace(",", "").replace(" ", "")):
        if tok in _SMALL_UNITS:
            section += (num if num is not None else 1) * _SMALL_UNITS[tok]
            num = None
        elif tok in _BIG_UNITS:
            section += num if num is not None else 0
            total += (section or 1) * _BIG_UNITS[tok]
            section = Decimal(0)
            num = None
        elif tok in _HDIGIT_VALUES:
            num = Decimal(_HDIGIT_VALUES[tok])
        else:
            num = Decimal(tok)
    return total + section + (num if num is not None else 0)


def english_number_value(num: str | None, word: str | None, scale: str | None) -> Decimal:
    """Return the value of an English number: digits or words, times an optional scale."""
    if num:
        value = Decimal(num.replace(",", ""))
    else:
        value = Decimal(0)
        for part in re.split(r"[\s-]+", (word or "").lower()):
            if part in ("a", "an"):
                value = Decimal(1)
            elif part == "hundred":
                value *= 100
            elif part in _EN_NUMBER:
                value += _EN_NUMBER[part]
    if scale:
        for part in scale.lower().split():
            value *= _EN_SCALE[part]
    return value


def _english_currency(cur: str) -> str:
    low = " ".join(cur.lower().split())
    if low in _CODES:
        return _CODES[low]
    for pattern, code in _EN_CURRENCY_WORDS:
        if re.fullmatch(pattern, low):
            return code
    return "KRW?"


# --- Parsing ----------------------------------------------------------------------------------


@dataclass
class _Candidate:
    start: int
    end: int
    currency: str | None  # "KRW?" means 원/won awaiting context
    value: Decimal
    basis: str = "unit"
    priority: int = 0
    num_end: int = 0  # end of the number part (for ranges)
    scale: Decimal | None = None
    prefixed: bool = False  # currency written before the number ("$5,000", "KRW 8 million")


class _Context:
    """Sentence limits and currency markers of one text, for settling bare 원 and won."""

    def __init__(self, text: str, amount_starts: list[int]) -> None:
        self.text = text
        self.amount_starts = amount_starts
        self.sentence_ends = [m.end() for m in _SENTENCE_END_RE.finditer(text)]
        self.marker_pos: list[int] = []
        self.marker_end: list[int] = []
        self.marker_cur: list[str] = []
        for m in _MARKER_RE.finditer(text):
            idx = int((m.lastgroup or "m0")[1:])
            self.marker_pos.append(m.start())
            self.marker_end.append(m.end())
            self.marker_cur.append(_KO_MARKERS[idx][1])

    def sentence_start(self, pos: int) -> int:
        i = bisect.bisect_right(self.sentence_ends, pos) - 1
        return self.sentence_ends[i] if i >= 0 else 0

    def sentence_end(self, pos: int) -> int:
        i = bisect.bisect_right(self.sentence_ends, pos)
        return self.sentence_ends[i] if i < len(self.sentence_ends) else len(self.text)

    def currency_for(self, start: int, end: int) -> tuple[str | None, str]:
        """Return the currency a bare 원/won at ``start:end`` takes from its sentence."""
        # A marker right after the amount in parentheses: "6,000원(북한 돈)".
        tail = self.text[end : end + 16]
        if tail.lstrip().startswith(("(", "（")):
            i = bisect.bisect_left(self.marker_pos, end)
            if (
                i < len(self.marker_pos)
                and self.marker_pos[i] - end <= 4
                and _LABEL_CLOSE_RE.match(self.text, self.marker_end[i])
            ):
                return self.marker_cur[i], "context"
        lo = self.sentence_start(start)
        i = bisect.bisect_right(self.marker_pos, start) - 1
        # A marker that is the amount's own unit ("3,100 North Korean won") counts too.
        j = bisect.bisect_left(self.marker_pos, end) - 1
        if j > i and self.marker_pos[j] < end:
            return self.marker_cur[j], "unit"
        if i >= 0 and self.marker_pos[i] >= lo:
            near = self.marker_cur[i]
            # Two different monies named together ("북한 돈이나 중국 돈") settle nothing.
            if i >= 1 and self.marker_pos[i - 1] >= lo and self.marker_cur[i - 1] != near:
                between = self.text[self.marker_end[i - 1] : self.marker_pos[i]]
                if re.fullmatch(r"\s*(?:이나|나|과|와|또는|혹은|or|and|,)\s*", between, re.I):
                    return None, "unknown"
            return near, "context"
        # "18,000 won a kilogram in North Korean money": a trailing "in ... money" label.
        hi = self.sentence_end(end)
        for m in _TRAILING_MARKER_RE.finditer(self.text, end, hi):
            return _TRAILING_MARKERS[(m.group(1) or m.group(2)).lower()], "context"
        # "가격은 모두 북한 돈 기준이다. 쌀은 7,000원이었다.": a sentence that names the money
        # without giving an amount sets it for the rest of its paragraph.
        if i >= 0 and "\n" not in self.text[self.marker_pos[i] : start]:
            pos = self.marker_pos[i]
            lo_m, hi_m = self.sentence_start(pos), self.sentence_end(pos)
            k = bisect.bisect_left(self.amount_starts, lo_m)
            no_amount = k >= len(self.amount_starts) or self.amount_starts[k] >= hi_m
            if no_amount and _DECLARATION_RE.search(self.text, lo_m, hi_m):
                return self.marker_cur[i], "context"
        return "KRW", "default"


def _korean_candidates(text: str, out: list[_Candidate]) -> None:
    for m in _KO_RE.finditer(text):
        unit = m.group("unit")
        after = text[m.end() : m.end() + 1]
        block = _KO_UNIT_BLOCK.get(unit)
        if block and after and after in block:
            continue
        num = m.group("num")
        if not any(c.isdigit() or c in _HDIGITS for c in num) and num.strip() not in (
            "만",
            "천",
            "백",
            "십",
            "억",
            "천만",
            "백만",
            "십만",
            "억만",
        ):
            continue
        stripped = num.strip()
        lead = m.start("num")
        if not stripped[0].isdigit() and _VAGUE_BEFORE_RE.search(text[max(0, lead - 4) : lead]):
            continue
        if unit == "불" and m.start("unit") != m.end("num"):
            continue  # "100 불" with a space is too rarely money to guess.
        currency = _KO_UNITS[unit]
        if m.group("dpre"):
            currency = _KO_DOLLAR_PREFIX[m.group("dpre")]
        elif m.group("kpre"):
            currency = "KPW"  # "8,000 북한 원"
        value = korean_number_value(num)
        scale = None
        tail = _BIG_TAIL_RE.search(stripped)
        if tail:
            scale = Decimal(_BIG_UNITS[tail.group(1)])
        out.append(
            _Candidate(m.start(), m.end(), currency, value, priority=2, num_end=m.end("num"), scale=scale)
        )


def _english_candidates(text: str, out: list[_Candidate]) -> None:
    for m in _EN_PREFIX_RE.finditer(text):
        cur = m.group("cur")
        low = cur.lower().replace(" ", "")
        currency = _PREFIX_SYMBOLS[low] if low in _PREFIX_SYMBOLS else _CODES.get(low)
        basis = "unit" if currency else "unknown"
        if low in ("¥", "￥"):
            currency, basis = _yen_sign_currency(text, m.start())
        scale = m.group("scale")
        value = english_number_value(m.group("num"), None, scale)
        out.append(
            _Candidate(
                m.start(),
                m.end(),
                currency,
                value,
                basis,
                priority=1,
                num_end=m.end("num"),
                scale=english_number_value("1", None, scale) if scale else None,
                prefixed=True,
            )
        )
    for m in _EN_SUFFIX_RE.finditer(text):
        num, word, scale = m.group("num"), m.group("word"), m.group("scale")
        cur = m.group("cur")
        currency = _english_currency(cur)
        value = english_number_value(num, word, scale)
        if word and not num and word.strip().lower() in ("a", "an") and not scale:
            continue
        if currency == "KRW?" and not scale and value < 10:
            # "2 won seats": too small to be South Korean money, too likely a verb.
            continue
        if (
            currency == "KRW?"
            and num
            and _YEAR_RE.fullmatch(num)
            and _YEAR_BEFORE_RE.search(text, max(0, m.start() - 8), m.start())
        ):
            continue  # "in 2018 won the vote"
        if currency == "KRW?" and not scale and value < 1000 and _WON_VERB_AFTER_RE.match(text, m.end()):
            continue  # "of the 30 won by the ruling party"
        out.append(
            _Candidate(
                m.start(),
                m.end(),
                currency,
                value,
                priority=1,
                num_end=m.end("scale") if scale else m.end("num") if num else m.end("word"),
                scale=english_number_value("1", None, scale) if scale else None,
            )
        )


def _yen_sign_currency(text: str, pos: int) -> tuple[str | None, str]:
    window = text[max(0, pos - 300) : pos + 300].lower()
    if re.search(r"yuan|rmb|renminbi|china|chinese|중국|위안", window):
        return "CNY", "context"
    if re.search(r"japan|yen|일본|엔", window):
        return "JPY", "context"
    return None, "unknown"


def _range_candidates(text: str, found: list[_Candidate], out: list[_Candidate]) -> None:
    """Add the bare first number of a range: "300만~500만 원", "5,000 to 8,000 yuan"."""
    for c in found:
        window_start = max(0, c.start - 40)
        before = text[window_start : c.start]
        m = None
        if _RANGE_TAIL_RE.search(before[-6:]):
            m = _RANGE_KO_RE.search(before) or _RANGE_EN_RE.search(before)
        if m and not (
            m.re is _RANGE_EN_RE
            and re.search(r"\band\s?$", before)
            and not re.search(r"\bbetween\s+\S+\s?(?:\S+\s?)?and\s?$", before)
        ):
            raw = m.group("num")
            if _RANGE_KO_RE is m.re:
                value = korean_number_value(raw)
                has_scale = bool(_BIG_TAIL_RE.search(raw.strip()))
            else:
                scale = m.groupdict().get("scale")
                value = english_number_value(raw, None, scale)
                has_scale = bool(scale)
            if not has_scale and c.scale is not None:
                coefficient = c.value / c.scale
                if value < coefficient:
                    value *= c.scale
            start = window_start + m.start("num")
            end = window_start + m.end("num")
            if m.re is _RANGE_EN_RE and m.group("scale"):
                end = window_start + m.end("scale")
            out.append(_Candidate(start, end, c.currency, value, c.basis, priority=0))
        # "$5,000 to 8,000": a bare number after a prefixed amount.
        if c.prefixed:
            a = _RANGE_EN_AFTER_RE.match(text[c.end : c.end + 40])
            if a is None and _BETWEEN_RE.search(text, max(0, c.start - 8), c.start):
                a = _RANGE_EN_AND_RE.match(text[c.end : c.end + 40])
            if a:
                follow = text[c.end + a.end() : c.end + a.end() + 20]
                if _AFTER_LOOSE_RE.match(follow):
                    continue
                scale = a.group("scale")
                value = english_number_value(a.group("num"), None, scale)
                if scale and c.scale is None:
                    # "KRW 10-15 million": the first figure is in millions too.
                    factor = english_number_value("1", None, scale)
                    if c.value < value / factor:
                        c.value *= factor
                out.append(
                    _Candidate(
                        c.end + a.start("num"),
                        c.end + a.end(),
                        c.currency,
                        value,
                        c.basis,
                        priority=0,
                    )
                )


def _rejected(text: str, taken: list[tuple[int, int]]) -> list[Rejected]:
    found: list[Rejected] = []
    for m in _LOOSE_RE.finditer(text):
        token = m.group()
        if _WELL_FORMED_RE.fullmatch(token):
            continue
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        if not (
            _AFTER_LOOSE_RE.match(text, m.end())
            or _BEFORE_LOOSE_RE.search(text[max(0, m.start() - 6) : m.start()])
        ):
            continue
        found.append(Rejected(m.start(), m.end(), token, _malformed_reason(token)))
    return found


def _malformed_reason(token: str) -> str:
    if token.count(".") > 1:
        return "more than one decimal point; dots cannot group digits"
    if "." in token and "," in token[token.index(".") :]:
        return "comma after the decimal point"
    if ",," in token:
        return "empty digit group between commas"
    return "digit groups between commas must have exactly three digits"


# An exchange rate quoted in won: "1달러에 8,300원", "달러당 8,000원", "8,300 won to the dollar".
_RATE_BEFORE_KO_RE = re.compile(r"(?:1\s?)?(달러|위안)\s?(?:당|에|은|는|이|=)\s*$")
_RATE_AFTER_EN_RE = re.compile(
    r"\s*(?:to|per|against)\s+(?:the\s+|one\s+|1\s+|a\s+|each\s+)?(?:us\s+|u\.s\.\s+)?(dollar|yuan)\b(?!-)"
)
_RATE_BEFORE_EN_RE = re.compile(
    r"\b(dollar|yuan)\s+(?:traded|sold|fetched|bought|was\s+worth|exchanged|went)\s+(?:\w+\s+){0,2}$"
)
# South Korean won never traded above these against one dollar or one yuan; North Korean
# market won always did. A won figure quoted as such a rate is therefore KPW, not a guess.
_KRW_CEILING = {"달러": 2000, "dollar": 2000, "위안": 500, "yuan": 500}


def _is_market_rate_quote(low: str, c: _Candidate) -> bool:
    """Return whether the won amount ``c`` is an exchange rate too high to be South Korean."""
    before = low[max(0, c.start - 40) : c.start]
    m = (
        _RATE_BEFORE_KO_RE.search(before)
        or _RATE_BEFORE_EN_RE.search(before)
        or _RATE_AFTER_EN_RE.match(low, c.end)
    )
    return m is not None and c.value >= _KRW_CEILING[m.group(1)]


def parse_amounts(text: str, language: str | None = None) -> ParseResult:
    """Return the amounts and the rejected numbers of ``text``.

    ``language`` ("ko" or "en") is accepted for symmetry with the scanner; both languages'
    patterns always run because Korean reports quote "$500" and English ones quote "만".
    """
    # English patterns are written in lower case and run on a lower-cased copy: several
    # times faster than IGNORECASE. Offsets must not move, so characters whose lower case is
    # longer (rare outside Turkish) are kept as they are.
    low = text.lower()
    if len(low) != len(text):
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    raw: list[_Candidate] = []
    _korean_candidates(text, raw)
    _english_candidates(low, raw)
    _range_candidates(low, list(raw), raw)
    raw.sort(key=lambda c: (c.start, -(c.end - c.start), -c.priority))
    chosen: list[_Candidate] = []
    last_end = -1
    for c in raw:
        if c.start < last_end:
            continue
        chosen.append(c)
        last_end = c.end
    ctx = _Context(low, [c.start for c in chosen]) if any(c.currency == "KRW?" for c in chosen) else None
    amounts: list[Amount] = []
    for c in chosen:
        currency, basis = c.currency, c.basis
        if currency == "KRW?":
            assert ctx is not None
            currency, basis = ctx.currency_for(c.start, c.end)
            if basis == "default" and _is_market_rate_quote(low, c):
                currency, basis = "KPW", "rate"
        elif currency is None:
            basis = "unknown"
        flags: list[str] = []
        if currency is None:
            flags.append(FLAG_AMBIGUOUS)
        if c.value > MAX_PLAUSIBLE_VALUE:
            flags.append(FLAG_TOO_LARGE)
        value = c.value
        if value == value.to_integral_value():
            value = Decimal(int(value))
        amounts.append(Amount(c.start, c.end, text[c.start : c.end], currency, value, basis, tuple(flags)))
    rejected = _rejected(low, [(a.start, a.end) for a in amounts])
    return ParseResult(amounts, rejected)


def find_amounts(text: str, language: str | None = None) -> list[Amount]:
    """Return the amounts written in ``text``, in order."""
    return parse_amounts(text, language).amounts
