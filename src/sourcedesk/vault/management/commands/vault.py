"""``sourcedesk vault``: key status, recovery with the printed recovery key, and admin escrow."""

from __future__ import annotations

import getpass
import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from sourcedesk.accounts.roles import Role
from sourcedesk.vault import services
from sourcedesk.vault.exceptions import WrongPassphrase
from sourcedesk.vault.models import EscrowKey, StaffKeypair


def _secret(prompt: str) -> str:
    # Read from a terminal without echo, or from a pipe (one line) for scripted recovery.
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\n")


class Command(BaseCommand):
    help = "Show vault key status, recover a staff key, or turn admin escrow on."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("status", help="List who has a keypair and whether escrow is on.")
        recover = sub.add_parser("recover", help="Re-wrap a user's key with their recovery key.")
        recover.add_argument("username")
        escrow = sub.add_parser("escrow-enable", help="Turn escrow on; print its private key once.")
        escrow.add_argument("--by", required=True, help="The admin turning escrow on.")
        use = sub.add_parser("escrow-recover", help="Give a user a new passphrase with the escrow key.")
        use.add_argument("username")
        use.add_argument("--by", required=True, help="The admin using escrow (audit-logged).")

    def _user(self, username: str):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        return user

    def _new_passphrase(self) -> str:
        first = _secret("New passphrase: ")
        if len(first) < 12:
            raise CommandError("The passphrase must have at least 12 characters.")
        if sys.stdin.isatty() and getpass.getpass("Repeat it: ") != first:
            raise CommandError("The passphrases differ.")
        return first

    def handle(self, *args, **options):
        action = options["action"]
        if action == "status":
            escrow = EscrowKey.objects.filter(active=True).exists()
            self.stdout.write(f"Escrow: {'on' if escrow else 'off'}")
            keyed = set(StaffKeypair.objects.values_list("user_id", flat=True))
            for user in get_user_model().objects.order_by("username"):
                state = "keypair" if user.pk in keyed else "NO KEYPAIR (cannot receive sealed items)"
                self.stdout.write(f"  {user.username:<20} {user.role:<11} {state}")
            return
        if action == "recover":
            user = self._user(options["username"])
            recovery = _secret("Recovery key: ")
            try:
                services.staff_keypair_recover(
                    user=user, recovery_key=recovery, new_passphrase=self._new_passphrase()
                )
            except WrongPassphrase as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(
                "Key re-wrapped. The user's sign-in password must be set to the same passphrase."
            )
            return
        admin = self._user(options["by"])
        if admin.role != Role.ADMIN:
            raise CommandError("Only an admin can manage escrow.")
        if action == "escrow-enable":
            secret = services.escrow_enable(by_user=admin)
            self.stdout.write("Escrow is on for keypairs created from now on.")
            self.stdout.write("Escrow private key (print it, keep it offline, it is not stored):")
            self.stdout.write(f"  {secret}")
            return
        user = self._user(options["username"])
        escrow_key = _secret("Escrow private key: ")
        try:
            services.escrow_recover(
                by_user=admin, user=user, escrow_private_key=escrow_key, new_passphrase=self._new_passphrase()
            )
        except WrongPassphrase as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write("Key re-wrapped under the new passphrase; the use of escrow was audit-logged.")
