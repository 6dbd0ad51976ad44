"""Forms for reports and claims. Every message is translated; nothing here writes."""

from __future__ import annotations

from datetime import date
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sourcedesk.network.models import Region

from .models import ClaimStatus, Credibility, Language, Precision

EVENT_FORMATS = {
    Precision.YEAR: ("YYYY", 1),
    Precision.MONTH: ("YYYY-MM", 2),
    Precision.DAY: ("YYYY-MM-DD", 3),
}


class ReportForm(forms.Form):
    source: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Source"), queryset=None)
    received_on = forms.DateField(label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"}))
    event_date = forms.CharField(
        label=_("Event date"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"placeholder": "2024 / 2024-10 / 2024-10-03", "inputmode": "numeric"}),
    )
    event_precision = forms.ChoiceField(
        label=_("Known to the"), choices=Precision.choices, initial=Precision.DAY
    )
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("Same as the source"))] + Region.choices
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices, initial=Language.KO)
    text = forms.CharField(label=_("Report"), widget=forms.Textarea(attrs={"rows": 10}))
    credibility = forms.TypedChoiceField(
        label=_("Credibility"), choices=Credibility.choices, coerce=int, initial=Credibility.CANNOT_JUDGE
    )
    first_hand = forms.BooleanField(label=_("First-hand (the source saw it)"), required=False)
    tags = forms.CharField(label=_("Tags"), required=False, max_length=300)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # Above this many sources (an editor's view of a large network) a select would list them all;
    # the pseudonym is typed instead.
    MAX_SOURCE_OPTIONS = 200

    def __init__(self, *args, sources, editing: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["source"]
            return
        field = cast(forms.ModelChoiceField, self.fields["source"])
        field.queryset = sources
        if sources.count() > self.MAX_SOURCE_OPTIONS:
            field.to_field_name = "pseudonym"
            field.widget = forms.TextInput(attrs={"autocomplete": "off", "placeholder": "양강-17"})
            field.help_text = _("Type the source's pseudonym.")

    def clean(self):
        data = super().clean()
        raw = (data.get("event_date") or "").strip()
        precision = data.get("event_precision")
        data["event_on"] = None
        if raw and precision in EVENT_FORMATS:
            pattern, parts = EVENT_FORMATS[precision]
            pieces = raw.split("-")
            try:
                if len(pieces) != parts:
                    raise ValueError
                numbers = [int(p) for p in pieces] + [1] * (3 - parts)
                data["event_on"] = date(*numbers)
            except ValueError:
                self.add_error(
                    "event_date",
                    _("Enter the event date as %(pattern)s for this precision.") % {"pattern": pattern},
                )
        return data


class ReportFilterForm(forms.Form):
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("All regions"))] + Region.choices
    )
    credibility = forms.TypedChoiceField(
        label=_("Credibility"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any credibility")), *Credibility.choices],
    )
    tag = forms.CharField(label=_("Tag"), required=False, max_length=40)


class ClaimForm(forms.Form):
    statement = forms.CharField(
        label=_("Statement"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )
    status = forms.ChoiceField(label=_("Status"), choices=ClaimStatus.choices)
    note = forms.CharField(
        label=_("Note on the status"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ClaimCreateForm(forms.Form):
    statement = forms.CharField(
        label=_("Statement"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )


class LinkReportForm(forms.Form):
    """Link a report to a claim: pick a recent claim, type its number, or write a new one."""

    claim = forms.TypedChoiceField(label=_("Claim"), required=False, coerce=int, empty_value=None, choices=())
    claim_number = forms.IntegerField(label=_("or claim number"), required=False, min_value=1)
    new_statement = forms.CharField(label=_("or a new claim"), required=False, max_length=300)

    def __init__(self, *args, claims=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["claim"]).choices = [("", "—")] + [
            (c.pk, f"#{c.pk} {c.statement}") for c in claims
        ]

    def clean(self):
        data = super().clean()
        chosen = [
            bool(data.get("claim")),
            bool(data.get("claim_number")),
            bool((data.get("new_statement") or "").strip()),
        ]
        if sum(chosen) != 1:
            raise ValidationError(_("Choose one claim, type one claim number, or write one new claim."))
        return data


class MergeForm(forms.Form):
    into = forms.IntegerField(label=_("Merge into claim number"), min_value=1)
