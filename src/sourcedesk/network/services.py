"""Writes to the source network. Each function is one workflow step: check, change, audit."""

from __future__ import annotations

import json
import secrets
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from sourcedesk.accounts.roles import Role, has_role
from sourcedesk.audit.services import audit_record

from .locking import save_versioned
from .models import (
    PSEUDONYM_PREFIX,
    IdentityCard,
    Source,
    SourceAlert,
    SourceChange,
    SourceStatus,
    UnmaskRequest,
)
from .selectors import identity_card_holders, unmask_request_open_for

IDENTITY_PURPOSE = "network.identity"


class SourceHasReportsError(Exception):
    """A source with reports cannot be deleted; archive it instead."""


class HolderChangeRefused(PermissionDenied):
    """Someone tried to make themselves handler or custodian of a card whose key they do not hold."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "You cannot make yourself the handler or custodian of a source whose identity card "
                "you do not hold. Request unmasking first, or ask another editor to make this change."
            )
        )


def _require_source_editor(*, user, source: Source | None = None) -> None:
    if has_role(user, Role.EDITOR):
        return
    if has_role(user, Role.REPORTER) and (source is None or source.handler_id == user.pk):
        return
    raise PermissionDenied


def _check_handler(handler) -> None:
    if not has_role(handler, Role.REPORTER, Role.EDITOR):
        raise ValidationError(_("A handler must be a reporter or an editor."))


def pseudonym_generate(*, region: str) -> str:
    """Return an unused pseudonym for ``region``: its prefix and a random number (e.g. 양강-17).

    The number is random, not sequential, so a pseudonym does not tell when a source was
    recruited or how many a region has.
    """
    prefix = PSEUDONYM_PREFIX.get(region, "기타")  # type: ignore[call-overload]
    for digits in (2, 3, 4, 5):
        for _attempt in range(20):
            candidate = f"{prefix}-{secrets.randbelow(9 * 10 ** (digits - 1)) + 10 ** (digits - 1)}"
            if not Source.objects.filter(pseudonym=candidate).exists():
                return candidate
    raise RuntimeError("no free pseudonym")  # pragma: no cover


def _month(day: date) -> date:
    return day.replace(day=1)


@transaction.atomic
def source_register(
    *,
    by_user,
    handler,
    region: str,
    channel: str,
    active_since: date,
    grade: str = "F",
    status: str = SourceStatus.ACTIVE,
    pseudonym: str = "",
    custodian=None,
) -> Source:
    """Register a new source under a pseudonym; a reporter can only register their own."""
    is_own = has_role(by_user, Role.REPORTER) and handler.pk == by_user.pk
    if not has_role(by_user, Role.EDITOR) and not is_own:
        raise PermissionDenied
    _check_handler(handler)
    if custodian is not None and not has_role(custodian, Role.EDITOR):
        raise ValidationError(_("A custodian must be an editor."))
    pseudonym = pseudonym.strip() or pseudonym_generate(region=region)
    if Source.objects.filter(pseudonym=pseudonym).exists():
        raise ValidationError(_("This pseudonym is already taken."))
    source = Source.objects.create(
        pseudonym=pseudonym,
        handler=handler,
        custodian=custodian,
        region=region,
        channel=channel,
        active_since=_month(active_since),
        grade=grade,
        status=status,
    )
    source.full_clean()
    SourceChange.objects.create(
        source=source,
        field=SourceChange.Field.GRADE,
        old_value="",
        new_value=grade,
        reason="",
        changed_by=by_user,
    )
    audit_record(
        actor=by_user,
        action="source.register",
        target=source,
        data={"pseudonym": pseudonym, "grade": grade, "status": status, "handler": handler.pk},
    )
    return source


def _notify_compromised(*, source: Source, by_user) -> None:
    editors = get_user_model().objects.filter(role=Role.EDITOR, is_active=True)
    SourceAlert.objects.bulk_create(
        SourceAlert(source=source, recipient=editor, kind=SourceAlert.Kind.COMPROMISED, raised_by=by_user)
        for editor in editors
    )


def _notify_holders(*, source: Source, by_user, kind: str, people) -> None:
    """Alert ``people`` (the card's holders before and after a change) except the one who made it."""
    recipients = {person.pk: person for person in people if person is not None and person.is_active}
    recipients.pop(by_user.pk, None)
    SourceAlert.objects.bulk_create(
        SourceAlert(source=source, recipient=person, kind=kind, raised_by=by_user)
        for person in recipients.values()
    )


def _holds_card_key(*, source: Source, user) -> bool:
    """Return whether ``user`` holds the key of ``source``'s identity card right now.

    With a card, that is a wrapped key in its envelope (the handler or custodian who was sealed
    to or given it, or an editor given it after an approved unmasking). Without a card there is
    no key yet, and the handler and custodian are its holders.
    """
    card = IdentityCard.objects.filter(source=source).select_related("envelope").first()
    if card is None:
        return user.pk in identity_card_holders(source=source)
    return any(reader.pk == user.pk for reader in _vault().envelope_readers(envelope=card.envelope))


def _holders_of(source: Source) -> list[Any]:
    """Return the handler and, if named, the custodian: the card's holders by right."""
    return [source.handler] + ([source.custodian] if source.custodian is not None else [])


def _person_label(person) -> str:
    return str(person)[:40] if person is not None else ""


def _person_id(person) -> str:
    return str(person.pk) if person is not None else ""


def source_update(
    *,
    source: Source,
    by_user,
    version: int,
    reason: str = "",
    request: HttpRequest | None = None,
    **changes: Any,
) -> Source:
    """Save changes to ``source`` read at ``version``; grade and status changes need a reason.

    Only editors change the grade, the handler or the custodian; a handler may change the rest.
    Nobody makes themselves handler or custodian of a source whose identity card key they do not
    hold (:class:`HolderChangeRefused`): that would let one editor read the card at its next
    sealing without the two-person rule. Grade, status, handler and custodian changes become
    history rows and audit entries; a handler or custodian change alerts the card's holders,
    and marking a source compromised alerts every editor. A handler change of a source promoted
    from the portal also moves the portal conversation to the new handler (``request`` carries
    the editor's unlocked key, which re-wraps the conversation's items). Raise
    ``StaleObjectError`` if someone saved first.
    """
    try:
        return _source_update(
            source=source, by_user=by_user, version=version, reason=reason, request=request, **changes
        )
    except HolderChangeRefused:
        # Kept outside the refused change's transaction, like a refused opening of the card.
        audit_record(actor=by_user, action="source.holder_refused", target=source)
        raise


@transaction.atomic
def _source_update(
    *, source: Source, by_user, version: int, reason: str, request: HttpRequest | None, **changes: Any
) -> Source:
    _require_source_editor(user=by_user, source=source)
    allowed = {"pseudonym", "region", "channel", "active_since", "status"}
    if has_role(by_user, Role.EDITOR):
        allowed |= {"grade", "handler", "custodian"}
    unknown = set(changes) - allowed
    if unknown:
        raise PermissionDenied
    old = {name: getattr(source, name) for name in changes}
    people = ("handler", "custodian")
    tracked = {
        "grade": SourceChange.Field.GRADE,
        "status": SourceChange.Field.STATUS,
        "handler": SourceChange.Field.HANDLER,
        "custodian": SourceChange.Field.CUSTODIAN,
    }
    changed = [name for name, value in changes.items() if value != old[name]]
    if any(name in ("grade", "status") for name in changed) and not reason.strip():
        raise ValidationError(_("Say why the reliability or status changes."))
    if "handler" in changes:
        _check_handler(changes["handler"])
    if changes.get("custodian") is not None and not has_role(changes["custodian"], Role.EDITOR):
        raise ValidationError(_("A custodian must be an editor."))
    takes_card = any(
        name in changed and changes[name] is not None and changes[name].pk == by_user.pk for name in people
    )
    if takes_card and not _holds_card_key(source=source, user=by_user):
        raise HolderChangeRefused
    if "handler" in changed and source.portal_source_id and request is None:
        raise ValueError("moving a portal conversation needs the editor's request (unlocked key)")
    holders_before = _holders_of(source)
    if "pseudonym" in changes:
        changes["pseudonym"] = changes["pseudonym"].strip()
        if Source.objects.filter(pseudonym=changes["pseudonym"]).exclude(pk=source.pk).exists():
            raise ValidationError(_("This pseudonym is already taken."))
    if "active_since" in changes:
        changes["active_since"] = _month(changes["active_since"])
    for name, value in changes.items():
        setattr(source, name, value)
    save_versioned(instance=source, expected_version=version, fields=changes.keys())
    for name in changed:
        if name not in tracked:
            continue
        if name in people:
            # The history shows people by name; the audit entry keeps their ids.
            shown = (_person_label(old[name]), _person_label(changes[name]))
            logged = (_person_id(old[name]), _person_id(changes[name]))
        else:
            shown = logged = (str(old[name]), str(changes[name]))
        SourceChange.objects.create(
            source=source,
            field=tracked[name],
            old_value=shown[0][:40],
            new_value=shown[1][:40],
            reason=reason.strip(),
            changed_by=by_user,
        )
        audit_record(
            actor=by_user,
            action=f"source.{name}",
            target=source,
            data={"from": logged[0], "to": logged[1]},
        )
    other = [name for name in changed if name not in tracked]
    if other:
        audit_record(actor=by_user, action="source.update", target=source, data={"fields": sorted(other)})
    holders_after = _holders_of(source)
    for name in people:
        if name in changed:
            _notify_holders(source=source, by_user=by_user, kind=name, people=holders_before + holders_after)
    if "handler" in changed and source.portal_source_id:
        _move_portal_conversation(source=source, by_user=by_user, request=request)
    if "status" in changed and source.status == SourceStatus.COMPROMISED:
        _notify_compromised(source=source, by_user=by_user)
    return source


def _move_portal_conversation(*, source: Source, by_user, request) -> None:
    """Make the portal conversation of ``source`` its new handler's, and no longer the old one's.

    The portal's own service re-wraps every item to the new handler; the portal source's handler
    decides who sees it in the inbox and who new messages are sealed to, so the previous handler
    drops out of both.
    """
    from sourcedesk.portal.models import PortalSource
    from sourcedesk.portal.services import source_assign_handler

    portal_source = PortalSource.objects.select_for_update().get(network_source=source)
    shared = source_assign_handler(
        source=portal_source, handler=source.handler, by_user=by_user, request=request
    )
    source.portal_source = portal_source
    audit_record(
        actor=by_user,
        action="source.portal_handler",
        target=source,
        data={"portal_source": portal_source.pk, "handler": source.handler_id, "items_shared": shared},
    )


@transaction.atomic
def source_archive(*, source: Source, by_user, archived: bool = True) -> Source:
    """Archive (or restore) ``source``: it leaves the lists, its history and reports stay."""
    _require_source_editor(user=by_user, source=source)
    Source.objects.filter(pk=source.pk).update(archived=archived, version=source.version + 1)
    source.archived = archived
    source.version += 1
    audit_record(actor=by_user, action="source.archive" if archived else "source.restore", target=source)
    return source


@transaction.atomic
def source_delete(*, source: Source, by_user) -> None:
    """Delete a source that has no reports; its sealed identity card is destroyed with it.

    Raise :class:`SourceHasReportsError` if any report cites it: the desk's record must not lose
    where its information came from, so such a source can only be archived.
    """
    if not has_role(by_user, Role.EDITOR):
        raise PermissionDenied
    if source.reports.exists():
        raise SourceHasReportsError
    card = IdentityCard.objects.filter(source=source).select_related("envelope").first()
    pseudonym = source.pseudonym
    audit_record(actor=by_user, action="source.delete", target=source, data={"pseudonym": pseudonym})
    if card is not None:
        envelope = card.envelope
        card.delete()
        _vault().envelope_destroy(envelope=envelope, actor=by_user, reason="source deleted")
    source.delete()


@transaction.atomic
def alert_mark_read(*, alert: SourceAlert, by_user) -> None:
    """Mark ``by_user``'s own alert read."""
    if alert.recipient_id != by_user.pk:
        raise Http404
    SourceAlert.objects.filter(pk=alert.pk).update(read=True)


# --- Sealed identity cards -----------------------------------------------------------------


def _vault():
    from sourcedesk.vault import services as vault_services

    return vault_services


def _card_bytes(*, real_name: str, contact_plan: str, notes: str) -> bytes:
    return json.dumps(
        {"real_name": real_name, "contact_plan": contact_plan, "notes": notes}, ensure_ascii=False
    ).encode("utf-8")


@transaction.atomic
def identity_card_seal(
    *, source: Source, by_user, real_name: str, contact_plan: str, notes: str = ""
) -> IdentityCard:
    """Seal ``source``'s identity card to its handler and custodian, replacing any earlier one.

    Only the handler or the custodian writes the card. A first card is sealed to both. A
    replacement is sealed to the writer and to those of the handler and custodian who already
    hold the old card's key: someone newly named handler or custodian becomes a reader only when
    a holder gives them the key (:func:`identity_card_share_with_handler`,
    :func:`identity_card_share_with_custodian`), never by an editor naming them alone.
    Replacing the card drops anyone who was given the key for an unmasking, and destroys the
    old envelope's keys.
    """
    if by_user.pk not in identity_card_holders(source=source):
        raise PermissionDenied
    vault = _vault()
    holders = _holders_of(source)
    current = IdentityCard.objects.filter(source=source).select_related("envelope").first()
    if current is None:
        recipients = holders
    else:
        readers = {reader.pk for reader in vault.envelope_readers(envelope=current.envelope)}
        recipients = [person for person in holders if person.pk == by_user.pk or person.pk in readers]
    envelope = vault.envelope_seal(
        plaintext=_card_bytes(real_name=real_name, contact_plan=contact_plan, notes=notes),
        recipients=recipients,
        purpose=IDENTITY_PURPOSE,
    )
    card = IdentityCard.objects.select_for_update().filter(source=source).first()
    old_envelope = None
    if card is None:
        card = IdentityCard.objects.create(source=source, envelope=envelope, sealed_by=by_user)
    else:
        old_envelope = card.envelope
        card.envelope = envelope
        card.sealed_by = by_user
        card.save()
    if old_envelope is not None:
        vault.envelope_destroy(envelope=old_envelope, actor=by_user, reason="identity card replaced")
    UnmaskRequest.objects.filter(source=source, key_shared=True).update(key_shared=False)
    audit_record(actor=by_user, action="identity.seal", target=source)
    return card


def identity_card_open(*, source: Source, user, request: HttpRequest, reason: str) -> dict[str, str]:
    """Return the opened identity card of ``source`` for ``user``; every opening is audited.

    The handler and the custodian open it with a reason. Anyone else (an editor) needs an
    approved unmasking request, decided by a second editor; the approval is spent on opening.
    Raise ``PermissionDenied`` otherwise, and ``Http404`` if the source has no card.
    """
    if not reason.strip():
        raise ValidationError(_("Say why you open the identity card."))
    unmask = None
    if user.pk not in identity_card_holders(source=source):
        if not has_role(user, Role.EDITOR):
            raise PermissionDenied
        unmask = unmask_request_open_for(user=user, source=source)
        if unmask is None or not unmask.key_shared:
            audit_record(actor=user, action="identity.open_refused", target=source)
            raise PermissionDenied
    card = IdentityCard.objects.filter(source=source).select_related("envelope").first()
    if card is None:
        raise Http404
    plaintext = _vault().envelope_open(envelope=card.envelope, user=user, request=request)
    with transaction.atomic():
        if unmask is not None:
            UnmaskRequest.objects.filter(pk=unmask.pk).update(status=UnmaskRequest.Status.USED)
        audit_record(
            actor=user,
            action="identity.open",
            target=source,
            data={"reason": reason.strip()[:500], "unmask_request": unmask.pk if unmask else None},
        )
    data = json.loads(plaintext.decode("utf-8"))
    return {key: str(data.get(key, "")) for key in ("real_name", "contact_plan", "notes")}


@transaction.atomic
def unmask_request_create(*, source: Source, by_user, reason: str) -> UnmaskRequest:
    """Ask to open ``source``'s identity card; only editors who do not hold it need to ask."""
    if not has_role(by_user, Role.EDITOR) or by_user.pk in identity_card_holders(source=source):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Say why you need to see this source's identity."))
    request = UnmaskRequest.objects.create(source=source, requested_by=by_user, reason=reason.strip())
    audit_record(actor=by_user, action="unmask.request", target=source, data={"request": request.pk})
    return request


@transaction.atomic
def unmask_request_decide(
    *, unmask_request: UnmaskRequest, by_user, approve: bool, note: str = ""
) -> UnmaskRequest:
    """Approve or deny an unmasking request: a second editor, never the requester."""
    if not has_role(by_user, Role.EDITOR) or by_user.pk == unmask_request.requested_by_id:
        raise PermissionDenied
    locked = UnmaskRequest.objects.select_for_update().get(pk=unmask_request.pk)
    if locked.status != UnmaskRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    locked.status = UnmaskRequest.Status.APPROVED if approve else UnmaskRequest.Status.DENIED
    locked.decided_by = by_user
    locked.decision_note = note.strip()
    locked.decided_at = timezone.now()
    locked.save()
    audit_record(
        actor=by_user,
        action="unmask.approve" if approve else "unmask.deny",
        target=locked.source,
        data={"request": locked.pk, "requested_by": locked.requested_by_id},
    )
    return locked


@transaction.atomic
def unmask_key_share(*, unmask_request: UnmaskRequest, by_user, request: HttpRequest) -> UnmaskRequest:
    """Give an approved requester the card's key; only a holder of the key can.

    The key stays with the requester until the card is next sealed (any edit re-seals it to the
    handler and custodian only); the application lets them open it once.
    """
    source = unmask_request.source
    if by_user.pk not in identity_card_holders(source=source):
        raise PermissionDenied
    if unmask_request.status != UnmaskRequest.Status.APPROVED:
        raise ValidationError(_("Only an approved request can be given the key."))
    card = IdentityCard.objects.filter(source=source).select_related("envelope").first()
    if card is None:
        raise Http404
    _vault().envelope_add_recipient(
        envelope=card.envelope, by_user=by_user, request=request, recipient=unmask_request.requested_by
    )
    UnmaskRequest.objects.filter(pk=unmask_request.pk).update(key_shared=True)
    unmask_request.key_shared = True
    audit_record(actor=by_user, action="unmask.share", target=source, data={"request": unmask_request.pk})
    return unmask_request


# --- Portal sources --------------------------------------------------------------------------


@transaction.atomic
def source_promote(
    *,
    portal_source,
    by_user,
    request: HttpRequest,
    handler,
    region: str,
    active_since: date,
    grade: str = "F",
    pseudonym: str = "",
) -> Source:
    """Promote a portal submitter to a network source with a handler; editors only.

    The handler becomes a recipient of everything the portal source sent or was sent (through
    the portal's own service, which re-wraps each item key), and the new source remembers where
    it came from. A portal source is promoted at most once.
    """
    from sourcedesk.portal.services import source_assign_handler

    if not has_role(by_user, Role.EDITOR):
        raise PermissionDenied
    if Source.objects.filter(portal_source=portal_source).exists():
        raise ValidationError(_("This portal source is already in the network."))
    source = source_register(
        by_user=by_user,
        handler=handler,
        region=region,
        channel="portal",
        active_since=active_since,
        grade=grade,
        pseudonym=pseudonym,
    )
    Source.objects.filter(pk=source.pk).update(portal_source=portal_source)
    source.portal_source = portal_source
    shared = source_assign_handler(source=portal_source, handler=handler, by_user=by_user, request=request)
    audit_record(
        actor=by_user,
        action="source.promote",
        target=source,
        data={"portal_source": portal_source.pk, "items_shared": shared},
    )
    return source


@transaction.atomic
def identity_card_share_with_handler(*, source: Source, by_user, request: HttpRequest) -> bool:
    """Give a new handler the identity card's key; only the custodian, who holds it, can.

    A handler change does not re-seal the card (the editor making the change usually cannot open
    it), so the custodian completes the hand-over. Return False if the handler already had it.
    """
    if not source.custodian_id or by_user.pk != source.custodian_id:
        raise PermissionDenied
    card = IdentityCard.objects.filter(source=source).select_related("envelope").first()
    if card is None:
        raise Http404
    shared = _vault().envelope_add_recipient(
        envelope=card.envelope, by_user=by_user, request=request, recipient=source.handler
    )
    if shared:
        audit_record(
            actor=by_user, action="identity.share_handler", target=source, data={"handler": source.handler_id}
        )
    return shared


@transaction.atomic
def identity_card_share_with_custodian(*, source: Source, by_user, request: HttpRequest) -> bool:
    """Give a newly named custodian the identity card's key; only the handler, holding it, can.

    Naming a custodian does not give them the key (whoever names them may not hold it), and a
    re-seal does not add them either, so the handler completes the hand-over. Return False if
    the custodian already had it.
    """
    if not source.custodian_id or by_user.pk != source.handler_id:
        raise PermissionDenied
    card = IdentityCard.objects.filter(source=source).select_related("envelope").first()
    if card is None:
        raise Http404
    shared = _vault().envelope_add_recipient(
        envelope=card.envelope, by_user=by_user, request=request, recipient=source.custodian
    )
    if shared:
        audit_record(
            actor=by_user,
            action="identity.share_custodian",
            target=source,
            data={"custodian": source.custodian_id},
        )
    return shared
