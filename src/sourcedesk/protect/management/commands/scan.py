"""``sourcedesk scan [--json] FILE...``: report what in each text file could identify someone."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from sourcedesk.protect.textfile import NotText, iter_chunks, scan_file

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
                findings = scan_file(path, deny=options["deny"])
            except (OSError, NotText) as exc:
                failed += 1
                self.stderr.write(f"{path}: {getattr(exc, 'strerror', None) or exc}")
                continue
            if options["json"]:
                record = {"path": path, "findings": [{k: getattr(f, k) for k in FIELDS} for f in findings]}
                self.stdout.write(json.dumps(record, ensure_ascii=False))
            else:
                self._report(path, findings)
        if failed:
            raise CommandError(f"{failed} of {len(files)} files could not be scanned")

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
