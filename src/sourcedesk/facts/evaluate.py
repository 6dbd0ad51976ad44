"""Score the parser against labelled records (the format of ``samples/money-sample.jsonl``).

An amount counts as found when its span text, currency and value all equal a labelled one;
records are compared as multisets, so a span written twice must be found twice.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .parser import find_amounts

__all__ = ["Score", "load_records", "score_records"]


@dataclass
class Score:
    """Counts over a set of records, and the records that went wrong."""

    records: int = 0
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    mistakes: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        labelled = self.true_positives + self.false_negatives
        return self.true_positives / labelled if labelled else 1.0


def load_records(path: str | Path) -> list[dict]:
    """Return the records of a JSON-lines file."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _key(span: str, currency: str | None, value) -> tuple[str, str | None, Decimal]:
    return (span, currency, Decimal(str(value)).normalize())


def score_records(records: Iterable[dict]) -> Score:
    """Return the score of the parser on ``records``."""
    score = Score()
    for record in records:
        score.records += 1
        expected = Counter(_key(a["span"], a["currency"], a["value"]) for a in record["amounts"])
        found = Counter(
            _key(a.text, a.currency, a.value) for a in find_amounts(record["text"], record.get("lang"))
        )
        hits = sum((expected & found).values())
        score.true_positives += hits
        score.false_positives += sum(found.values()) - hits
        score.false_negatives += sum(expected.values()) - hits
        if expected != found:
            score.mistakes.append(
                {
                    "id": record.get("id"),
                    "text": record["text"],
                    "missed": [list(map(str, k)) for k in (expected - found).elements()],
                    "extra": [list(map(str, k)) for k in (found - expected).elements()],
                }
            )
    return score
