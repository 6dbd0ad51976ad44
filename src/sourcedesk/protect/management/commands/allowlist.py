"""``sourcedesk allowlist [list | add NAME... | remove NAME...]``: public figures the scanner leaves alone."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sourcedesk.protect.models import AllowedName
from sourcedesk.protect.services import allowed_name_add, allowed_name_remove


class Command(BaseCommand):
    help = "List, add or remove the desk's additions to the scanner's allow-list of public figures."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["list", "add", "remove"])
        parser.add_argument("names", nargs="*", metavar="NAME")

    def handle(self, *args, **options):
        action, names = options["action"], options["names"]
        if action == "list":
            for name in AllowedName.objects.values_list("name", flat=True):
                self.stdout.write(name)
            return
        if not names:
            raise CommandError(f"give at least one NAME to {action}")
        for name in names:
            try:
                if action == "add":
                    allowed_name_add(actor=None, name=name)
                    self.stdout.write(f"allowed: {name}")
                elif allowed_name_remove(actor=None, name=name):
                    self.stdout.write(f"removed: {name}")
                else:
                    self.stdout.write(f"not on the list: {name}")
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
