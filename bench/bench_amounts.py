"""Measure the amount parser: quality on labelled samples and throughput on mixed report text.

    .venv/bin/python bench/bench_amounts.py            # 1 MB of text, 5 rounds
    .venv/bin/python bench/bench_amounts.py --quick    # 256 KB, 2 rounds

Prints precision and recall (same span, currency and value) on the shared sample and on the
parser's own labelled cases, then MB/s over generated Korean and English report text.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sourcedesk.facts.evaluate import load_records, score_records  # noqa: E402
from sourcedesk.facts.parser import find_amounts  # noqa: E402

SAMPLE = Path("/work/shared/samples/money-sample.jsonl")
OWN = ROOT / "src/sourcedesk/facts/tests/money_cases.jsonl"

KO = [
    "양강도 혜산의 소식통은 {d}일 전화 통화에서 쌀 1kg이 북한 돈 {n},{m}00원에 거래됐다고 전했다.",
    "중개인은 1인당 {n}00만 원을 요구했고, 가족은 {n}천만 원을 모았다.",
    "국경 경비대에 {n}천 위안을 건넸다고 한다. 단속은 {d}월 들어 두 차례 있었다.",
    "{d}명이 체포됐으며 이 중 {n}명은 송환됐다고 소식통은 밝혔다.",
    "미화 {n}00달러를 보위원에게 줬고, 휘발유 가격은 {n}{m}% 올랐다.",
    "탈북 비용은 {n}억 {m}천만 원 수준까지 올랐다는 증언이 나왔다.",
    "장마당에서는 달러당 {n}만 {m}천 원에 환전됐다.",
    "평안북도 신의주의 시장에서 옥수수 가격은 kg당 {n},{m}00원 안팎이었다.",
]
EN = [
    "A source in Hyesan said rice sold for KPW {n},{m}00 per kilogram on day {d}.",
    "The broker asked KRW {n}.{m} million each where most ask KRW 10 million.",
    "Guards took a bribe of {n},000 yuan, and {d} people were arrested in March.",
    "He borrowed US${n}00 and RMB {n},{m}00 from relatives in {d} installments.",
    "Prices rose {n}{m} percent in {d} weeks, the 4{m}-year-old trader said.",
    "Remittances reached {n}{m}0 million won last year, about ${n}.{m} million.",
]


def corpus(size: int, seed: int = 7) -> str:
    """Return about ``size`` characters of mixed Korean and English report text."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        template = rng.choice(KO if rng.random() < 0.6 else EN)
        line = template.format(n=rng.randint(1, 9), m=rng.randint(0, 9), d=rng.randint(1, 28))
        parts.append(line)
        total += len(line.encode("utf-8")) + 1
    return "\n".join(parts)


def quality() -> None:
    for label, path in (("shared sample", SAMPLE), ("own labelled cases", OWN)):
        if not path.exists():
            print(f"{label}: {path} not found")
            continue
        score = score_records(load_records(path))
        print(
            f"{label:20s} records={score.records:4d} tp={score.true_positives} "
            f"fp={score.false_positives} fn={score.false_negatives} "
            f"precision={score.precision:.3f} recall={score.recall:.3f}"
        )
        for mistake in score.mistakes[:10]:
            print("   mistake:", mistake)


def throughput(size: int, rounds: int) -> None:
    text = corpus(size)
    megabytes = len(text.encode("utf-8")) / 1_000_000
    times = []
    cpu_times = []
    count = 0
    # Reports are parsed one at a time on the desk; parse in report-sized chunks too.
    lines = text.split("\n")
    chunks = ["\n".join(lines[i : i + 20]) for i in range(0, len(lines), 20)]
    for _ in range(rounds):
        for run in (
            lambda: sum(len(find_amounts(chunk)) for chunk in chunks),
            lambda: len(find_amounts(text)),
        ):
            start, cpu_start = time.perf_counter(), time.process_time()
            count = run()
            times.append(time.perf_counter() - start)
            cpu_times.append(time.process_time() - cpu_start)
    print(
        f"throughput: {megabytes:.2f} MB, {count} amounts; wall median {megabytes / statistics.median(times):.2f} MB/s, "
        f"best {megabytes / min(times):.2f} MB/s; CPU median {megabytes / statistics.median(cpu_times):.2f} MB/s "
        f"over {rounds} rounds (goal >= 1 MB/s; the machine is shared, so wall time is noisy)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="256 KB, 2 rounds")
    args = parser.parse_args()
    quality()
    if args.quick:
        throughput(256_000, 2)
    else:
        throughput(1_000_000, 5)


if __name__ == "__main__":
    main()
