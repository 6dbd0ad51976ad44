"""Site-wide properties: headers, no client addresses anywhere, both languages, error pages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.test import Client

from sourcedesk.accounts.tests.factories import PASSWORD, AdminFactory, EditorFactory
from sourcedesk.accounts.tests.helpers import login

CLIENT_IP = "203.0.113.77"
CLIENT_IP6 = "2001:db8:85a3::8a2e:370:7334"
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) MarkerBrowser/987.654"


def dump_database() -> str:
    """Return every row of every table as text."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from introspection
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        value = bytes(value).decode("latin-1")
                    chunks.append(str(value))
    return "\n".join(chunks)


def read_logs() -> str:
    text = []
    for path in Path(settings.LOG_DIR).glob("*"):
        if path.is_file():
            text.append(path.read_text(errors="replace"))
    return "\n".join(text)


@pytest.mark.django_db(transaction=True)
def test_no_ip_or_user_agent_stored_or_logged(caplog):
    """After a sign-in and a failed sign-in, no address or user agent is in the database or logs."""
    user = EditorFactory()
    client = Client(REMOTE_ADDR=CLIENT_IP, HTTP_USER_AGENT=USER_AGENT, HTTP_X_FORWARDED_FOR=CLIENT_IP6)
    client.post(
        "/desk/login/", {"username": user.username, "password": "wrong passphrase!", "code": "000000"}
    )
    login(client, user)
    client.get("/desk/")
    client.get("/desk/no-such-page/")
    everything = dump_database() + read_logs() + caplog.text
    for marker in (CLIENT_IP, CLIENT_IP6, "MarkerBrowser"):
        assert marker not in everything


def test_log_filter_masks_addresses():
    """Anything shaped like an address is masked before a log line is written."""
    from sourcedesk.core.logs import redact

    assert redact(f"from {CLIENT_IP} and {CLIENT_IP6}") == "from [address] and [address]"
    assert redact("KRW 2,500,000 on 2024-10-03") == "KRW 2,500,000 on 2024-10-03"


@pytest.mark.django_db
def test_security_headers_on_desk(client):
    """Desk pages carry a strict CSP without inline code, no-referrer, no framing, no caching."""
    response = client.get("/desk/login/")
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    assert "<script" not in body and 'style="' not in body


