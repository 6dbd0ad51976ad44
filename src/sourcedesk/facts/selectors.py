"""Permission-checked reads of market facts.

Editors, reporters and translators read observations (translators need the figures to write
the English edition). A source pseudonym is shown only to editors and to the person who logged
the observation: reporters work in compartments, and a pseudonym on a price list must not tell
one handler about another handler's source.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import Http404

from sourcedesk.accounts.roles import Role, has_role

from .convert import MarketRate as RateRecord
from .models import BrokerFee, MarketRate, Price

READ_ROLES = (Role.EDITOR, Role.REPORTER, Role.TRANSLATOR)
WRITE_ROLES = (Role.EDITOR, Role.REPORTER)


def can_read_facts(user) -> bool:
    """Return whether ``user`` may read market facts and use the amount annotator."""
    return has_role(user, *READ_ROLES)


def can_record_facts(user) -> bool:
    """Return whether ``user`` may record observations."""
    return has_role(user, *WRITE_ROLES)


def can_see_pseudonym(user, observation) -> bool:
    """Return whether ``user`` may see which source an observation came from."""
    return has_role(user, Role.EDITOR) or (
        observation.created_by_id is not None and observation.created_by_id == getattr(user, "pk", None)
    )


def _check(user) -> None:
    if not can_read_facts(user):
        raise Http404


def _dated(qs, start: dt.date | None, end: dt.date | None):
    if start:
        qs = qs.filter(observed_on__gte=start)
    if end:
        qs = qs.filter(observed_on__lte=end)
    return qs


def market_rate_list_for_user(
    *, user, city: str = "", start: dt.date | None = None, end: dt.date | None = None
) -> QuerySet[MarketRate]:
    """Return the market rates ``user`` may read, newest first, filtered."""
    _check(user)
    qs = MarketRate.objects.all()
    if city:
        qs = qs.filter(city=city)
    return _dated(qs, start, end)


def price_list_for_user(
    *,
    user,
    item: str = "",
    city: str = "",
    currency: str = "",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> QuerySet[Price]:
    """Return the prices ``user`` may read, newest first, filtered."""
    _check(user)
    qs = Price.objects.all()
    if item:
        qs = qs.filter(item=item)
    if city:
        qs = qs.filter(city=city)
    if currency:
        qs = qs.filter(currency=currency)
    return _dated(qs, start, end)


def broker_fee_list_for_user(
    *, user, service: str = "", start: dt.date | None = None, end: dt.date | None = None
) -> QuerySet[BrokerFee]:
    """Return the broker fees ``user`` may read, newest first, filtered."""
    _check(user)
    qs = BrokerFee.objects.all()
    if service:
        qs = qs.filter(service=service)
    return _dated(qs, start, end)


def to_market_rate(row: MarketRate) -> RateRecord:
    """Return the pure conversion record of a stored market rate."""
    return RateRecord(
        observed_on=row.observed_on,
        city=row.get_city_display(),
        kpw_per_usd=row.kpw_per_usd,
        kpw_per_cny=row.kpw_per_cny,
        source_pseudonym=row.source_pseudonym,
        credibility=row.credibility,
        ident=row.pk,
    )


def market_rates_for_conversion() -> list[RateRecord]:
    """Return every stored market rate as conversion records (for the parser's callers).

    Used inside the desk (story editor, annotator, the ``amounts`` command), never shown to a
    reader as a list.
    """
    return [to_market_rate(row) for row in MarketRate.objects.order_by("observed_on", "pk")]
