"""Signing in: passphrase plus second factor, generic refusals, lockout, timeouts."""

import re
import time

import pyotp
import pytest
from django.test import override_settings

from sourcedesk.accounts import totp
from sourcedesk.accounts.middleware import SESSION_SEEN_AT
from sourcedesk.accounts.models import User
from sourcedesk.accounts.tests.factories import PASSWORD, EditorFactory, UserFactory
from sourcedesk.accounts.tests.helpers import fresh_backup_code, login
from sourcedesk.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def current_code(user: User) -> str:
    return pyotp.TOTP(totp.open_secret(user.totp_secret_sealed)).now()


def errors_of(response) -> str:
    match = re.search(r'<div class="errors".*?</div>', response.content.decode(), re.S)
    return match.group(0) if match else ""


def post_login(client, username, password, code=""):
    return client.post("/desk/login/", {"username": username, "password": password, "code": code})


def test_desk_requires_sign_in(client):
    """An anonymous visitor to /desk/ is sent to the sign-in page."""
    response = client.get("/desk/")
    assert response.status_code == 302
    assert response["Location"].startswith("/desk/login/")


def test_sign_in_with_totp_reaches_desk(client):
    """A correct passphrase and authenticator code open the desk."""
    user = EditorFactory()
    response = post_login(client, user.username, PASSWORD, current_code(user))
    assert response.status_code == 302
    assert client.get("/desk/").status_code == 200
    assert AuditEntry.objects.filter(action="login", actor_id=user.pk).exists()


def test_no_second_factor_no_desk(client):
    """An enrolled user who gives no code does not get in."""
    user = EditorFactory()
    response = post_login(client, user.username, PASSWORD, "")
    assert response.status_code == 400
    assert client.get("/desk/").status_code == 302


def test_refusals_are_generic(client):
    """Wrong passphrase, wrong code and unknown user all get the same message."""
    user = EditorFactory()
    bodies = []
    for username, password, code in [
        (user.username, "wrong passphrase here", current_code(user)),
        (user.username, PASSWORD, "000000"),
        ("nobody-at-all", PASSWORD, "123456"),
    ]:
        response = post_login(client, username, password, code)
        assert response.status_code == 400
        bodies.append(errors_of(response))
    assert bodies[0] == bodies[1] == bodies[2]
    assert bodies[0]


def test_totp_code_cannot_be_replayed(client):
    """The same authenticator code works only once."""
    user = EditorFactory()
    code = current_code(user)
    assert post_login(client, user.username, PASSWORD, code).status_code == 302
    client.logout()
    assert post_login(client, user.username, PASSWORD, code).status_code == 400


def test_backup_code_works_once(client):
    """A backup code signs in once and never again."""
    user = EditorFactory()
    code = fresh_backup_code(user)
    assert post_login(client, user.username, PASSWORD, code.upper()).status_code == 302
    client.logout()
    assert post_login(client, user.username, PASSWORD, code).status_code == 400


@override_settings(SOURCEDESK_LOCKOUT_THRESHOLD=3)
def test_lockout_after_repeated_failures(client):
    """After repeated failures even the right credentials are refused for a while."""
    user = EditorFactory()
    for _ in range(3):
        post_login(client, user.username, "wrong passphrase here", "000000")
    response = post_login(client, user.username, PASSWORD, current_code(user))
    assert response.status_code == 400
    assert "Too many failed attempts" in response.content.decode() or "시도" in response.content.decode()
    assert AuditEntry.objects.filter(action="login_locked").exists()


@override_settings(SOURCEDESK_LOCKOUT_THRESHOLD=2)
def test_unknown_names_lock_like_real_ones(client):
    """Lockout does not reveal whether an account exists."""
    for _ in range(2):
        post_login(client, "ghost", "wrong passphrase here", "000000")
    locked_unknown = errors_of(post_login(client, "ghost", "x", "1"))
    user = UserFactory()
    for _ in range(2):
        post_login(client, user.username, "wrong passphrase here", "000000")
    locked_known = errors_of(post_login(client, user.username, "x", "1"))
    assert locked_unknown == locked_known
    assert locked_known


