"""Measure the public site: static export pages/s, and article pages under 50 concurrent clients.

    .venv/bin/python bench/bench_publish.py            # 10,000 bilingual stories, 20 s of load per run
    .venv/bin/python bench/bench_publish.py --quick    # 1,000 bilingual stories, 3 s of load per run

A throw-away data directory gets a migrated SQLite database and invented published stories (both
editions, two tags each, a region), written directly in bulk. Then:

1. ``sourcedesk export-site DIR`` twice: a full export, then an incremental run that finds nothing
   changed. Reported: pages, seconds, pages/s (goal: >= 500 pages/s).
2. ``sourcedesk serve`` (gunicorn) on 127.0.0.1 with ``wrk -t2 -c50 --latency``: with the
   rendered-page cache on, one hot article and a hot set of 200 articles in both languages; with it
   off, 2,000 different articles (every request queries and renders).
   Reported: requests/s and p50/p99 (goal: p99 < 50 ms). The server is stopped afterwards.

Loopback only; every request loop is bounded in time.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = (
    str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
)
WRK = shutil.which("wrk") or "/usr/bin/wrk"

SEED = r"""
import random, sys
from datetime import timedelta
import django
django.setup()
from django.utils import timezone
from sourcedesk.accounts.models import User
from sourcedesk.publish.models import PublishedEdition
from sourcedesk.stories.markdown import render_markdown
from sourcedesk.stories.models import Edition, Region, State, Story, Tag

count = int(sys.argv[1])
rng = random.Random(7)
reporter = User.objects.create(username="bench-reporter", role="reporter", display_name="Bench")
tags = [Tag.objects.create(slug=f"topic-{i}", name_ko=f"주제 {i}", name_en=f"Topic {i}") for i in range(12)]
regions = list(Region.objects.all())
ko_paras = [
    "중국 랴오닝성을 떠난 탈북민 두 명이 택시로 나흘을 이동한 끝에 쿤밍에서 체포됐다고 소식통이 전했다.",
    "소식통에 따르면 브로커는 1인당 250만 원을 요구했다. 같은 경로는 보통 1000만 원 안팎이다.",
    "양강도 혜산의 장마당에서 쌀값이 한 달 사이 20%가량 올랐다고 현지 소식통이 전했다.",
    "상인들은 국경 통제가 강화되면서 중국산 물품 반입이 크게 줄었다고 말했다.",
    "주민들은 단속이 다음 달까지 이어질 것으로 보고 있다고 소식통은 덧붙였다.",
]
en_paras = [
    "Two defectors who left Liaoning travelled four days by taxi and were arrested in Kunming, a source said.",
    "The broker asked **KRW 2.5 million** each, according to the source; the route usually costs about KRW 10 million.",
    "Rice prices in markets in Hyesan rose by about 20% in a month, a local source said.",
    "Traders said tighter border controls had sharply cut imports of Chinese goods.",
    "Residents expect the crackdown to continue into next month, the source added.",
]
now = timezone.now()
batch = 1000
for start in range(0, count, batch):
    n = min(batch, count - start)
    stories = Story.objects.bulk_create(
        [Story(reporter=reporter, state=State.PUBLISHED, region=rng.choice(regions),
               first_published_at=now - timedelta(minutes=start + i)) for i in range(n)]
    )
    editions, published, links = [], [], []
    for i, story in enumerate(stories):
        body_ko = "\n\n".join(rng.sample(ko_paras, 4))
        body_en = "\n\n".join(rng.sample(en_paras, 4))
        head_ko = f"탈북민 체포 소식 {start + i}번째 기사"
        head_en = f"Defectors arrested, story number {start + i}"
        editions += [
            Edition(story=story, language="ko", headline=head_ko, body=body_ko),
            Edition(story=story, language="en", headline=head_en, body=body_en),
        ]
        chosen = sorted(rng.sample(tags, 2), key=lambda t: t.slug)
        region = next(r for r in regions if r.pk == story.region_id)
        for lang, head, body in (("ko", head_ko, body_ko), ("en", head_en, body_en)):
            labels = {"tags": [[t.slug, t.name(lang)] for t in chosen], "region": [region.slug, region.name(lang)]}
            published.append(PublishedEdition(labels=labels,
                story=story, language=lang, public_id=story.public_id, headline=head,
                standfirst=body.split("\n\n")[0][:120], body_html=render_markdown(body),
                byline="Sourcedesk" if lang == "en" else "Sourcedesk 북한팀",
                credits=[["Translated by", "Bench"]] if lang == "en" else [],
                region_id=story.region_id, first_published_at=story.first_published_at, updated_at=now,
            ))
    Edition.objects.bulk_create(editions)
    rows = PublishedEdition.objects.bulk_create(published)
    through = PublishedEdition.tags.through
    by_slug = {t.slug: t for t in tags}
    for row in rows:
        for slug, _name in row.labels["tags"]:
            links.append(through(publishededition_id=row.pk, tag_id=by_slug[slug].pk))
    through.objects.bulk_create(links)
