"""``sourcedesk scan [--json] FILE...``: report what in each text file could identify someone."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from sourcedesk.protect.textfile import NotText, check_text, iter_chunks, iter_findings

FIELDS = ("start", "end", "kind", "severity", "text", "reason")


class Command(BaseCommand):
    help = "Scan UTF-8 text files for identifiers (names, numbers, small places, exact dates, ...)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--json", action="store_true", help="one JSON object per file per line")
        parser.add_argument(
            "--deny",
            action="append",
            default=[],
            metavar="NAME",
            help="a name that must always be flagged (repeatable)",
        )

    def handle(self, *args, **options):
        files = options["files"]
        failed = 0
        for path in files:
            try:
                # Validate first so a file that turns out binary halfway never leaves half a JSON line.
                check_text(path)
            except (OSError, NotText) as exc:
                failed += 1
                self.stderr.write(f"{path}: {getattr(exc, 'strerror', None) or exc}")
                continue
            if options["json"]:
                self._json(path, iter_findings(path, deny=options["deny"]))
            else:
                self._report(path, list(iter_findings(path, deny=options["deny"])))
        if failed:
            raise CommandError(f"{failed} of {len(files)} files could not be scanned")

    def _json(self, path: str, findings) -> None:
        """Write one JSON line, streaming the findings so a 50 MB file needs no more memory than a chunk."""
        out = self.stdout
        out.write(json.dumps({"path": path})[:-1] + ', "findings": [', ending="")
        for i, f in enumerate(findings):
            out.write(
                ("," if i else "") + json.dumps({k: getattr(f, k) for k in FIELDS}, ensure_ascii=False),
                ending="",
            )
        out.write("]}")

    def _report(self, path: str, findings) -> None:
        """Print each finding with its line, the finding marked, and the reason."""
        if not findings:
            self.stdout.write(f"{path}: no findings")
            return
        self.stdout.write(f"{path}: {len(findings)} findings")
        style = {"high": self.style.ERROR, "medium": self.style.WARNING, "low": self.style.NOTICE}
        pending = list(findings)
        line_no = 0
        for offset, chunk in iter_chunks(path):
            pos = 0
            for line in chunk.splitlines(keepends=True):
                line_no += 1
                start = offset + pos
                end = start + len(line)
                pos += len(line)
                while pending and pending[0].start < end:
                    f = pending.pop(0)
                    col = f.start - start
                    body = line.rstrip("\n")
                    a, b = max(0, col), max(0, min(len(body), f.end - start))
                    marked = body[:a] + "[" + style[f.severity](body[a:b]) + "]" + body[b:]
                    self.stdout.write(
                        f"  {path}:{line_no}:{col + 1}: {f.severity} {f.kind}: {f.text!r} - {f.reason}"
                    )
                    self.stdout.write(f"      {marked}")
                    if f.suggestion:
                        self.stdout.write(f"      → {f.suggestion.get('en')} / {f.suggestion.get('ko')}")
