"""Sealed identity cards and the two-person rule for unmasking."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sourcedesk.accounts.tests.factories import EditorFactory, ReporterFactory
from sourcedesk.audit.models import AuditEntry
from sourcedesk.network import services
from sourcedesk.network.models import IdentityCard, UnmaskRequest
from sourcedesk.network.tests.factories import SourceFactory
from sourcedesk.vault.models import Envelope
from sourcedesk.vault.tests.helpers import unlocked_request

pytestmark = pytest.mark.django_db

CARD = {"real_name": "가상 인물", "contact_plan": "Calls on Tuesdays from a border town", "notes": "invented"}


@pytest.fixture
def sealed():
    custodian = EditorFactory()
    source = SourceFactory(custodian=custodian)
    services.identity_card_seal(source=source, by_user=source.handler, **CARD)
    return source


def test_card_is_stored_only_as_ciphertext(sealed):
    """The real name appears nowhere in the database row of the card or its envelope."""
    card = IdentityCard.objects.get(source=sealed)
    envelope = Envelope.objects.get(pk=card.envelope_id)
    assert CARD["real_name"].encode() not in bytes(envelope.ciphertext)
    assert b"Tuesdays" not in bytes(envelope.ciphertext)


def test_handler_and_custodian_open_with_a_reason_and_it_is_audited(sealed):
    """The handler and the custodian open the card; each opening is an audit entry with the reason."""
    for user in (sealed.handler, sealed.custodian):
        card = services.identity_card_open(
            source=sealed, user=user, request=unlocked_request(user), reason="Payment due"
        )
        assert card["real_name"] == CARD["real_name"]
    entries = AuditEntry.objects.filter(action="identity.open", target_id=str(sealed.pk))
    assert entries.count() == 2
    assert all(e.data["reason"] == "Payment due" for e in entries)
    assert all(CARD["real_name"] not in str(e.data) for e in AuditEntry.objects.all())


def test_opening_needs_a_reason(sealed):
    """No reason, no opening."""
    with pytest.raises(ValidationError):
        services.identity_card_open(
            source=sealed, user=sealed.handler, request=unlocked_request(sealed.handler), reason=" "
        )


def test_unmasking_without_approval_fails(sealed):
    """Another editor cannot open the card without an approved request; the attempt is audited."""
    editor = EditorFactory()
    with pytest.raises(PermissionDenied):
        services.identity_card_open(
            source=sealed, user=editor, request=unlocked_request(editor), reason="curious"
        )
    services.unmask_request_create(source=sealed, by_user=editor, reason="Verify before publication")
    with pytest.raises(PermissionDenied):
        services.identity_card_open(
            source=sealed, user=editor, request=unlocked_request(editor), reason="pending"
        )
    assert AuditEntry.objects.filter(action="identity.open_refused", actor_id=editor.pk).count() == 2


def test_requester_cannot_approve_their_own_request(sealed):
    """The two-person rule: the requester's own approval is refused."""
    editor = EditorFactory()
    request = services.unmask_request_create(source=sealed, by_user=editor, reason="Verify")
    with pytest.raises(PermissionDenied):
        services.unmask_request_decide(unmask_request=request, by_user=editor, approve=True)
    with pytest.raises(PermissionDenied):
        services.unmask_request_decide(unmask_request=request, by_user=sealed.handler, approve=True)


def test_two_person_rule_end_to_end(sealed):
    """Request, a second editor's approval, the key shared by a holder: the card opens once."""
    requester, approver = EditorFactory(), EditorFactory()
    request = services.unmask_request_create(source=sealed, by_user=requester, reason="Legal check")
    services.unmask_request_decide(unmask_request=request, by_user=approver, approve=True, note="OK")
    request.refresh_from_db()
    with pytest.raises(PermissionDenied):
        # Approved, but no holder has given the key yet.
        services.identity_card_open(
            source=sealed, user=requester, request=unlocked_request(requester), reason="now"
        )
    services.unmask_key_share(
        unmask_request=request, by_user=sealed.custodian, request=unlocked_request(sealed.custodian)
    )
    card = services.identity_card_open(
        source=sealed, user=requester, request=unlocked_request(requester), reason="now"
    )
    assert card["contact_plan"] == CARD["contact_plan"]
    assert UnmaskRequest.objects.get(pk=request.pk).status == UnmaskRequest.Status.USED
    with pytest.raises(PermissionDenied):
        services.identity_card_open(
            source=sealed, user=requester, request=unlocked_request(requester), reason="again"
        )
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"unmask.request", "unmask.approve", "unmask.share", "identity.open"} <= actions