def test_first_sign_in_requires_enrolment(client):
    """A new account signs in with its passphrase and must enrol before seeing the desk."""
    user = UserFactory(totp_secret_sealed=None, totp_confirmed_at=None, with_keys=False)
    response = post_login(client, user.username, PASSWORD, "")
    assert response["Location"] == "/desk/2fa/"
    assert client.get("/desk/")["Location"] == "/desk/2fa/"
    page = client.get("/desk/2fa/")
    assert page.status_code == 200
    assert b"<svg" in page.content
    user.refresh_from_db()
    code = current_code(user)
    done = client.post("/desk/2fa/", {"code": code, "password": PASSWORD})
    assert done.status_code == 200
    assert len(done.context["backup_codes"]) == 10
    assert client.get("/desk/").status_code == 200
    user.refresh_from_db()
    assert user.has_totp
    assert AuditEntry.objects.filter(action="totp_enrolled", actor_id=user.pk).exists()


def test_idle_timeout_signs_out(client):
    """A session idle for longer than the limit is signed out."""
    user = EditorFactory()
    login(client, user)
    session = client.session
    session[SESSION_SEEN_AT] = time.time() - 31 * 60
    session.save()
    response = client.get("/desk/")
    assert response.status_code == 302
    assert response["Location"] == "/desk/login/"
    assert client.get("/desk/").status_code == 302


def test_admin_resets_second_factor(client):
    """An admin can reset a user's 2FA; the user must enrol again and the reset is audited."""
    admin = UserFactory(role="admin")
    user = EditorFactory()
    login(client, admin)
    response = client.post(f"/desk/users/{user.pk}/", {"action": "reset_2fa"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.has_totp
    assert AuditEntry.objects.filter(action="totp_reset", target_id=str(user.pk)).exists()


def test_role_change_is_audited(client):
    """Changing a role is an audit entry naming both roles."""
    admin = UserFactory(role="admin")
    user = UserFactory(role="reporter")
    login(client, admin)
    client.post(f"/desk/users/{user.pk}/", {"action": "role", "role": "editor"})
    user.refresh_from_db()
    assert user.role == "editor"
    entry = AuditEntry.objects.get(action="role_changed")
    assert entry.data == {"from": "reporter", "to": "editor"}


def test_only_admins_manage_users(client):
    """An editor cannot open the staff page."""
    login(client, EditorFactory())
    assert client.get("/desk/users/").status_code == 403


def test_role_groups_carry_permissions():
    """Each role is a group with model permissions; translators cannot touch sources."""
    from django.contrib.auth.models import Group

    from sourcedesk.accounts.roles import role_groups_sync

    role_groups_sync()
    editor = Group.objects.get(name="editor")
    assert editor.permissions.filter(codename="view_auditentry").exists()
    translator = Group.objects.get(name="translator")
    assert not translator.permissions.filter(content_type__app_label="network").exists()
    user = UserFactory(role="translator")
    assert not user.has_perm("audit.view_auditentry")


def test_admin_cannot_change_own_role(client):
    """An admin cannot make themself an editor (and so a recipient of sealed submissions)."""
    admin = UserFactory(role="admin")
    login(client, admin)
    client.post(f"/desk/users/{admin.pk}/", {"action": "role", "role": "editor"})
    admin.refresh_from_db()
    assert admin.role == "admin"
    assert not AuditEntry.objects.filter(action="role_changed").exists()


def test_expired_sessions_are_removed(client):
    """Sessions past their expiry are deleted by the periodic clean-up, signed out or not."""
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from sourcedesk.accounts.tasks import expired_sessions_remove

    login(client, EditorFactory())
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    expired_sessions_remove()
    assert not Session.objects.exists()


def test_idle_timeout_clears_the_vault_cookie(client):
    """The sign-out that an idle timeout causes also deletes the browser's half of the key."""
    from sourcedesk.vault import session as vault_session

    user = EditorFactory()
    login(client, user)
    assert client.cookies[vault_session.COOKIE_NAME].value
    session = client.session
    session[SESSION_SEEN_AT] = time.time() - 31 * 60
    session.save()
    response = client.get("/desk/")
    assert response["Location"] == "/desk/login/"
    assert response.cookies[vault_session.COOKIE_NAME].value == ""
