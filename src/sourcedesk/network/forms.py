"""Forms for the source network. Every message is translated; nothing here writes."""

from __future__ import annotations

from datetime import date
from typing import cast

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sourcedesk.accounts.roles import Role

from .models import Channel, Grade, Region, SourceStatus
from .selectors import SOURCE_ROLES


class MonthField(forms.CharField):
    """A month typed as YYYY-MM (what ``<input type="month">`` sends)."""

    default_error_messages = {"invalid": _("Enter a month as YYYY-MM.")}

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            year, month = (int(part) for part in value.split("-")[:2])
            return date(year, month, 1)
        except (TypeError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def prepare_value(self, value):
        if isinstance(value, date):
            return value.strftime("%Y-%m")
        return value


def _staff(*roles):
    return get_user_model().objects.filter(role__in=roles, is_active=True).order_by("username")


class SourceFilterForm(forms.Form):
    q = forms.CharField(label=_("Pseudonym"), required=False, max_length=40)
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("All regions"))] + Region.choices
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses"))] + SourceStatus.choices
    )
    grade = forms.ChoiceField(
        label=_("Reliability"), required=False, choices=[("", _("All grades"))] + Grade.choices
    )
    handler: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Handler"), queryset=None, required=False, empty_label=_("All handlers")
    )
    archived = forms.BooleanField(label=_("Archived"), required=False)

    def __init__(self, *args, is_editor: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if is_editor:
            cast(forms.ModelChoiceField, self.fields["handler"]).queryset = _staff(*SOURCE_ROLES)
        else:
            del self.fields["handler"]


class SourceForm(forms.Form):
    """Registration and editing of a source; fields an editor alone may change are dropped otherwise."""

    pseudonym = forms.CharField(
        label=_("Pseudonym"),
        max_length=40,
        required=False,
        help_text=_("Leave empty to generate one from the region."),
    )
    region = forms.ChoiceField(label=_("Region"), choices=Region.choices)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    active_since = MonthField(
        label=_("Active since"), widget=forms.TextInput(attrs={"type": "month", "placeholder": "2024-05"})
    )
    status = forms.ChoiceField(label=_("Status"), choices=SourceStatus.choices)
    grade = forms.ChoiceField(label=_("Reliability"), choices=Grade.choices)
    handler: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Handler"), queryset=None)
    custodian: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Custodian"), queryset=None, required=False
    )
    reason = forms.CharField(
        label=_("Reason for a reliability or status change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, is_editor: bool, editing: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["handler"]).queryset = _staff(Role.REPORTER, Role.EDITOR)
        cast(forms.ModelChoiceField, self.fields["custodian"]).queryset = _staff(Role.EDITOR)
        if not is_editor:
            for name in ("grade", "handler", "custodian"):
                del self.fields[name]
        if editing:
            self.fields["pseudonym"].required = True
            self.fields["pseudonym"].help_text = ""
        else:
            del self.fields["reason"]

    def clean_pseudonym(self) -> str:
        value = self.cleaned_data["pseudonym"].strip()
        if value and any(ch in value for ch in "<>\"'&/\\"):
            raise ValidationError(_("A pseudonym may not contain < > \" ' & / or \\."))
        return value


class IdentityCardForm(forms.Form):
    real_name = forms.CharField(label=_("Real name"), max_length=200)
    contact_plan = forms.CharField(label=_("Contact plan"), widget=forms.Textarea(attrs={"rows": 4}))
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4}))


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        # The reason is kept in the audit log in clear: it must not carry what the card hides.
        help_text=_("Kept in the audit log. Never write anything here that identifies the source."),
    )


class UnmaskDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("deny", _("Deny"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PromoteForm(forms.Form):
    pseudonym = forms.CharField(
        label=_("Pseudonym"),
        max_length=40,
        required=False,
        help_text=_("Leave empty to generate one from the region."),
    )
    handler: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Handler"), queryset=None)
    region = forms.ChoiceField(label=_("Region"), choices=Region.choices)
    active_since = MonthField(
        label=_("Active since"), widget=forms.TextInput(attrs={"type": "month", "placeholder": "2024-05"})
    )
    grade = forms.ChoiceField(label=_("Reliability"), choices=Grade.choices, initial=Grade.F)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["handler"]).queryset = _staff(Role.REPORTER)
