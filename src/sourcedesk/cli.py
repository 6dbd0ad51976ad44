"""The ``sourcedesk`` console script: every Django management command plus the project's own."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command; ``export-site`` and ``export_site`` are the same command."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sourcedesk.settings")
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


if __name__ == "__main__":
    main()
