"""Source network pages through the test client: registering, editing, the identity card flow."""

from __future__ import annotations

import pytest
from django.test import Client

from sourcedesk.accounts.tests.factories import EditorFactory, ReporterFactory
from sourcedesk.accounts.tests.helpers import login
from sourcedesk.audit.models import AuditEntry
from sourcedesk.network.models import Source, SourceAlert, UnmaskRequest
from sourcedesk.network.tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def _client(user, language="en") -> Client:
    client = login(Client(), user)
    client.cookies["sd_lang"] = language
    return client


def _source_post(source, **overrides):
    data = {
        "pseudonym": source.pseudonym,
        "region": source.region,
        "channel": source.channel,
        "active_since": source.active_since.strftime("%Y-%m"),
        "status": source.status,
        "grade": source.grade,
        "handler": source.handler_id,
        "custodian": "",
        "reason": "",
        "version": source.version,
    }
    data.update(overrides)
    return data


def test_reporter_registers_a_source_with_a_generated_pseudonym():
    """A reporter registers a source for themselves; the pseudonym comes from the region."""
    reporter = ReporterFactory()
    response = _client(reporter).post(
        "/desk/sources/new/",
        {
            "pseudonym": "",
            "region": "cn-liaoning",
            "channel": "phone",
            "active_since": "2024-03",
            "status": "active",
        },
    )
    source = Source.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/desk/sources/{source.pk}/"
    assert source.handler == reporter and source.pseudonym.startswith("요녕-") and source.grade == "F"


def test_second_editor_saving_a_source_is_told_in_korean_and_keeps_input():
    """Two editors edit one source: the second gets a Korean message and their input back."""
    source = SourceFactory()
    first, second = _client(EditorFactory(), "ko"), _client(EditorFactory(), "ko")
    assert (
        first.post(f"/desk/sources/{source.pk}/edit/", _source_post(source, channel="messenger")).status_code
        == 302
    )
    late = second.post(f"/desk/sources/{source.pk}/edit/", _source_post(source, pseudonym="양강-99"))
    body = late.content.decode()
    assert late.status_code == 200
    assert "다른 사람이 이 취재원을 변경했습니다" in body
    assert 'value="양강-99"' in body
    assert Source.objects.get(pk=source.pk).pseudonym == source.pseudonym


def test_marking_compromised_through_the_form_alerts_editors():
    """The handler marks their source compromised with a reason; editors see an alert to dismiss."""
    editor = EditorFactory()
    source = SourceFactory()
    handler = _client(source.handler)
    missing_reason = handler.post(
        f"/desk/sources/{source.pk}/edit/", _source_post(source, status="compromised")
    )
    assert missing_reason.status_code == 200 and "Say why" in missing_reason.content.decode()
    ok = handler.post(
        f"/desk/sources/{source.pk}/edit/", _source_post(source, status="compromised", reason="Arrested")
    )
    assert ok.status_code == 302
    alert = SourceAlert.objects.get(recipient=editor)
    desk = _client(editor)
    assert source.pseudonym in desk.get("/desk/sources/").content.decode()
    assert desk.post(f"/desk/sources/alerts/{alert.pk}/read/").status_code == 302
    assert SourceAlert.objects.get(pk=alert.pk).read


def test_archive_and_restore():
    """A handler archives their source and restores it."""
    source = SourceFactory()
    client = _client(source.handler)
    client.post(f"/desk/sources/{source.pk}/archive/")
    assert Source.objects.get(pk=source.pk).archived
    assert source.pseudonym not in client.get("/desk/sources/").content.decode()
    client.post(f"/desk/sources/{source.pk}/archive/", {"restore": "1"})
    assert not Source.objects.get(pk=source.pk).archived


def test_identity_card_two_person_rule_through_the_pages():
    """Seal, ask, approve, share and open the identity card through the desk pages."""
    custodian, requester, approver = EditorFactory(), EditorFactory(), EditorFactory()
    source = SourceFactory(custodian=custodian)
    handler = _client(source.handler)
    sealed = handler.post(
        f"/desk/sources/{source.pk}/identity/edit/",
        {"real_name": "지어낸 이름", "contact_plan": "Invented plan", "notes": ""},
    )
    assert sealed.status_code == 302
    asker = _client(requester)
    refused = asker.post(f"/desk/sources/{source.pk}/identity/", {"reason": "curious"})
    assert "without an approved unmasking request" in refused.content.decode()
    assert "지어낸 이름" not in refused.content.decode()
    assert asker.post(f"/desk/sources/{source.pk}/unmask/", {"reason": "Legal review"}).status_code == 302
    request = UnmaskRequest.objects.get()
    assert (
        asker.post(f"/desk/sources/unmask/{request.pk}/decide/", {"decision": "approve"}).status_code == 403
    )
    decided = _client(approver).post(
        f"/desk/sources/unmask/{request.pk}/decide/", {"decision": "approve", "note": "ok"}
    )
    assert decided.status_code == 302
    assert handler.post(f"/desk/sources/unmask/{request.pk}/share/").status_code == 302
    opened = asker.post(f"/desk/sources/{source.pk}/identity/", {"reason": "Legal review"})
    assert "지어낸 이름" in opened.content.decode()
    assert opened["Cache-Control"] == "no-store"
    again = asker.post(f"/desk/sources/{source.pk}/identity/", {"reason": "Once more"})
    assert "지어낸 이름" not in again.content.decode()
    # The holders open it directly, with a reason.
    for client in (handler, _client(custodian)):
        assert (
            "지어낸 이름"
            in client.post(f"/desk/sources/{source.pk}/identity/", {"reason": "Payment"}).content.decode()
        )
    assert AuditEntry.objects.filter(action="identity.open").count() == 3
