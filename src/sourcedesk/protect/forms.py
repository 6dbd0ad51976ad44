"""The "Check a text" form: pasted text or an uploaded UTF-8 file, plus the story's people."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_CHECK_BYTES = 1_000_000


class CheckForm(forms.Form):
    text = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=MAX_CHECK_BYTES,
        widget=forms.Textarea(attrs={"rows": 14, "lang": "ko"}),
    )
    upload = forms.FileField(
        label=_("Or upload a text file (UTF-8)"),
        required=False,
    )
    deny = forms.CharField(
        label=_("People in this story"),
        help_text=_("Names that must always be flagged, one per line or separated by commas."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload:
            return ""
        if upload.size > MAX_CHECK_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s bytes; check it in parts.") % {"limit": MAX_CHECK_BYTES}
            )
        data = upload.read()
        if b"\x00" in data:
            raise forms.ValidationError(_("This is not a text file."))
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from exc

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("text") and not cleaned.get("upload"):
            raise forms.ValidationError(_("Paste a text or choose a file."))
        return cleaned

    def checked_text(self) -> str:
        """Return the text to check: the upload if one was given, else the pasted text."""
        return self.cleaned_data.get("upload") or self.cleaned_data.get("text") or ""

    def deny_names(self) -> list[str]:
        raw = self.cleaned_data.get("deny") or ""
        return [n.strip() for n in re.split(r"[\n,，、]", raw) if n.strip()]