def test_denied_request_never_opens(sealed):
    """A denied request cannot be shared or used."""
    requester, approver = EditorFactory(), EditorFactory()
    request = services.unmask_request_create(source=sealed, by_user=requester, reason="Legal check")
    services.unmask_request_decide(unmask_request=request, by_user=approver, approve=False)
    request.refresh_from_db()
    with pytest.raises(ValidationError):
        services.unmask_key_share(
            unmask_request=request, by_user=sealed.handler, request=unlocked_request(sealed.handler)
        )
    with pytest.raises(PermissionDenied):
        services.identity_card_open(
            source=sealed, user=requester, request=unlocked_request(requester), reason="x"
        )


def test_reporters_cannot_request_unmasking(sealed):
    """Only editors can ask to unmask; another reporter is refused outright."""
    with pytest.raises(PermissionDenied):
        services.unmask_request_create(source=sealed, by_user=ReporterFactory(), reason="x")


def test_resealing_drops_shared_keys(sealed):
    """Replacing the card seals it to the handler and custodian only and shreds the old one."""
    requester, approver = EditorFactory(), EditorFactory()
    request = services.unmask_request_create(source=sealed, by_user=requester, reason="Legal check")
    services.unmask_request_decide(unmask_request=request, by_user=approver, approve=True)
    request.refresh_from_db()
    services.unmask_key_share(
        unmask_request=request, by_user=sealed.handler, request=unlocked_request(sealed.handler)
    )
    old = IdentityCard.objects.get(source=sealed).envelope
    services.identity_card_seal(source=sealed, by_user=sealed.handler, **{**CARD, "notes": "moved"})
    old.refresh_from_db()
    assert old.is_destroyed
    from sourcedesk.vault.services import envelope_readers

    readers = envelope_readers(envelope=IdentityCard.objects.get(source=sealed).envelope)
    assert set(readers) == {sealed.handler, sealed.custodian}


def test_only_holders_seal(sealed):
    """Nobody but the handler or custodian writes the card."""
    with pytest.raises(PermissionDenied):
        services.identity_card_seal(source=sealed, by_user=EditorFactory(), **CARD)


def test_new_handler_gets_the_key_from_the_custodian(sealed):
    """After a handler change the custodian hands the card over; nobody else can."""
    from sourcedesk.network.services import identity_card_share_with_handler, source_update

    new_handler = ReporterFactory()
    source_update(source=sealed, by_user=EditorFactory(), version=sealed.version, handler=new_handler)
    sealed.refresh_from_db()
    with pytest.raises(PermissionDenied):
        identity_card_share_with_handler(
            source=sealed, by_user=new_handler, request=unlocked_request(new_handler)
        )
    assert identity_card_share_with_handler(
        source=sealed, by_user=sealed.custodian, request=unlocked_request(sealed.custodian)
    )
    card = services.identity_card_open(
        source=sealed, user=new_handler, request=unlocked_request(new_handler), reason="Taking over"
    )
    assert card["real_name"] == CARD["real_name"]
    assert AuditEntry.objects.filter(action="identity.share_handler").exists()


def test_deleting_a_source_shreds_its_identity_card(sealed):
    """A source without reports can be deleted; its identity envelope is crypto-shredded."""
    envelope = IdentityCard.objects.get(source=sealed).envelope
    services.source_delete(source=sealed, by_user=sealed.custodian)
    envelope.refresh_from_db()
    assert envelope.is_destroyed and envelope.ciphertext is None
