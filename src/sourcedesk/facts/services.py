"""Recording market facts. Each write checks the actor, records the observation and audits it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sourcedesk.audit.services import audit_record

from .models import BrokerFee, MarketRate, Price
from .selectors import can_record_facts


def _provenance(*, actor, report, source_pseudonym: str, credibility: int) -> tuple[str, int]:
    """Return the pseudonym and credibility to store: the report's, when one is linked."""
    if report is not None:
        from sourcedesk.desk.selectors import report_get_for_user

        # Raises Http404 when the actor cannot see the report: the same as a missing one.
        report = report_get_for_user(user=actor, pk=report.pk)
        return report.source.pseudonym, int(report.credibility)
    if not 1 <= int(credibility) <= 6:
        raise ValidationError(_("Credibility runs from 1 to 6."))
    return source_pseudonym.strip(), int(credibility)


def _check(*, actor, observed_on: dt.date) -> None:
    if not can_record_facts(actor):
        raise PermissionDenied
    if observed_on > timezone.localdate():
        raise ValidationError(_("An observation cannot be dated in the future."))


@transaction.atomic
def market_rate_record(
    *,
    actor,
    observed_on: dt.date,
    city: str,
    kpw_per_usd: Decimal | None,
    kpw_per_cny: Decimal | None,
    report=None,
    source_pseudonym: str = "",
    credibility: int = 6,
    notes: str = "",
) -> MarketRate:
    """Record what one USD and one CNY fetched in KPW in ``city`` on ``observed_on``."""
    _check(actor=actor, observed_on=observed_on)
    if kpw_per_usd is None and kpw_per_cny is None:
        raise ValidationError(_("Give the rate for USD, for CNY, or both."))
    pseudonym, grade = _provenance(
        actor=actor, report=report, source_pseudonym=source_pseudonym, credibility=credibility
    )
    rate = MarketRate(
        observed_on=observed_on,
        city=city,
        kpw_per_usd=kpw_per_usd,
        kpw_per_cny=kpw_per_cny,
        report=report,
        source_pseudonym=pseudonym,
        credibility=grade,
        notes=notes.strip(),
        created_by=actor,
    )
    rate.full_clean()
    rate.save()
    audit_record(actor=actor, action="facts.market_rate.record", target=rate, data={"city": city})
    return rate


@transaction.atomic
def price_record(
    *,
    actor,
    observed_on: dt.date,
    city: str,
    item: str,
    unit: str,
    price: Decimal,
    currency: str,
    report=None,
    source_pseudonym: str = "",
    credibility: int = 6,
    notes: str = "",
) -> Price:
    """Record the price of ``item`` per ``unit`` in ``city`` on ``observed_on``."""
    _check(actor=actor, observed_on=observed_on)
    pseudonym, grade = _provenance(
        actor=actor, report=report, source_pseudonym=source_pseudonym, credibility=credibility
    )
    row = Price(
        observed_on=observed_on,
        city=city,
        item=item,
        unit=unit,
        price=price,
        currency=currency,
        report=report,
        source_pseudonym=pseudonym,
        credibility=grade,
        notes=notes.strip(),
        created_by=actor,
    )
    row.full_clean()
    row.save()
    audit_record(actor=actor, action="facts.price.record", target=row, data={"item": item, "city": city})
    return row


@transaction.atomic
def broker_fee_record(
    *,
    actor,
    observed_on: dt.date,
    route: str,
    service: str,
    amount: Decimal,
    currency: str,
    report=None,
    source_pseudonym: str = "",
    credibility: int = 6,
    notes: str = "",
) -> BrokerFee:
    """Record what a broker asked or was paid for ``service`` on ``route``."""
    _check(actor=actor, observed_on=observed_on)
    pseudonym, grade = _provenance(
        actor=actor, report=report, source_pseudonym=source_pseudonym, credibility=credibility
    )
    row = BrokerFee(
        observed_on=observed_on,
        route=route.strip(),
        service=service,
        amount=amount,
        currency=currency,
        report=report,
        source_pseudonym=pseudonym,
        credibility=grade,
        notes=notes.strip(),
        created_by=actor,
    )
    row.full_clean()
    row.save()
    audit_record(actor=actor, action="facts.broker_fee.record", target=row, data={"service": service})
    return row


def can_remove(*, actor, observation) -> bool:
    """Return whether ``actor`` may remove ``observation``: an editor, or whoever recorded it."""
    from sourcedesk.accounts.roles import Role, has_role

    return has_role(actor, Role.EDITOR) or (
        can_record_facts(actor) and observation.created_by_id == getattr(actor, "pk", None)
    )


@transaction.atomic
def observation_remove(*, actor, observation: MarketRate | Price | BrokerFee) -> None:
    """Remove a mistaken observation; the audit log keeps that it existed and who removed it."""
    if not can_remove(actor=actor, observation=observation):
        raise PermissionDenied
    label = observation._meta.label_lower
    pk = observation.pk
    observation.delete()
    audit_record(actor=actor, action="facts.observation.remove", data={"model": label, "id": pk})
