"""``sourcedesk amounts [--json] [--date YYYY-MM-DD] [--to CUR] FILE...``

Print the money amounts of each file, converted at the given date. With ``--json``, one JSON
object per file per line: ``{"path", "amounts": [{"start", "end", "text", "currency", "value",
..., "converted": {...}}], "rejected": [...]}``, offsets in code points of the file's text.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from sourcedesk.facts.convert import (
    DEFAULT_WINDOW_DAYS,
    ConversionError,
    MarketRate,
    convert,
    ecb_bounds,
    ecb_currencies,
)
from sourcedesk.facts.parser import parse_amounts


def _language(text: str) -> str:
    hangul = sum(1 for ch in text[:4000] if "가" <= ch <= "힣")
    return "ko" if hangul * 10 > len(text[:4000]) else "en"


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


class Command(BaseCommand):
    help = "Find money amounts in files and convert them at a date's rates."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="text files ('-' for stdin)")
        parser.add_argument("--json", action="store_true", help="one JSON object per file per line")
        parser.add_argument("--date", help="convert at this date (YYYY-MM-DD); default: latest rates")
        parser.add_argument("--to", default="USD", help="currency to convert to (default USD)")

    def handle(self, *args, **options):
        to = options["to"].strip().upper()
        if to != "KPW" and to not in ecb_currencies():
            raise CommandError(
                f"--to {to}: no rates for this currency. Use KPW or one of: "
                + ", ".join(sorted(ecb_currencies()))
            )
        on_date = None
        if options["date"]:
            try:
                on_date = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(f"--date {options['date']!r} is not a date (YYYY-MM-DD).") from exc
        convert_ok = self._check_date(on_date, to)
        market_rates = self._market_rates() if convert_ok else []
        window = int(getattr(settings, "SOURCEDESK_MARKET_RATE_WINDOW_DAYS", DEFAULT_WINDOW_DAYS))
        failed = False
        for path in options["files"]:
            try:
                text = self._read(path)
            except (OSError, UnicodeDecodeError) as exc:
                failed = True
                self.stderr.write(f"{path}: cannot read: {exc}")
                continue
            result = parse_amounts(text, _language(text))
            rows = []
            for amount in result.amounts:
                row = amount.as_dict()
                if convert_ok and amount.currency is not None:
                    try:
                        conversion = convert(
                            amount.value,
                            amount.currency,
                            to,
                            on_date,
                            market_rates=market_rates,
                            window_days=window,
                        )
                    except ConversionError as exc:
                        if exc.code != "same_currency":
                            row["conversion_error"] = {"code": exc.code, "message": exc.message}
                    else:
                        row["converted"] = conversion.as_dict()
                elif amount.currency is None:
                    row["conversion_error"] = {
                        "code": "ambiguous_currency",
                        "message": "The text does not say which currency this is.",
                    }
                rows.append(row)
            if options["json"]:
                record = {
                    "path": path,
                    "amounts": rows,
                    "rejected": [r.as_dict() for r in result.rejected],
                }
                self.stdout.write(json.dumps(record, ensure_ascii=False))
            else:
                self._print_text(path, text, rows)
        if failed:
            raise CommandError("Some files could not be read.")

    def _read(self, path: str) -> str:
        if path == "-":
            return sys.stdin.read()
        with open(path, encoding="utf-8") as handle:
            return handle.read()

    def _check_date(self, on_date: dt.date | None, to: str) -> bool:
        """Say clearly when the date has no rates; return whether to convert at all."""
        if on_date is None:
            return True
        today = dt.datetime.now(tz=dt.UTC).date()
        if on_date > today:
            self.stderr.write(
                f"{on_date.isoformat()} is in the future: no rates exist yet; amounts are listed "
                f"without conversion."
            )
            return False
        first = ecb_bounds("USD" if to == "KPW" else to)[0]
        if on_date < first:
            self.stderr.write(
                f"{on_date.isoformat()} is before the ECB rates for {to} begin "
                f"({first.isoformat()}); amounts are listed without conversion."
            )
            return False
        return True

    def _market_rates(self) -> list[MarketRate]:
        from sourcedesk.facts.selectors import market_rates_for_conversion

        try:
            return market_rates_for_conversion()
        except DatabaseError:
            # No database yet (a fresh install): KPW amounts simply stay unconverted.
            return []

    def _print_text(self, path: str, text: str, rows: list[dict]) -> None:
        for row in rows:
            line, column = _position(text, row["start"])
            currency = row["currency"] or "?"
            out = f"{path}:{line}:{column}: {row['text']} = {currency} {row['value']:,}"
            if row["flags"]:
                out += f" [{', '.join(row['flags'])}]"
            if "converted" in row:
                c = row["converted"]
                out += f" ≈ {c['currency']} {c['value']:,} ({c['note']})"
            elif "conversion_error" in row:
                out += f" — {row['conversion_error']['message']}"
            self.stdout.write(out)
