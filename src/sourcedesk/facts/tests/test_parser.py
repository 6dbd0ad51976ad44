"""The amount parser: labelled cases, bad input, and purity (no Django)."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from sourcedesk.facts import find_amounts, parse_amounts
from sourcedesk.facts.evaluate import load_records, score_records

HERE = Path(__file__).parent
CASES = load_records(HERE / "money_cases.jsonl")
SAMPLE = Path("/work/shared/samples/money-sample.jsonl")


def found(text: str) -> list[tuple[str, str | None, Decimal]]:
    return [(a.text, a.currency, a.value) for a in find_amounts(text)]


@pytest.mark.parametrize("record", CASES, ids=[c["id"] for c in CASES])
def test_labelled_case(record):
    """Each labelled case yields exactly its amounts: same span, currency and value."""
    expected = [(a["span"], a["currency"], Decimal(str(a["value"]))) for a in record["amounts"]]
    assert found(record["text"]) == expected


def test_labelled_cases_score_perfectly():
    """Precision and recall over the labelled cases are both 1.0."""
    score = score_records(CASES)
    assert (score.precision, score.recall) == (1.0, 1.0), score.mistakes


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared sample not present")
def test_shared_sample_scores_perfectly():
    """The shared sample is parsed without a miss or an extra amount."""
    score = score_records(load_records(SAMPLE))
    assert score.mistakes == []


def test_offsets_are_code_points_of_the_text():
    """start and end slice the original text to the amount's text."""
    text = "혜산 소식통: 쌀 1kg은 북한 돈 6,200원, 브로커는 KRW 2.5 million을 불렀다."
    for amount in find_amounts(text):
        assert text[amount.start : amount.end] == amount.text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3억 2천만 원", 320_000_000),
        ("1.5만 위안", 15_000),
        ("천만 원", 10_000_000),
        ("12만3400원", 123_400),
        ("5백만 원", 5_000_000),
        ("1조 2천억 원", 1_200_000_000_000),
        ("오만 원", 50_000),
        ("100여만 원", 1_000_000),
        ("2.5억 원", 250_000_000),
    ],
)
def test_korean_number_forms(text, value):
    """Korean numbers mixing digits, 십/백/천 and 만/억/조 get their exact value."""
    (amount,) = find_amounts(text)
    assert amount.value == value and amount.text == text


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("북한 돈 3,100원", "KPW"),
        ("북한돈 3,100원", "KPW"),
        ("내화 3,100원", "KPW"),
        ("3,100원(북한 돈)", "KPW"),
        ("중국 돈 500원", "CNY"),
        ("인민폐 500원", "CNY"),
        ("500원", "KRW"),
        ("북한 돈 1만 원은 우리 돈 약 900원이다.", "KPW"),
    ],
)
def test_won_takes_its_currency_from_context(text, currency):
    """원 is KRW unless the sentence names North Korean or Chinese money first."""
    assert find_amounts(text)[0].currency == currency


def test_context_does_not_cross_sentences():
    """A 북한 돈 in one sentence says nothing about 원 in the next."""
    amounts = find_amounts("쌀은 북한 돈 6,000원이었다. 한국에서는 5만 원이다.")
    assert [a.currency for a in amounts] == ["KPW", "KRW"]


def test_a_sentence_naming_the_money_sets_it_for_its_paragraph():
    """ "All prices are in North Korean won." makes the next sentences' won KPW, up to a new line."""
    amounts = find_amounts(
        "가격은 모두 북한 돈 기준이다. 쌀은 7,000원, 옥수수는 3,500원이었다.\n한국은 5만 원."
    )
    assert [a.currency for a in amounts] == ["KPW", "KPW", "KRW"]
    assert find_amounts("All prices are in North Korean won. Rice cost 7,000 won.")[0].currency == "KPW"


def test_conflicting_money_is_reported_unknown():
    """When the text names two monies for one figure, the currency is None, not a guess."""
    (amount,) = find_amounts("북한 돈이나 중국 돈으로 500원을 줬다.")
    assert amount.currency is None
    assert "ambiguous_currency" in amount.flags


