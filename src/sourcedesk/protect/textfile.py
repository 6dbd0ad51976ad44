"""Read a text file for scanning in bounded memory, with code-point offsets that match the file."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path

from .scanner import Finding, scan

CHUNK_CHARS = 1_000_000  # scanned at once; a chunk ends on a line break where possible
READ_BYTES = 1 << 20


class NotText(ValueError):
    """The file is binary or not UTF-8."""


def iter_chunks(path: str | Path) -> Iterator[tuple[int, str]]:
    """Yield (offset, text) pieces of the UTF-8 file, split on line breaks near ``CHUNK_CHARS``."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="strict")
    offset = 0
    pending = ""
    with open(path, "rb") as fh:
        while True:
            raw = fh.read(READ_BYTES)
            if b"\x00" in raw:
                raise NotText("binary file (contains NUL bytes)")
            try:
                pending += decoder.decode(raw, final=not raw)
            except UnicodeDecodeError as exc:
                raise NotText(f"not UTF-8 text (byte {exc.start} of a read block)") from exc
            while len(pending) >= CHUNK_CHARS:
                cut = pending.rfind("\n", 0, CHUNK_CHARS)
                cut = CHUNK_CHARS if cut == -1 else cut + 1
                yield offset, pending[:cut]
                offset += cut
                pending = pending[cut:]
            if not raw:
                break
    if pending:
        yield offset, pending


def check_text(path: str | Path) -> None:
    """Raise ``NotText`` unless the whole file is UTF-8 text; reads in blocks, keeps nothing."""
    for _offset, _text in iter_chunks(path):
        pass


def iter_findings(path: str | Path, **kwargs) -> Iterator[Finding]:
    """Yield the findings of a UTF-8 text file chunk by chunk; offsets count code points of the whole file."""
    for offset, text in iter_chunks(path):
        for f in scan(text, **kwargs):
            if offset:
                f = Finding(
                    f.start + offset,
                    f.end + offset,
                    f.kind,
                    f.severity,
                    f.text,
                    f.reason,
                    f.suggestion,
                    f.code,
                )
            yield f


def scan_file(path: str | Path, **kwargs) -> list[Finding]:
    """Return the findings in a UTF-8 text file, offsets in code points of the whole file."""
    return list(iter_findings(path, **kwargs))