with open(sys.argv[2], "w") as out:
    for public_id in Story.objects.order_by("?").values_list("public_id", flat=True)[:1000]:
        out.write(f"/ko/articles/{public_id}/\n/en/articles/{public_id}/\n")
"""

LUA = """
local paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = (i %% #paths) + 1
  return wrk.format("GET", paths[i])
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_export(env: dict, target: Path) -> tuple[int, float, float, str]:
    start = time.perf_counter()
    out = subprocess.run(
        [PYTHON, "-m", "sourcedesk", "export-site", str(target)],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    wall = time.perf_counter() - start
    match = re.search(r"(\d+) pages, .* in ([\d.]+) s", out)
    if not match:
        raise SystemExit(f"unexpected export output: {out}")
    return int(match.group(1)), float(match.group(2)), wall, out


def wait_for(port: int, server: subprocess.Popen) -> None:
    deadline = time.time() + 60
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/ko/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        if time.time() > deadline or server.poll() is not None:
            raise SystemExit("the server did not start")
        time.sleep(0.2)


def _ms(text: str) -> float:
    value = float(re.match(r"[\d.]+", text).group())
    if text.endswith("m") and not text.endswith("ms"):
        return value * 60_000
    if text.endswith("us"):
        return value / 1000
    if text.endswith("ms"):
        return value
    return value * 1000


def wrk(url: str, seconds: int, script: Path | None = None) -> dict:
    command = [WRK, "-t2", "-c50", f"-d{seconds}s", "--timeout", "5s", "--latency"]
    if script:
        command += ["-s", str(script)]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps_match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p50_match = re.search(r"^\s+50(?:\.0+)?%\s+(\S+)", out, re.M)
    p99_match = re.search(r"^\s+99(?:\.0+)?%\s+(\S+)", out, re.M)
    if not (rps_match and p50_match and p99_match):
        raise SystemExit(f"could not read wrk's output:\n{out}")
    rps = float(rps_match.group(1))
    p50 = _ms(p50_match.group(1))
    p99 = _ms(p99_match.group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": rps,
        "p50": p50,
        "p99": p99,
        "non2xx": int(errors.group(1)) if errors else 0,
        "socket": socket_errors.group(1) if socket_errors else "",
    }


EARLY = "sourcedesk.publish.middleware.PublicPageCacheMiddleware"
EARLY_SETTINGS = f"""
from sourcedesk.settings import *  # noqa: F403
if "{EARLY}" not in MIDDLEWARE:
    MIDDLEWARE.insert(MIDDLEWARE.index("sourcedesk.core.middleware.SecurityHeadersMiddleware") + 1, "{EARLY}")
"""


def early_middleware_installed(env: dict) -> bool:
    out = subprocess.run(
        [
            PYTHON,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.MIDDLEWARE)",
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return EARLY in out


def serve_and_load(
    env: dict, paths_file: Path, seconds: int, cache: bool, settings_module: str = ""
) -> list[tuple[str, dict]]:
    port = free_port()
    server_env = {**env, "SOURCEDESK_PUBLIC_CACHE": "1" if cache else "0"}
    if settings_module:
        server_env["DJANGO_SETTINGS_MODULE"] = settings_module
    server = subprocess.Popen(
        [PYTHON, "-m", "sourcedesk", "serve", "--host", "127.0.0.1", "--port", str(port), "--no-task-worker"],
        env=server_env,
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
    )
    results = []
    try:
        wait_for(port, server)
        base = f"http://127.0.0.1:{port}"
        all_paths = paths_file.read_text().splitlines()
        warm = 1 if seconds < 10 else 3
        if cache:
            # With the cache on: one hot article, then a hot set of 200 articles in both languages
            # (each worker renders each page once during the warm-up, then serves it from memory).
            wrk(f"{base}{all_paths[0]}", warm)
            results.append(("one article", wrk(f"{base}{all_paths[0]}", seconds)))
            subset = all_paths[:200]
            label = "200 articles"
        else:
            # Without it every request queries and renders: 2,000 different articles.
            subset = all_paths[:2000]
            label = "2,000 articles"
        listing = paths_file.with_name(f"paths-{len(subset)}.txt")
        listing.write_text("\n".join(subset) + "\n")
        script = listing.with_suffix(".lua")
        script.write_text(LUA % listing)
        wrk(base, warm * 2 if cache else warm, script)
        results.append((label, wrk(base, seconds, script)))
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(server.pid, signal.SIGKILL)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--stories", type=int)
    args = parser.parse_args()
    stories = args.stories or (1_000 if args.quick else 10_000)
    seconds = 3 if args.quick else 20
    data_dir = Path(tempfile.mkdtemp(prefix="sourcedesk-bench-publish-"))
    env = {
        **os.environ,
        "SOURCEDESK_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "sourcedesk.settings",
        "PYTHONPATH": str(ROOT / "src"),
    }
    env.pop("SOURCEDESK_ENV", None)
    env.pop("SOURCEDESK_EXPORT_DIR", None)
    try:
        subprocess.run([PYTHON, "-m", "sourcedesk", "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
        paths_file = data_dir / "paths.txt"
        started = time.perf_counter()
        subprocess.run([PYTHON, "-c", SEED, str(stories), str(paths_file)], env=env, check=True, cwd=ROOT)
        print(f"seeded {stories:,} bilingual published stories in {time.perf_counter() - started:.1f} s")

        target = data_dir / "mirror"
        pages, inner, wall, _ = run_export(env, target)
        files = sum(1 for p in target.rglob("*") if p.is_file())
        size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file()) / 1e6
        print(
            f"export-site, first run:  {pages:,} pages in {inner:.1f} s = {pages / inner:,.0f} pages/s "
            f"({wall:.1f} s with start-up; {files:,} files, {size:,.0f} MB)  goal >= 500 pages/s"
        )
        pages, inner, wall, out = run_export(env, target)
        print(
            f"export-site, second run: {pages / inner:,.0f} pages/s rendered and compared; {out.split(': ', 1)[1]}"
        )

        if not Path(WRK).exists():
            print("wrk not found: skipped the load test")
            return 0
        runs = [("page cache on ", True, ""), ("page cache off", False, "")]
        if not early_middleware_installed(env):
            (data_dir / "bench_early_settings.py").write_text(EARLY_SETTINGS)
            env["PYTHONPATH"] = f"{env['PYTHONPATH']}{os.pathsep}{data_dir}"
            runs.insert(1, ("cache + early middleware (not yet in settings)", True, "bench_early_settings"))
        for title, cache, module in runs:
            for label, r in serve_and_load(env, paths_file, seconds, cache, module):
                note = f"  non-2xx {r['non2xx']}" if r["non2xx"] else ""
                note += f"  socket errors: {r['socket']}" if r["socket"] else ""
                print(
                    f"article page, 50 clients, {title}, {label:<14}: "
                    f"{r['rps']:8,.0f} req/s  p50 {r['p50']:6.1f} ms  p99 {r['p99']:6.1f} ms{note}"
                )
        load = os.getloadavg()
        print(
            f"goal: p99 < 50 ms (sourcedesk serve defaults: gunicorn gthread, SQLite, loopback); "
            f"load average {load[0]:.1f} on {os.cpu_count()} cores, wrk on the same cores"
        )
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
