"""The ``scan`` and ``scrub`` management commands."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from PIL import Image


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_scan_json_prints_one_object_per_file(tmp_path):
    """--json prints {"path", "findings": [{start, end, kind, severity, text, reason}]} per file per line."""
    a = tmp_path / "a.txt"
    a.write_text("😀 창렬리에 사는 한정미(41) 씨\n", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("이번 달 장마당 환율은 8,300원이다.\n", encoding="utf-8")
    out, _ = _run("scan", "--json", str(a), str(b))
    lines = [json.loads(line) for line in out.splitlines()]
    assert [r["path"] for r in lines] == [str(a), str(b)]
    assert lines[1]["findings"] == []
    text = a.read_text(encoding="utf-8")
    for f in lines[0]["findings"]:
        assert set(f) == {"start", "end", "kind", "severity", "text", "reason"}
        assert text[f["start"] : f["end"]] == f["text"]
    assert {"창렬리", "한정미"} <= {f["text"] for f in lines[0]["findings"]}


def test_scan_report_marks_findings_in_their_line(tmp_path):
    """Without --json each finding is printed with its line, the finding marked, and the reason."""
    a = tmp_path / "a.txt"
    a.write_text("첫 줄\n중개인 번호는 186 0415 2297 이다.\n", encoding="utf-8")
    out, _ = _run("scan", str(a))
    assert f"{a}:2:" in out
    assert "[186 0415 2297]" in out
    assert "Chinese mobile" in out


def test_scan_bad_files_are_named_others_still_scanned(tmp_path):
    """Binary and non-UTF-8 files get an error naming them; the rest are scanned; exit is non-zero."""
    good = tmp_path / "good.txt"
    good.write_text("리명철 씨", encoding="utf-8")
    binary = tmp_path / "photo.bin"
    binary.write_bytes(b"\x89PNG\x00\x00\x00")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\xe9".encode("latin-1"))
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="3 of 4"):
        call_command(
            "scan",
            "--json",
            str(binary),
            str(good),
            str(latin),
            str(tmp_path / "missing.txt"),
            stdout=out,
            stderr=err,
        )
    assert json.loads(out.getvalue())["path"] == str(good)
    assert "photo.bin: binary file" in err.getvalue()
    assert "latin.txt: not UTF-8" in err.getvalue()


def test_scan_large_file_in_chunks_keeps_offsets(tmp_path, monkeypatch):
    """Files are scanned in chunks; offsets still index the whole file."""
    from sourcedesk.protect import textfile

    monkeypatch.setattr(textfile, "CHUNK_CHARS", 50)
    line = "평범한 문장입니다. 아무것도 없습니다.\n"
    text = line * 20 + "리명철 씨가 왔다.\n" + line * 5
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    out, _ = _run("scan", "--json", str(path))
    (f,) = json.loads(out)["findings"]
    assert text[f["start"] : f["end"]] == "리명철"


def test_scan_empty_file_has_no_findings(tmp_path):
    """An empty file yields an empty findings list."""
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    out, _ = _run("scan", "--json", str(path))
    assert json.loads(out) == {"path": str(path), "findings": []}


def test_scrub_command_writes_a_clean_copy(tmp_path):
    """``scrub IN OUT`` writes the scrubbed file and leaves the original alone."""
    src = tmp_path / "in.jpg"
    Image.new("RGB", (8, 8)).save(src, "JPEG", comment=b"source: Kim, Hyesan")
    dst = tmp_path / "out.jpg"
    out, _ = _run("scrub", str(src), str(dst))
    assert b"Hyesan" in src.read_bytes()
    assert b"Hyesan" not in dst.read_bytes()
    assert "out.jpg" in out


def test_scrub_command_refuses_corrupt_and_unsupported(tmp_path):
    """A corrupt or unsupported file is refused with a message, and OUT is not created."""
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    with pytest.raises(CommandError, match="refused"):
        _run("scrub", str(bad), str(tmp_path / "out.pdf"))
    assert not (tmp_path / "out.pdf").exists()
    txt = tmp_path / "notes.txt"
    txt.write_text("hello", encoding="utf-8")
    with pytest.raises(CommandError, match="unsupported"):
        _run("scrub", str(txt), str(tmp_path / "out.txt"))
    assert not (tmp_path / "out.txt").exists()
