"""Who holds a source's identity card: handler and custodian changes and the two-person rule."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from sourcedesk.accounts.tests.factories import EditorFactory, ReporterFactory
from sourcedesk.accounts.tests.helpers import login
from sourcedesk.audit.models import AuditEntry
from sourcedesk.network import services
from sourcedesk.network.models import IdentityCard, Source, SourceAlert, SourceChange
from sourcedesk.network.tests.factories import SourceFactory
from sourcedesk.vault.exceptions import NotARecipient
from sourcedesk.vault.services import envelope_readers
from sourcedesk.vault.tests.helpers import unlocked_request

pytestmark = pytest.mark.django_db

CARD = {"real_name": "가상 인물", "contact_plan": "Calls on Tuesdays from a border town", "notes": "invented"}


@pytest.fixture
def sealed():
    """A source whose card is sealed to its handler (a reporter) and custodian (an editor)."""
    source = SourceFactory(custodian=EditorFactory())
    services.identity_card_seal(source=source, by_user=source.handler, **CARD)
    return Source.objects.get(pk=source.pk)


def _readers(source) -> set[int]:
    card = IdentityCard.objects.get(source=source)
    return {user.pk for user in envelope_readers(envelope=card.envelope)}


def _open(source, user) -> dict[str, str]:
    return services.identity_card_open(
        source=source, user=user, request=unlocked_request(user), reason="check"
    )


@pytest.mark.parametrize("role", ["custodian", "handler"])
def test_editor_cannot_make_himself_holder_of_a_card_he_does_not_hold(sealed, role):
    """An editor without the card's key cannot name himself handler or custodian; it is audited."""
    editor = EditorFactory()
    with pytest.raises(services.HolderChangeRefused):
        services.source_update(source=sealed, by_user=editor, version=sealed.version, **{role: editor})
    fresh = Source.objects.get(pk=sealed.pk)
    assert getattr(fresh, f"{role}_id") != editor.pk and fresh.version == sealed.version
    assert not SourceChange.objects.filter(source=sealed, field=role).exists()
    assert AuditEntry.objects.filter(action="source.holder_refused", actor_id=editor.pk).exists()
    assert issubclass(services.HolderChangeRefused, PermissionDenied)


def test_editor_cannot_name_himself_custodian_before_a_card_exists():
    """Without a card, only its future holders may take the other role; another editor may not."""
    source = SourceFactory()
    editor = EditorFactory()
    with pytest.raises(services.HolderChangeRefused):
        services.source_update(source=source, by_user=editor, version=source.version, custodian=editor)
    # A second editor can name him; that is a change by two people, and it is tracked.
    services.source_update(source=source, by_user=EditorFactory(), version=source.version, custodian=editor)
    assert Source.objects.get(pk=source.pk).custodian == editor


def test_editor_acting_alone_never_becomes_a_reader(sealed):
    """The old attack: name yourself custodian, wait for the handler's next edit, read the card.

    The self-naming is refused, and even when another editor names him, the handler's next
    re-seal leaves him out until a holder of the key gives it to him.
    """
    editor = EditorFactory()
    with pytest.raises(services.HolderChangeRefused):
        services.source_update(source=sealed, by_user=editor, version=sealed.version, custodian=editor)
    services.source_update(source=sealed, by_user=EditorFactory(), version=sealed.version, custodian=editor)
    sealed.refresh_from_db()
    services.identity_card_seal(source=sealed, by_user=sealed.handler, **{**CARD, "notes": "new number"})
    assert editor.pk not in _readers(sealed)
    with pytest.raises(NotARecipient):
        _open(sealed, editor)
    # The handler completes the hand-over; from then on the custodian stays a reader.
    assert services.identity_card_share_with_custodian(
        source=sealed, by_user=sealed.handler, request=unlocked_request(sealed.handler)
    )
    assert _open(sealed, editor)["notes"] == "new number"
    services.identity_card_seal(source=sealed, by_user=sealed.handler, **CARD)
    assert _readers(sealed) == {sealed.handler_id, editor.pk}
    assert AuditEntry.objects.filter(action="identity.share_custodian").exists()


def test_only_the_handler_gives_the_custodian_the_key(sealed):
    """Nobody but the handler shares the card with the custodian; not the custodian, not an editor."""
    for user in (sealed.custodian, EditorFactory()):
        with pytest.raises(PermissionDenied):
            services.identity_card_share_with_custodian(
                source=sealed, by_user=user, request=unlocked_request(user)
            )


def test_reseal_after_a_handler_change_waits_for_the_custodian(sealed):
    """A new handler named by an editor is not sealed to by the custodian's next edit, until given the key.

    The old handler is dropped from the re-sealed card.
    """
    old_handler, new_handler = sealed.handler, ReporterFactory()
    services.source_update(
        source=sealed, by_user=EditorFactory(), version=sealed.version, handler=new_handler
    )
    sealed.refresh_from_db()
    services.identity_card_seal(source=sealed, by_user=sealed.custodian, **CARD)
    assert _readers(sealed) == {sealed.custodian_id}
    services.identity_card_share_with_handler(
        source=sealed, by_user=sealed.custodian, request=unlocked_request(sealed.custodian)
    )
    assert _open(sealed, new_handler)["real_name"] == CARD["real_name"]
    assert old_handler.pk not in _readers(sealed)


def test_new_handler_sealing_a_fresh_card_does_not_add_a_keyless_custodian():
    """A holder who writes a new card is a reader of it; a named holder without the old key is not."""
    handler = ReporterFactory()
    source = SourceFactory(handler=handler)
    services.identity_card_seal(source=source, by_user=handler, **CARD)
    custodian = EditorFactory()
    services.source_update(
        source=source, by_user=EditorFactory(), version=source.version, custodian=custodian
    )
    source.refresh_from_db()
    services.identity_card_seal(source=source, by_user=handler, **{**CARD, "notes": "fresh"})
    assert _readers(source) == {handler.pk}


