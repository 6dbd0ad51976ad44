"""``sourcedesk audit verify``: check the audit chain and name the first broken entry."""

from django.core.management.base import BaseCommand, CommandError

from sourcedesk.audit.selectors import audit_verify


class Command(BaseCommand):
    help = "Work with the audit log. 'verify' checks the hash chain."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, **options):
        verdict = audit_verify()
        if not verdict.ok:
            raise CommandError(verdict.message())
        self.stdout.write(verdict.message())
