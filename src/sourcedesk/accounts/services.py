"""Staff accounts: creating users, signing in with a second factor, roles, passphrases."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from sourcedesk.audit.services import audit_record

from . import keys, totp
from .models import BackupCode, LoginThrottle, User
from .roles import Role


class SignInRefused(Exception):
    """Sign-in failed; the message never says which of name, passphrase or code was wrong."""

    def __init__(self, *, locked: bool = False) -> None:
        super().__init__("locked" if locked else "refused")
        self.locked = locked


@dataclass(frozen=True)
class SignInResult:
    user: User
    needs_enrolment: bool


def _name_hash(username: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"sd-login:" + username.strip().lower().encode(), hashlib.sha256).hexdigest()


def _sync_group(user: User) -> None:
    group, _created = Group.objects.get_or_create(name=user.role)
    user.groups.set([group])


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: str,
    display_name: str = "",
    created_by: User | None = None,
) -> User:
    """Create a staff member with ``role``; they enrol their second factor at first sign-in."""
    if role not in Role.values:
        raise ValueError(f"Unknown role {role!r}.")
    user = User(username=username, display_name=display_name, role=role)
    validate_password(password, user)
    user.set_password(password)
    user.is_staff = False
    user.is_superuser = role == Role.ADMIN
    user.save()
    _sync_group(user)
    audit_record(actor=created_by, action="user_created", target=user, data={"role": role})
    return user


@transaction.atomic
def user_set_role(*, user: User, role: str, changed_by: User) -> User:
    """Change ``user``'s role and record who changed it."""
    if role not in Role.values:
        raise ValueError(f"Unknown role {role!r}.")
    if user.pk == changed_by.pk:
        raise PermissionError("Nobody changes their own role.")
    previous = user.role
    if previous == role:
        return user
    user.role = role
    user.is_superuser = role == Role.ADMIN
    user.save(update_fields=["role", "is_superuser"])
    _sync_group(user)
    audit_record(actor=changed_by, action="role_changed", target=user, data={"from": previous, "to": role})
    return user


@transaction.atomic
def user_set_active(*, user: User, active: bool, changed_by: User) -> User:
    """Deactivate (or reactivate) ``user``; deactivation ends their sessions."""
    user.is_active = active
    user.save(update_fields=["is_active"])
    if not active:
        _end_sessions(user)
    audit_record(actor=changed_by, action="user_activated" if active else "user_deactivated", target=user)
    return user


def _end_sessions(user: User) -> None:
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()


def _throttle_for(username: str) -> LoginThrottle:
    throttle, _created = LoginThrottle.objects.select_for_update().get_or_create(
        name_hash=_name_hash(username)
    )
    return throttle


def _check_second_factor(user: User, code: str) -> bool:
    code = (code or "").strip()
    if not code:
        return False
    if totp.looks_like_backup_code(code):
        backup = BackupCode.objects.filter(
            user=user, used=False, code_hash=totp.hash_backup_code(code)
        ).first()
        if backup is None:
            return False
        backup.used = True
        backup.save(update_fields=["used"])
        audit_record(actor=user, action="backup_code_used", target=user)
        return True
    step = totp.matching_step(totp.open_secret(user.totp_secret_sealed), code, last_step=user.totp_last_step)
    if step is None:
        return False
    user.totp_last_step = step
    user.save(update_fields=["totp_last_step"])
    return True


def staff_sign_in(*, username: str, password: str, code: str) -> SignInResult:
    """Check a sign-in attempt and return who signed in, or raise ``SignInRefused``.

    A staff member without a second factor yet passes with the passphrase alone and must enrol
    before reaching the desk. Failures count per account name, never per address.
    """
    now = timezone.now()
    with transaction.atomic():
        throttle = _throttle_for(username)
        if throttle.locked_until and throttle.locked_until > now:
            raise SignInRefused(locked=True)
    user = authenticate(username=username, password=password)
    ok = False
    needs_enrolment = False
    if isinstance(user, User) and user.is_active:
        if user.has_totp:
            ok = _check_second_factor(user, code)
        else:
            ok, needs_enrolment = True, True
    with transaction.atomic():
        throttle = _throttle_for(username)
        if ok and isinstance(user, User):
            throttle.failures = 0
            throttle.locked_until = None
            throttle.save()
            audit_record(actor=user, action="login", target=user, data={"enrolment": needs_enrolment})
            return SignInResult(user=user, needs_enrolment=needs_enrolment)
        throttle.failures += 1
        locked = throttle.failures >= settings.SOURCEDESK_LOCKOUT_THRESHOLD
        if locked:
            throttle.locked_until = now + timedelta(seconds=settings.SOURCEDESK_LOCKOUT_SECONDS)
            throttle.failures = 0
        throttle.save()
        known = User.objects.filter(username=username).first()
        audit_record(
            actor=None,
            action="login_locked" if locked else "login_failed",
            target=known,
            data={"account": known.username if known else "(unknown)"},
        )
    raise SignInRefused(locked=locked)


