"""Desk pages for market facts and the amount annotator: parse input, call one service, render."""

from __future__ import annotations

import csv
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import selectors, services
from .annotate import annotate_details
from .charts import trend_chart_svg
from .convert import DEFAULT_WINDOW_DAYS, ConversionError, convert
from .forms import (
    AnnotateForm,
    BrokerFeeForm,
    FeeFilterForm,
    MarketRateForm,
    PriceFilterForm,
    PriceForm,
    RateFilterForm,
)
from .models import BrokerFee, City, Currency, Item, MarketRate, Price, Service
from .trends import monthly_series

LIST_LIMIT = 100
PAGE_SIZE = 50


def readers_only(view):
    """Refuse (403) anyone who may not read market facts."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not selectors.can_read_facts(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _page(request: HttpRequest, queryset):
    """Return one page of observations (``?page=``) and the query string without the page."""
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = _rows(request.user, page.object_list, 0)
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def _rows(user, queryset, limit=LIST_LIMIT):
    """Return observations with what ``user`` may see and do: pseudonym, removal."""
    rows = list(queryset[:limit]) if limit else list(queryset)
    for row in rows:
        row.shown_pseudonym = row.source_pseudonym if selectors.can_see_pseudonym(user, row) else ""
        row.removable = services.can_remove(actor=user, observation=row)
    return rows


_KINDS: dict[str, type[MarketRate] | type[Price] | type[BrokerFee]] = {
    "rates": MarketRate,
    "prices": Price,
    "fees": BrokerFee,
}


@readers_only
@require_POST
def remove(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model = _KINDS.get(kind)
    observation = model.objects.filter(pk=pk).first() if model else None
    if observation is None:
        raise Http404
    services.observation_remove(actor=request.user, observation=observation)
    messages.success(request, _("Observation removed."))
    return redirect(f"facts:{kind}")


def _record(request, form, service) -> bool:
    if request.method != "POST":
        return False
    if not selectors.can_record_facts(request.user):
        raise PermissionDenied
    if not form.is_valid():
        return False
    try:
        service(actor=request.user, **form.service_kwargs())
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return False
    messages.success(request, _("Observation recorded."))
    return True


def _city_label(code: str) -> str:
    return str(City(code).label) if code in City.values else code


@readers_only
def index(request: HttpRequest) -> HttpResponse:
    latest = []
    for code, label in City.choices:
        row = selectors.market_rate_list_for_user(user=request.user, city=code).first()
        if row is not None:
            latest.append((label, row))
    return render(request, "facts/index.html", {"latest": latest})


@readers_only
@require_http_methods(["GET", "POST"])
def rates(request: HttpRequest) -> HttpResponse:
    filters = RateFilterForm(request.GET or None)
    city = filters.cleaned_data.get("city", "") if filters.is_valid() else ""
    form = MarketRateForm(request.POST or None, user=request.user, initial={"city": city or None})
    if _record(request, form, services.market_rate_record):
        return redirect(request.get_full_path())
    qs = selectors.market_rate_list_for_user(user=request.user, city=city, **filters.period())
    page, page_query = _page(request, qs)
    charts = []
    for field, title, label in (
        ("kpw_per_usd", _("KPW per US dollar"), _("KPW per USD")),
        ("kpw_per_cny", _("KPW per Chinese yuan"), _("KPW per CNY")),
    ):
        points = [
            (row.observed_on, _city_label(row.city), getattr(row, field))
            for row in qs.exclude(**{f"{field}__isnull": True}).only("observed_on", "city", field)
        ]
        svg = trend_chart_svg(
            monthly_series(points), title=title, y_label=label, empty_text=_("No observations yet.")
        )
        charts.append((title, mark_safe(svg)))  # noqa: S308 - built from escaped parts
    context = {
        "filters": filters,
        "form": form,
        "page": page,
        "rows": page.object_list,
        "page_query": page_query,
        "charts": charts,
        "can_record": selectors.can_record_facts(request.user),
        "csv_query": request.GET.urlencode(),
    }
    return render(request, "facts/rates.html", context)


@readers_only
@require_http_methods(["GET", "POST"])
def prices(request: HttpRequest) -> HttpResponse:
    filters = PriceFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    item = data.get("item") or Item.RICE
    currency = data.get("currency") or Currency.KPW
    city = data.get("city") or ""
    form = PriceForm(request.POST or None, user=request.user, initial={"item": item, "city": city or None})
    if _record(request, form, services.price_record):
        return redirect(request.get_full_path())
    qs = selectors.price_list_for_user(
        user=request.user, item=item, city=city, currency=currency, **filters.period()
    )
    page, page_query = _page(request, qs)
    points = [(row.observed_on, _city_label(row.city), row.price) for row in qs]
    title = _("%(item)s price in %(currency)s") % {"item": Item(item).label, "currency": currency}
    svg = trend_chart_svg(
        monthly_series(points), title=title, y_label=currency, empty_text=_("No observations yet.")
    )
    context = {
        "filters": filters,
        "form": form,
        "page": page,
        "rows": page.object_list,
        "page_query": page_query,
        "chart_title": title,
        "chart": mark_safe(svg),  # noqa: S308 - built from escaped parts
        "can_record": selectors.can_record_facts(request.user),
        "csv_query": request.GET.urlencode(),
    }
    return render(request, "facts/prices.html", context)


@readers_only
@require_http_methods(["GET", "POST"])
def fees(request: HttpRequest) -> HttpResponse:
    filters = FeeFilterForm(request.GET or None)
    service = filters.cleaned_data.get("service", "") if filters.is_valid() else ""
    form = BrokerFeeForm(request.POST or None, user=request.user, initial={"service": service or None})
    if _record(request, form, services.broker_fee_record):
        return redirect(request.get_full_path())
    qs = selectors.broker_fee_list_for_user(user=request.user, service=service, **filters.period())
    page, page_query = _page(request, qs)
    market_rates = selectors.market_rates_for_conversion()
    window = int(getattr(settings, "SOURCEDESK_MARKET_RATE_WINDOW_DAYS", DEFAULT_WINDOW_DAYS))
    points = []
    skipped = 0
    for row in qs:
        if row.currency == "USD":
            points.append((row.observed_on, str(Service(row.service).label), row.amount))
            continue
        try:
            converted = convert(
                row.amount,
                row.currency,
                "USD",
                row.observed_on,
                market_rates=market_rates,
                window_days=window,
            )
        except ConversionError:
            skipped += 1
            continue
        points.append((row.observed_on, str(Service(row.service).label), converted.value))
    title = _("Broker fees in US dollars, converted at each observation's date")
    svg = trend_chart_svg(
        monthly_series(points), title=title, y_label="USD", empty_text=_("No observations yet.")
    )
    context = {
        "filters": filters,
        "form": form,
        "page": page,
        "rows": page.object_list,
        "page_query": page_query,
        "chart_title": title,
        "chart": mark_safe(svg),  # noqa: S308 - built from escaped parts
        "skipped": skipped,
        "can_record": selectors.can_record_facts(request.user),
        "csv_query": request.GET.urlencode(),
    }
    return render(request, "facts/fees.html", context)


def _cell(value) -> str:
    """Return ``value`` as a CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def _csv(request, name: str, header: list[str], rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="sourcedesk-{name}-{stamp}.csv"'
    # A byte-order mark makes spreadsheet programs read the Korean correctly.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return response


_PROVENANCE = ["source_pseudonym", "credibility", "report", "notes"]


def _provenance(row) -> list:
    return [row.shown_pseudonym, row.credibility, row.report_id or "", row.notes]


@readers_only
def rates_csv(request: HttpRequest) -> HttpResponse:
    filters = RateFilterForm(request.GET or None)
    city = filters.cleaned_data.get("city", "") if filters.is_valid() else ""
    rows = _rows(
        request.user, selectors.market_rate_list_for_user(user=request.user, city=city, **filters.period()), 0
    )
    return _csv(
        request,
        "market-rates",
        ["observed_on", "city", "kpw_per_usd", "kpw_per_cny", *_PROVENANCE],
        ([r.observed_on, r.city, r.kpw_per_usd, r.kpw_per_cny, *_provenance(r)] for r in rows),
    )


@readers_only
def prices_csv(request: HttpRequest) -> HttpResponse:
    filters = PriceFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    qs = selectors.price_list_for_user(
        user=request.user,
        item=data.get("item") or "",
        city=data.get("city") or "",
        currency=data.get("currency") or "",
        **filters.period(),
    )
    return _csv(
        request,
        "prices",
        ["observed_on", "city", "item", "unit", "price", "currency", *_PROVENANCE],
        (
            [r.observed_on, r.city, r.item, r.unit, r.price, r.currency, *_provenance(r)]
            for r in _rows(request.user, qs, 0)
        ),
    )


@readers_only
def fees_csv(request: HttpRequest) -> HttpResponse:
    filters = FeeFilterForm(request.GET or None)
    service = filters.cleaned_data.get("service", "") if filters.is_valid() else ""
    qs = selectors.broker_fee_list_for_user(user=request.user, service=service, **filters.period())
    return _csv(
        request,
        "broker-fees",
        ["observed_on", "route", "service", "amount", "currency", *_PROVENANCE],
        (
            [r.observed_on, r.route, r.service, r.amount, r.currency, *_provenance(r)]
            for r in _rows(request.user, qs, 0)
        ),
    )


@readers_only
@require_http_methods(["GET", "POST"])
def annotate(request: HttpRequest) -> HttpResponse:
    language = "ko" if (get_language() or "ko").startswith("ko") else "en"
    form = AnnotateForm(
        request.POST or None,
        initial={"language": language, "on_date": timezone.localdate(), "to": "USD"},
    )
    result = None
    records: list = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result, records = annotate_details(
            data["text"],
            language=data["language"],
            on_date=data["on_date"],
            to=data["to"],
            market_rates=selectors.market_rates_for_conversion(),
        )
    return render(
        request,
        "facts/annotate.html",
        {"form": form, "result": result, "records": [_describe(r) for r in records]},
    )


_SKIP_REASONS = {
    "annotated": gettext_noop("Already annotated."),
    "ambiguous_currency": gettext_noop("The text does not say which currency this is."),
    "same_currency": gettext_noop("Already in the target currency."),
    "too_large": gettext_noop("Too large to be real; not converted."),
    "future_date": gettext_noop("The date is in the future; no rate exists yet."),
    "before_rates": gettext_noop("The date is before the official rates begin."),
    "after_rates": gettext_noop("No official rate near this date."),
    "no_market_rate": gettext_noop("No market-rate observation near this date; KPW is not converted."),
    "unknown_currency": gettext_noop("No rates for this currency."),
}


def _describe(record) -> dict:
    """Return what the annotator did to one amount, in the reader's language."""
    reason = _SKIP_REASONS.get(record.skipped, "")
    conversion = record.conversion
    return {
        "text": record.amount.text,
        "currency": record.amount.currency or "?",
        "value": record.amount.value,
        "inserted": record.inserted.strip(),
        "reason": _(reason) if reason else "",  # noqa: INT001 - marked with gettext_noop
        "rate": conversion.rate if conversion else None,
        "rate_date": conversion.rate_date if conversion else None,
        "source": (
            (_("ECB reference rate") if conversion.rate_source == "ecb" else _("Desk market rate"))
            if conversion
            else ""
        ),
        "market_rate": conversion.market_rate if conversion else None,
    }
