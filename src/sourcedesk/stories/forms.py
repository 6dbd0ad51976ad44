"""Forms for the story desk. They parse input only; services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from sourcedesk.accounts.roles import Role

from .models import Region, Tag


class StoryCreateForm(forms.Form):
    headline = forms.CharField(label=_("Korean headline"), max_length=300)
    standfirst = forms.CharField(
        label=_("Standfirst"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    body = forms.CharField(
        label=_("Body (Korean, Markdown)"), required=False, widget=forms.Textarea(attrs={"rows": 14})
    )
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.all(), required=False)
    tags = forms.ModelMultipleChoiceField(label=_("Tags"), queryset=Tag.objects.all(), required=False)
    people = forms.CharField(
        label=_("People in this story"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One name per line. Never published; the scanner flags these names wherever they appear."
        ),
    )


class StoryDetailsForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.all(), required=False)
    tags = forms.ModelMultipleChoiceField(label=_("Tags"), queryset=Tag.objects.all(), required=False)
    people = forms.CharField(
        label=_("People in this story"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One name per line. Never published; the scanner flags these names wherever they appear."
        ),
    )
    translator = forms.ModelChoiceField(
        label=_("Translator"),
        queryset=get_user_model().objects.filter(role=Role.TRANSLATOR, is_active=True),
        required=False,
    )
    report_ids = forms.CharField(
        label=_("Linked reports"),
        required=False,
        help_text=_("Report numbers, separated by commas. Internal only; never published."),
    )
    claim_ids = forms.CharField(
        label=_("Linked claims"),
        required=False,
        help_text=_("Claim numbers, separated by commas. Internal only; never published."),
    )


class EditionForm(forms.Form):
    headline = forms.CharField(label=_("Headline"), max_length=300, required=False)
    standfirst = forms.CharField(
        label=_("Standfirst"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    body = forms.CharField(
        label=_("Body (Markdown)"), required=False, widget=forms.Textarea(attrs={"rows": 18})
    )
    byline = forms.CharField(
        label=_("Byline"), max_length=200, required=False, help_text=_("Leave empty for the desk's byline.")
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class OverrideForm(forms.Form):
    language = forms.ChoiceField(choices=(("ko", "ko"), ("en", "en")), widget=forms.HiddenInput)
    kind = forms.CharField(max_length=40, widget=forms.HiddenInput)
    text = forms.CharField(max_length=300, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason for publishing this anyway"), widget=forms.Textarea(attrs={"rows": 2})
    )


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    note_ko = forms.CharField(
        label=_("Correction note (Korean)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    note_en = forms.CharField(
        label=_("Correction note (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    to_state = forms.CharField(required=False)


class PhotoForm(forms.Form):
    image = forms.FileField(label=_("Photo"))
    caption_ko = forms.CharField(label=_("Korean caption"), max_length=300, required=False)
    caption_en = forms.CharField(label=_("English caption"), max_length=300, required=False)
    alt_ko = forms.CharField(label=_("Korean alt text"), max_length=300, required=False)
    alt_en = forms.CharField(label=_("English alt text"), max_length=300, required=False)
    credit = forms.CharField(label=_("Credit"), max_length=120, required=False)
    is_file_photo = forms.BooleanField(label=_("File photo"), required=False)


class TagForm(forms.Form):
    name_ko = forms.CharField(label=_("Korean name"), max_length=80)
    name_en = forms.CharField(label=_("English name"), max_length=80)
    slug = forms.CharField(
        label=_("Address word"),
        max_length=60,
        required=False,
        help_text=_("Latin letters; made from the English name if empty."),
    )
