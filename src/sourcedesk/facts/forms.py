"""Forms for recording observations, filtering lists and annotating amounts."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sourcedesk.desk.models import Credibility

from .models import BrokerFee, City, Currency, Item, MarketRate, Price, Service

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Rates outside these bounds are typing mistakes, not markets (KPW per USD has been 100-40,000).
RATE_BOUNDS = {
    "kpw_per_usd": (Decimal(50), Decimal(1_000_000)),
    "kpw_per_cny": (Decimal(5), Decimal(200_000)),
}
ANNOTATE_CURRENCIES = ["USD", "KRW", "CNY", "EUR", "JPY", "KPW"]


class ObservationForm(forms.ModelForm):
    """Shared fields: the report it came from (by number) or a pseudonym and a grade."""

    report_number = forms.IntegerField(
        label=_("Report number"),
        required=False,
        min_value=1,
        help_text=_("When given, the source pseudonym and credibility are taken from the report."),
    )
    credibility = forms.TypedChoiceField(
        label=_("Credibility"), choices=Credibility.choices, coerce=int, initial=Credibility.CANNOT_JUDGE
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["observed_on"].widget = DATE_WIDGET
        self.fields["observed_on"].initial = timezone.localdate
        self.fields["notes"].widget = forms.TextInput()
        self.report = None

    def clean_observed_on(self):
        value = self.cleaned_data["observed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("An observation cannot be dated in the future."))
        return value

    def clean_report_number(self):
        number = self.cleaned_data.get("report_number")
        if not number:
            return None
        from sourcedesk.desk.selectors import report_get_for_user

        try:
            self.report = report_get_for_user(user=self.user, pk=number)
        except Http404:
            raise forms.ValidationError(_("No report with this number that you can open.")) from None
        return number

    def service_kwargs(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self._meta.fields or ()}
        data["report"] = self.report
        data["credibility"] = self.cleaned_data["credibility"]
        return data


class MarketRateForm(ObservationForm):
    class Meta:
        model = MarketRate
        fields = ["observed_on", "city", "kpw_per_usd", "kpw_per_cny", "source_pseudonym", "notes"]

    def clean(self):
        data = super().clean()
        if data.get("kpw_per_usd") is None and data.get("kpw_per_cny") is None:
            raise forms.ValidationError(_("Give the rate for USD, for CNY, or both."))
        for name, (low, high) in RATE_BOUNDS.items():
            value = data.get(name)
            if value is not None and not low <= value <= high:
                self.add_error(
                    name,
                    _("%(value)s is outside the plausible range %(low)s–%(high)s; check the figure.")
                    % {"value": value, "low": f"{low:,}", "high": f"{high:,}"},
                )
        return data


class PriceForm(ObservationForm):
    class Meta:
        model = Price
        fields = ["observed_on", "city", "item", "unit", "price", "currency", "source_pseudonym", "notes"]


class BrokerFeeForm(ObservationForm):
    class Meta:
        model = BrokerFee
        fields = ["observed_on", "route", "service", "amount", "currency", "source_pseudonym", "notes"]


def _blank(choices, label):
    return [("", label), *choices]


class PeriodForm(forms.Form):
    """From and to dates shared by the list filters (both optional)."""

    start = forms.DateField(label=_("From"), required=False, widget=DATE_WIDGET)
    end = forms.DateField(label=_("To"), required=False, widget=DATE_WIDGET)

    def period(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {"start": data.get("start"), "end": data.get("end")}


class RateFilterForm(PeriodForm):
    city = forms.ChoiceField(label=_("City"), required=False, choices=_blank(City.choices, _("All cities")))


class PriceFilterForm(PeriodForm):
    item = forms.ChoiceField(label=_("Item"), required=False, choices=Item.choices, initial=Item.RICE)
    city = forms.ChoiceField(label=_("City"), required=False, choices=_blank(City.choices, _("All cities")))
    currency = forms.ChoiceField(
        label=_("Currency"), required=False, choices=Currency.choices, initial=Currency.KPW
    )


class FeeFilterForm(PeriodForm):
    service = forms.ChoiceField(
        label=_("Service"), required=False, choices=_blank(Service.choices, _("All services"))
    )


class AnnotateForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}), max_length=50_000)
    language = forms.ChoiceField(label=_("Style"), choices=[("ko", _("Korean")), ("en", _("English"))])
    on_date = forms.DateField(
        label=_("Date of the story"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Amounts are converted at this date's rates; empty means the latest rates."),
    )
    to = forms.ChoiceField(label=_("Convert to"), choices=[(c, c) for c in ANNOTATE_CURRENCIES])
