"""``sourcedesk demo``: seed an invented demo desk and print how to sign in."""

from __future__ import annotations

import base64
import hashlib
import importlib

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from sourcedesk.accounts import keys, totp
from sourcedesk.accounts.models import BackupCode, User
from sourcedesk.accounts.roles import Role
from sourcedesk.accounts.services import user_create

DEMO_PASSPHRASE = "sourcedesk-demo-passphrase"  # noqa: S105 - invented demo accounts only
DEMO_USERS = [
    ("admin", "관리자 데모", Role.ADMIN),
    ("editor", "편집장 데모", Role.EDITOR),
    ("editor2", "부편집장 데모", Role.EDITOR),
    ("reporter", "기자 데모", Role.REPORTER),
    ("reporter2", "기자2 데모", Role.REPORTER),
    ("translator", "번역가 데모", Role.TRANSLATOR),
]


def demo_totp_secret(username: str) -> str:
    """Return a stable TOTP secret for a demo account, so re-running the demo keeps it."""
    digest = hashlib.sha256(f"sourcedesk-demo-totp:{username}".encode()).digest()[:20]
    return base64.b32encode(digest).decode().rstrip("=")


class Command(BaseCommand):
    help = "Seed an invented demo desk (idempotent) and print the demo sign-ins."

    def handle(self, *args, **options):
        from django.conf import settings
        from django.core.management.base import CommandError
        from django.utils import timezone

        if settings.PRODUCTION:
            # Demo accounts share a published passphrase and TOTP keys: never on a real desk.
            raise CommandError("The demo desk cannot be seeded with SOURCEDESK_ENV=production.")

        rows = []
        for username, display_name, role in DEMO_USERS:
            with transaction.atomic():
                user = User.objects.filter(username=username).first()
                if user is None:
                    user = user_create(
                        username=username, password=DEMO_PASSPHRASE, role=role, display_name=display_name
                    )
                    secret = demo_totp_secret(username)
                    user.totp_secret_sealed = totp.seal_secret(secret)
                    user.totp_confirmed_at = timezone.now()
                    user.save(update_fields=["totp_secret_sealed", "totp_confirmed_at"])
                    keys.keypair_create(user=user, passphrase=DEMO_PASSPHRASE)
                codes = totp.new_backup_codes()[:3]
                BackupCode.objects.filter(user=user).delete()
                BackupCode.objects.bulk_create(
                    BackupCode(user=user, code_hash=totp.hash_backup_code(c)) for c in codes
                )
                rows.append((username, role, demo_totp_secret(username), codes))

        for config in apps.get_app_configs():
            if not config.name.startswith("sourcedesk.") or config.label == "accounts":
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            module.seed(stdout=self.stdout)

        self.stdout.write("")
        self.stdout.write("Demo desk ready. Every account's passphrase: " + DEMO_PASSPHRASE)
        self.stdout.write(
            "Second factor: add the TOTP key to an authenticator app, or use a backup code once."
        )
        self.stdout.write("")
        for username, role, secret, codes in rows:
            self.stdout.write(f"  {username:<11} {role:<11} TOTP key {secret}")
            self.stdout.write(f"  {'':<11} {'':<11} backup codes {', '.join(codes)}")
        self.stdout.write("")
        self.stdout.write(
            "Sign in at http://127.0.0.1:8000/desk/login/ · portal http://127.0.0.1:8000/portal/"
        )