@pytest.mark.django_db
def test_session_cookie_flags(client):
    """The session cookie is HttpOnly and SameSite."""
    user = EditorFactory()
    login(client, user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


DESK_PAGES = ["/desk/", "/desk/account/", "/desk/users/", "/desk/audit/", "/desk/audit/?verify=1"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("path", DESK_PAGES)
def test_desk_pages_render_in_both_languages(client, path, language):
    """Every foundation page renders in Korean and in English."""
    login(client, AdminFactory())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Language"] == language
    body = response.content.decode()
    assert f'<html lang="{language}"' in body
    if language == "ko":
        assert "로그아웃" in body
    else:
        assert "Sign out" in body


@pytest.mark.django_db
def test_korean_is_the_staff_default(client):
    """Without a choice, the desk speaks Korean, whatever the browser asks for."""
    response = client.get("/desk/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "ko"
    assert "로그인" in response.content.decode()


@pytest.mark.django_db
def test_language_switch_sets_english(client):
    """The switcher changes the desk to English."""
    response = client.post("/desk/lang/", {"language": "en", "next": "/desk/login/"})
    assert response.status_code == 302
    assert "Sign in to the desk" in client.get("/desk/login/").content.decode()


@pytest.mark.django_db
def test_database_unavailable_shows_clear_page(monkeypatch):
    """When the database is unreachable, the user sees a plain page, not a traceback."""
    client = Client(raise_request_exception=False)

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    from django.contrib.sessions.backends import db

    monkeypatch.setattr(db.SessionStore, "load", refuse)
    client.cookies[settings.SESSION_COOKIE_NAME] = "a" * 32
    response = client.get("/desk/")
    assert response.status_code == 503
    body = response.content.decode()
    assert "Traceback" not in body and "OperationalError" not in body
    assert "데이터베이스" in body


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SOURCEDESK_", "DJANGO_"))}
    base.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "sourcedesk", *args], env=base, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_secret(tmp_path):
    """In production a missing secret stops start-up with the variable's name."""
    result = run_cli("check", env={"SOURCEDESK_ENV": "production", "SOURCEDESK_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "SOURCEDESK_SECRET_KEY" in result.stderr
    result = run_cli(
        "check",
        env={
            "SOURCEDESK_ENV": "production",
            "SOURCEDESK_DATA_DIR": str(tmp_path),
            "SOURCEDESK_SECRET_KEY": "x" * 60,
        },
    )
    assert result.returncode != 0
    assert "SOURCEDESK_ALLOWED_HOSTS" in result.stderr


@pytest.mark.slow
def test_check_deploy_is_clean_under_production_settings(tmp_path):
    """`sourcedesk check --deploy --fail-level WARNING` passes with production settings."""
    result = run_cli(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "SOURCEDESK_ENV": "production",
            "SOURCEDESK_DATA_DIR": str(tmp_path),
            "SOURCEDESK_SECRET_KEY": "prod-like-" + "k3Y9vQ2xL7mN4pR8sT1wZ6bC0dF5gH" * 2,
            "SOURCEDESK_ALLOWED_HOSTS": "desk.example.org",
            "SOURCEDESK_PORTAL_PEPPER": "prod-like-pepper-value",
        },
    )
    assert result.returncode == 0, result.stderr + result.stdout


@pytest.mark.django_db
def test_wrong_code_message_is_in_korean(client):
    """The generic refusal is shown in the user's language."""
    user = EditorFactory()
    response = client.post(
        "/desk/login/", {"username": user.username, "password": PASSWORD, "code": "000000"}
    )
    assert "다시" in response.content.decode() or "확인" in response.content.decode()


@pytest.mark.django_db
def test_csrf_accepts_same_origin_posts_without_referrer():
    """With no-referrer, a same-origin form post (Origin: null) passes; a cross-site one does not."""
    client = Client(enforce_csrf_checks=True)
    client.get("/desk/login/")
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    data = {"username": "x", "password": "y", "code": "1", "csrfmiddlewaretoken": token}
    same = client.post("/desk/login/", data, HTTP_ORIGIN="null", HTTP_SEC_FETCH_SITE="same-origin")
    assert same.status_code == 400  # reached the form: a generic sign-in refusal
    cross = client.post("/desk/login/", data, HTTP_ORIGIN="null", HTTP_SEC_FETCH_SITE="cross-site")
    assert cross.status_code == 403
    evil = client.post("/desk/login/", data, HTTP_ORIGIN="https://evil.example")
    assert evil.status_code == 403


@pytest.mark.django_db
def test_cross_site_posts_are_refused_even_to_exempt_views(client):
    """A post the browser marks as cross-site is refused before any view runs."""
    response = client.post("/portal/", {"x": "1"}, HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403


@pytest.mark.django_db
def test_large_desk_upload_is_refused_before_reading(client, settings):
    """A desk upload over the limit gets a clear 413 page and nothing is written to disk."""
    settings.SOURCEDESK_DESK_UPLOAD_MAX_BYTES = 1000
    login(client, EditorFactory())
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = set(Path(settings.FILE_UPLOAD_TEMP_DIR).iterdir())
    big = SimpleUploadedFile("interview.txt", b"x" * 5000, content_type="text/plain")
    response = client.post("/desk/protect/", {"file": big})
    assert response.status_code == 413
    assert set(Path(settings.FILE_UPLOAD_TEMP_DIR).iterdir()) == before


@pytest.mark.django_db
def test_desk_uploads_stay_in_memory(settings):
    """Desk uploads are handled in memory, never by Django's temporary-file handler."""
    assert settings.FILE_UPLOAD_HANDLERS == ["sourcedesk.core.uploads.BoundedMemoryUploadHandler"]


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_secure_delete():
    """The embedded database journals in WAL mode and zeroes deleted pages (crypto-shredding)."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    from django.db import connections

    with connections["default"].cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone()[0] == 1
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1


@pytest.mark.django_db
def test_desk_home_shows_compromise_alerts_to_editors(client):
    """An editor's desk home lists sources marked compromised; a reporter's does not."""
    from sourcedesk.network.models import SourceAlert
    from sourcedesk.network.tests.factories import SourceFactory

    editor = EditorFactory()
    source = SourceFactory()
    SourceAlert.objects.create(source=source, recipient=editor, kind="compromised", raised_by=editor)
    login(client, editor)
    body = client.get("/desk/").content.decode()
    assert source.pseudonym in body


def test_demo_refuses_production(tmp_path):
    """`sourcedesk demo` never seeds accounts with published passphrases on a production desk."""
    result = run_cli(
        "demo",
        env={
            "SOURCEDESK_ENV": "production",
            "SOURCEDESK_DATA_DIR": str(tmp_path),
            "SOURCEDESK_SECRET_KEY": "prod-like-" + "k3Y9vQ2xL7mN4pR8sT1wZ6bC0dF5gH" * 2,
            "SOURCEDESK_ALLOWED_HOSTS": "desk.example.org",
            "SOURCEDESK_PORTAL_PEPPER": "prod-like-pepper-value",
        },
    )
    assert result.returncode != 0
    assert "production" in result.stderr


@pytest.mark.django_db
def test_error_pages_lead_back(client):
    """A not-found page offers a way back: the desk for staff paths, the public site otherwise."""
    login(client, EditorFactory())
    assert 'href="/desk/"' in client.get("/desk/no-such-page/").content.decode()
    assert 'href="/ko/"' in Client().get("/no-such-page/").content.decode()


@pytest.mark.django_db
def test_admins_do_not_see_audit_details(client):
    """Admins see who did what, but not the details (pseudonyms, unmasking reasons); editors do."""
    from sourcedesk.audit.services import audit_record

    audit_record(action="source.register", data={"pseudonym": "양강-99"})
    login(client, AdminFactory())
    assert "양강-99" not in client.get("/desk/audit/").content.decode()
    editor_client = login(Client(), EditorFactory())
    assert "양강-99" in editor_client.get("/desk/audit/").content.decode()
