"""Upload 100 MB through ``sourcedesk serve`` (gunicorn) to the portal: MB/s and server memory.

    .venv/bin/python bench/bench_upload.py            # three 100 MB uploads, median reported
    .venv/bin/python bench/bench_upload.py --quick    # one 100 MB upload

Two uploads are timed per run: a first submission (which also derives the new codename's keys
with Argon2id) and a signed-in source's follow-up through /portal/send/. A throw-away data directory gets a migrated database and one editor with a keypair; the server
is started on a free loopback port and stopped afterwards. The client streams one multipart body
(message + a 100 MB file) with its Content-Length, as a browser does; the time runs from the first
byte sent to the codename page received, so it includes parsing, encryption and writing the blob.
Peak RSS growth is the largest rise of the server processes' summed resident memory over their
level after a warm-up request, sampled every 10 ms.
Goal: at least 150 MB/s, growth under 64 MB.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
MB = 1_000_000
BOUNDARY = "----sourcedeskbench7d1f"
SETUP = """
import django
django.setup()
from sourcedesk.accounts.models import User
from sourcedesk.accounts import keys
user = User.objects.create_user("bench-editor", password="bench passphrase 1234", role="editor")
keys.keypair_create(user=user, passphrase="bench passphrase 1234")
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def process_tree(root_pid: int) -> list[int]:
    """Return ``root_pid`` and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    tree, todo = [], [root_pid]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def rss_bytes(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def _field(name: str, value: str) -> bytes:
    return f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()


def upload(port: int, size: int, *, cookie: str = "", token: str = "") -> tuple[float, str]:
    """Send one submission with a ``size``-byte file; return (seconds, portal cookie).

    Without ``cookie`` it is a first submission (a new codename); with it, a signed-in source's
    follow-up through /portal/send/.
    """
    head = _field("message", "bench upload")
    head += _field("token", token) if cookie else _field("wordlist", "en")
    head += (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="bench.bin"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    tail = f"\r\n--{BOUNDARY}--\r\n".encode()
    block = os.urandom(1024 * 1024)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    start = time.perf_counter()
    conn.putrequest("POST", "/portal/send/" if cookie else "/portal/submit/")
    conn.putheader("Content-Type", f"multipart/form-data; boundary={BOUNDARY}")
    conn.putheader("Content-Length", str(len(head) + size + len(tail)))
    if cookie:
        conn.putheader("Cookie", cookie)
    conn.endheaders()
    conn.send(head)
    sent = 0
    while sent < size:
        piece = block[: min(len(block), size - sent)]
        conn.send(piece)
        sent += len(piece)
    conn.send(tail)
    response = conn.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - start
    conn.close()
    expected = 303 if cookie else 200
    if response.status != expected or (not cookie and b'id="codename"' not in body):
        raise SystemExit(f"upload failed: {response.status} {body[:300]!r}")
    set_cookie = response.getheader("Set-Cookie") or ""
    return elapsed, cookie or set_cookie.split(";", 1)[0]


def conversation_token(port: int, cookie: str) -> str:
    """Return the form token of the signed-in source's conversation page."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", "/portal/conversation/", headers={"Cookie": cookie})
    html = conn.getresponse().read().decode()
    conn.close()
    match = re.search(r'name="token" value="([0-9a-f]+)"', html)
    if match is None:
        raise SystemExit("no form token on the conversation page")
    return match.group(1)


def measure(pids: list[int], baseline: int, action) -> tuple[float, float, str]:
    """Run ``action`` while sampling RSS every 10 ms; return (seconds, peak growth in MB, cookie)."""
    peak = [baseline]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], rss_bytes(pids))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        seconds, cookie = action()
    finally:
        done.set()
        sampler.join()
    return seconds, (peak[0] - baseline) / MB, cookie


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--size-mb", type=int, default=100)
    args = parser.parse_args()
    runs = 1 if args.quick else 3
    size = args.size_mb * MB
    data_dir = tempfile.mkdtemp(prefix="sourcedesk-bench-upload-")
    env = {
        **os.environ,
        "SOURCEDESK_DATA_DIR": data_dir,
        "DJANGO_SETTINGS_MODULE": "sourcedesk.settings",
        "PYTHONPATH": str(ROOT / "src"),
    }
    env.pop("SOURCEDESK_ENV", None)
    subprocess.run([PYTHON, "-m", "sourcedesk", "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    subprocess.run([PYTHON, "-c", SETUP], env=env, check=True, cwd=ROOT)
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "sourcedesk", "serve", "--host", "127.0.0.1", "--port", str(port), "--no-task-worker"],
        env=env,
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 60
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/portal/")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.time() > deadline or server.poll() is not None:
                raise SystemExit("the server did not start")
            time.sleep(0.2)
        # Warm every worker (imports, database connection) with small uploads.
        for _ in range(4):
            upload(port, 64 * 1024)
        time.sleep(0.5)
        pids = process_tree(server.pid)
        baseline = rss_bytes(pids)
        results: dict[str, tuple[list[float], list[float]]] = {"first": ([], []), "send": ([], [])}
        for _ in range(runs):
            seconds, growth, cookie = measure(pids, baseline, lambda: upload(port, size))
            results["first"][0].append(size / MB / seconds)
            results["first"][1].append(growth)
            token = conversation_token(port, cookie)
            seconds, growth, _cookie = measure(
                pids, baseline, lambda c=cookie, t=token: upload(port, size, cookie=c, token=t)
            )
            results["send"][0].append(size / MB / seconds)
            results["send"][1].append(growth)
        blobs = sum(p.stat().st_size for p in Path(data_dir, "blobs").rglob("*") if p.is_file())
        print(
            f"upload {args.size_mb} MB through sourcedesk serve (gunicorn, {len(pids)} processes), {runs} run(s)"
        )
        labels = {"first": "first submission (new codename)", "send": "signed-in follow-up (/portal/send/)"}
        for key, (rates, growths) in results.items():
            listed = ", ".join(f"{r:.1f}" for r in rates)
            print(f"{labels[key]}:")
            print(f"  throughput end to end:  {statistics.median(rates):8.1f} MB/s  (runs: {listed})")
            print(f"  peak server RSS growth: {max(growths):8.1f} MB    (baseline {baseline / MB:.1f} MB)")
        print("  (a first submission also derives the codename's keys: Argon2id, 19 MiB working memory)")
        print(f"encrypted blobs on disk: {blobs / MB:8.1f} MB")
        print("goal: >= 150 MB/s, growth < 64 MB")
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(server.pid, signal.SIGKILL)
        import shutil

        shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