@transaction.atomic
def totp_enrol_begin(*, user: User) -> str:
    """Give ``user`` a new, unconfirmed TOTP secret and return it."""
    secret = totp.new_secret()
    user.totp_secret_sealed = totp.seal_secret(secret)
    user.totp_confirmed_at = None
    user.totp_last_step = 0
    user.save(update_fields=["totp_secret_sealed", "totp_confirmed_at", "totp_last_step"])
    return secret


@dataclass(frozen=True)
class Enrolment:
    backup_codes: list[str]
    recovery_key: str | None


def totp_enrol_confirm(*, user: User, code: str, password: str) -> Enrolment | None:
    """Confirm enrolment with a first code and the passphrase; create the staff keypair.

    Returns None when the code or passphrase is wrong.
    """
    if user.totp_secret_sealed is None or not user.check_password(password):
        return None
    with transaction.atomic():
        step = totp.matching_step(totp.open_secret(user.totp_secret_sealed), code, last_step=0)
        if step is None:
            return None
        user.totp_last_step = step
        user.totp_confirmed_at = timezone.now()
        user.save(update_fields=["totp_last_step", "totp_confirmed_at"])
        codes = _replace_backup_codes(user)
        recovery_key = keys.keypair_create(user=user, passphrase=password)
        audit_record(actor=user, action="totp_enrolled", target=user)
    return Enrolment(backup_codes=codes, recovery_key=recovery_key)


def _replace_backup_codes(user: User) -> list[str]:
    BackupCode.objects.filter(user=user).delete()
    codes = totp.new_backup_codes()
    BackupCode.objects.bulk_create(BackupCode(user=user, code_hash=totp.hash_backup_code(c)) for c in codes)
    return codes


@transaction.atomic
def backup_codes_regenerate(*, user: User) -> list[str]:
    """Replace ``user``'s backup codes and return the new ones (shown once)."""
    codes = _replace_backup_codes(user)
    audit_record(actor=user, action="backup_codes_regenerated", target=user)
    return codes


@transaction.atomic
def totp_reset(*, user: User, reset_by: User) -> User:
    """Remove ``user``'s second factor so they enrol again at next sign-in; end their sessions."""
    user.totp_secret_sealed = None
    user.totp_confirmed_at = None
    user.totp_last_step = 0
    user.save(update_fields=["totp_secret_sealed", "totp_confirmed_at", "totp_last_step"])
    BackupCode.objects.filter(user=user).delete()
    _end_sessions(user)
    audit_record(actor=reset_by, action="totp_reset", target=user)
    return user


@transaction.atomic
def password_change(*, user: User, old_password: str, new_password: str) -> User:
    """Change ``user``'s passphrase and re-wrap their private key under it."""
    if not user.check_password(old_password):
        raise ValueError("wrong passphrase")
    validate_password(new_password, user)
    keys.keypair_rewrap(user=user, old_passphrase=old_password, new_passphrase=new_password)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    audit_record(actor=user, action="password_changed", target=user)
    return user


def user_set_password_by_admin(*, user: User, new_password: str, changed_by: User) -> User:
    """Set a new passphrase for ``user`` (forgotten passphrase); their sealed items need the recovery key."""
    with transaction.atomic():
        validate_password(new_password, user)
        user.set_password(new_password)
        user.save(update_fields=["password"])
        _end_sessions(user)
        audit_record(actor=changed_by, action="password_reset", target=user)
    return user


def sessions_expire() -> int:
    """Delete every stored session whose expiry has passed; return how many."""
    deleted, _detail = Session.objects.filter(expire_date__lte=timezone.now()).delete()
    return deleted