def test_yen_sign_without_context_is_unknown():
    """A bare ¥ could be yen or yuan: reported with no currency."""
    (amount,) = find_amounts("He paid ¥5,000.")
    assert amount.currency is None and amount.value == 5000


@pytest.mark.parametrize(
    "text",
    [
        "2019년 3월 5일에 12명이 체포됐다.",
        "가격이 40% 올랐다.",
        "쌀 10kg, 옥수수 25kg",
        "그는 45세이고 1.7m이다.",
        "In 2019 some 1,200 people left; prices rose 40 percent.",
        "The 2 won seats in the vote.",
        "Of the 300 candidates, 120 won a seat.",
        "The party that in 2018 won the vote.",
        "a 5m wall and 30 kg of rice",
        "수백만 원을 잃었다.",
        "몇 만 원이면 된다.",
        "일본군 위안부 20만 명",
    ],
)
def test_non_amounts(text):
    """Years, dates, ages, percentages, counts, weights and vague sums are not amounts."""
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("1,00,0만 원이 들었다", "1,00,0"),
        ("1.000.000 원", "1.000.000"),
        ("1,5 million won", "1,5"),
        ("$1,00,000", "1,00,000"),
    ],
)
def test_malformed_numbers_are_rejected_with_a_reason(text, bad):
    """A malformed number next to a currency is not parsed; it is reported with a reason."""
    result = parse_amounts(text)
    assert result.amounts == []
    (rejected,) = result.rejected
    assert rejected.text == bad and rejected.reason
    assert text[rejected.start : rejected.end] == bad


def test_malformed_numbers_without_currency_are_ignored():
    """Dates such as 2024.05.25 are not reported as malformed amounts."""
    assert parse_amounts("2024.05.25에 만났다").rejected == []


def test_implausible_amounts_are_flagged():
    """An amount above 10^15 is flagged too_large and not convertible."""
    (amount,) = find_amounts("총 20000000000000000원")
    assert "too_large" in amount.flags and not amount.convertible


def test_ranges_share_the_currency_and_scale():
    """The bare first number of a range takes the second's currency and scale."""
    assert found("3~5만 원") == [("3", "KRW", 30_000), ("5만 원", "KRW", 50_000)]
    assert found("3 to 5 million won") == [("3", "KRW", 3_000_000), ("5 million won", "KRW", 5_000_000)]
    assert found("500~1만 원") == [("500", "KRW", 500), ("1만 원", "KRW", 10_000)]


def test_english_scales_and_words():
    """thousand/million/billion, m/bn suffixes and number words are read exactly."""
    assert found("$2.5m and 1.2bn won") == [("$2.5m", "USD", 2_500_000), ("1.2bn won", "KRW", 1_200_000_000)]
    assert found("twenty-five thousand yuan") == [("twenty-five thousand yuan", "CNY", 25_000)]


def test_package_root_imports_no_django():
    """sourcedesk.facts and its pure modules import without Django."""
    code = (
        "import sys; import sourcedesk.facts, sourcedesk.facts.annotate, sourcedesk.facts.charts, "
        "sourcedesk.facts.trends; sys.exit(1 if any(m.startswith('django') for m in sys.modules) else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert result.returncode == 0, result.stderr.decode()


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("장마당 환율은 1달러에 8,300원까지 올랐다.", "KPW"),
        ("환율은 달러당 8천 원 선이다.", "KPW"),
        ("1위안에 4,200원", "KPW"),
        ("The dollar traded at about 8,100 won in Pyongyang.", "KPW"),
        ("Rates reached 8,300 won to the dollar.", "KPW"),
        ("서울 외환시장에서 달러당 1,350원", "KRW"),
        ("1,350 won per dollar in Seoul", "KRW"),
        ("He paid 8,000 won for a dollar-store item.", "KRW"),
    ],
)
def test_exchange_rates_above_any_south_korean_rate_are_kpw(text, currency):
    """A won figure quoted per dollar or yuan and too high for South Korean won is KPW."""
    won = [a for a in find_amounts(text) if a.currency in ("KRW", "KPW")]
    assert [a.currency for a in won] == [currency]