def test_holder_with_the_key_may_take_the_other_role(sealed):
    """The custodian, who holds the key, may make himself handler as well."""
    custodian = sealed.custodian
    services.source_update(source=sealed, by_user=custodian, version=sealed.version, handler=custodian)
    assert Source.objects.get(pk=sealed.pk).handler == custodian


def test_approved_unmasking_lets_an_editor_become_custodian(sealed):
    """After a second editor's approval and a holder sharing the key, the requester may become custodian."""
    requester = EditorFactory()
    request = services.unmask_request_create(source=sealed, by_user=requester, reason="Taking over the desk")
    request = services.unmask_request_decide(unmask_request=request, by_user=EditorFactory(), approve=True)
    services.unmask_key_share(
        unmask_request=request, by_user=sealed.custodian, request=unlocked_request(sealed.custodian)
    )
    services.source_update(source=sealed, by_user=requester, version=sealed.version, custodian=requester)
    assert Source.objects.get(pk=sealed.pk).custodian == requester


def test_custodian_change_is_history_audit_and_alerts_the_holders(sealed):
    """A custodian change is a history row and an audit entry, and alerts the holders, not the actor."""
    editor, new_custodian = EditorFactory(), EditorFactory()
    old_custodian = sealed.custodian
    services.source_update(
        source=sealed, by_user=editor, version=sealed.version, custodian=new_custodian, reason="Desk rota"
    )
    change = SourceChange.objects.get(source=sealed, field=SourceChange.Field.CUSTODIAN)
    assert (change.old_value, change.new_value, change.changed_by, change.reason) == (
        str(old_custodian),
        str(new_custodian),
        editor,
        "Desk rota",
    )
    entry = AuditEntry.objects.get(action="source.custodian", target_id=str(sealed.pk))
    assert entry.data == {"from": str(old_custodian.pk), "to": str(new_custodian.pk)}
    alerts = SourceAlert.objects.filter(source=sealed, kind=SourceAlert.Kind.CUSTODIAN)
    assert set(alerts.values_list("recipient", flat=True)) == {
        sealed.handler_id,
        old_custodian.pk,
        new_custodian.pk,
    }
    # Removing the custodian is tracked too.
    services.source_update(source=sealed, by_user=editor, version=sealed.version, custodian=None)
    removed = SourceChange.objects.filter(source=sealed, field="custodian").last()
    assert (removed.old_value, removed.new_value) == (str(new_custodian), "")


def test_handler_change_alerts_the_holders(sealed):
    """A handler change alerts the old handler, the custodian and the new handler."""
    old_handler, new_handler = sealed.handler, ReporterFactory()
    services.source_update(
        source=sealed, by_user=EditorFactory(), version=sealed.version, handler=new_handler
    )
    alerts = SourceAlert.objects.filter(source=sealed, kind=SourceAlert.Kind.HANDLER)
    assert set(alerts.values_list("recipient", flat=True)) == {
        old_handler.pk,
        new_handler.pk,
        sealed.custodian_id,
    }


def test_edit_form_refuses_self_naming_in_korean(sealed):
    """Through the form, naming yourself custodian is refused with a message in the user's language."""
    editor = EditorFactory()
    client = login(Client(), editor)
    client.cookies["sd_lang"] = "ko"
    response = client.post(
        f"/desk/sources/{sealed.pk}/edit/",
        {
            "pseudonym": sealed.pseudonym,
            "region": sealed.region,
            "channel": sealed.channel,
            "active_since": sealed.active_since.strftime("%Y-%m"),
            "status": sealed.status,
            "grade": sealed.grade,
            "handler": sealed.handler_id,
            "custodian": editor.pk,
            "reason": "",
            "version": sealed.version,
        },
    )
    assert response.status_code == 200
    assert "신원 카드" in response.content.decode()
    assert Source.objects.get(pk=sealed.pk).custodian_id != editor.pk


def test_old_handler_sees_the_alert_without_a_link_and_dismisses_it(sealed):
    """A reporter whose source moved away gets the alert on the source list, with no link, and can dismiss it."""
    old_handler = sealed.handler
    services.source_update(
        source=sealed, by_user=EditorFactory(), version=sealed.version, handler=ReporterFactory()
    )
    client = login(Client(), old_handler)
    client.cookies["sd_lang"] = "en"
    body = client.get("/desk/sources/").content.decode()
    assert "Handler changed" in body and sealed.pseudonym in body
    assert f"/desk/sources/{sealed.pk}/" not in body
    alert = SourceAlert.objects.get(recipient=old_handler)
    assert client.post(f"/desk/sources/alerts/{alert.pk}/read/").status_code == 302
    assert SourceAlert.objects.get(pk=alert.pk).read


def test_source_page_offers_the_handler_to_share_with_a_new_custodian(sealed):
    """When the custodian lacks the key, the page says so and offers the handler the hand-over."""
    services.source_update(
        source=sealed, by_user=EditorFactory(), version=sealed.version, custodian=EditorFactory()
    )
    client = login(Client(), sealed.handler)
    client.cookies["sd_lang"] = "en"
    body = client.get(f"/desk/sources/{sealed.pk}/").content.decode()
    assert "Give the custodian the key" in body
    response = client.post(f"/desk/sources/{sealed.pk}/identity/share-custodian/")
    assert response.status_code == 302
    sealed.refresh_from_db()
    assert sealed.custodian_id in _readers(sealed)
