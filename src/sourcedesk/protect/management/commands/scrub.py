"""``sourcedesk scrub IN OUT``: write a copy of a photo or document with its metadata removed."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sourcedesk.protect.scrub import SUPPORTED, ScrubError, scrub_file


class Command(BaseCommand):
    help = f"Strip identifying metadata from a file. Supported: {SUPPORTED}. Anything else is refused."

    def add_arguments(self, parser):
        parser.add_argument("src", metavar="IN")
        parser.add_argument("dst", metavar="OUT")

    def handle(self, *args, **options):
        src, dst = Path(options["src"]), Path(options["dst"])
        if src.resolve() == dst.resolve():
            raise CommandError("IN and OUT must be different files; the original is kept")
        try:
            scrub_file(src, dst)
        except ScrubError as exc:
            raise CommandError(f"refused: {exc}. {dst} was not written.") from exc
        except OSError as exc:
            raise CommandError(f"{exc.filename or src}: {exc.strerror}") from exc
        self.stdout.write(f"{dst}: written without metadata")
