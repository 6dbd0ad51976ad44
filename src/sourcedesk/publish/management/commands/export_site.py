"""``sourcedesk export-site DIR``: write the public site as static files for a mirror."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sourcedesk.publish.export import ExportRefused, export_site


class Command(BaseCommand):
    help = "Write the public site into DIR as static files with relative links; rewrite only what changed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--base-url",
            default="",
            help="Address the mirror will be served from, for canonical links, feeds and the sitemap.",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=os.cpu_count() or 1,
            help="Processes rendering pages (default: one per CPU).",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Export into a non-empty folder that holds no previous export.",
        )

    def handle(self, *args, directory: Path, base_url: str, overwrite: bool, jobs: int, **options) -> None:
        try:
            result = export_site(directory, base_url=base_url, overwrite=overwrite, jobs=max(1, jobs))
        except ExportRefused as refused:
            raise CommandError(str(refused)) from refused
        rate = result.pages / result.seconds if result.seconds else 0.0
        self.stdout.write(
            f"{result.pages} pages, {result.files} files: {result.written} written, "
            f"{result.unchanged} unchanged, {result.removed} removed in {result.seconds:.2f} s "
            f"({rate:.0f} pages/s)"
        )
