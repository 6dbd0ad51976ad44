"""Forms for the story desk. They parse input only; services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from sourcedesk.accounts.roles import Role, has_role

from .models import Region, Tag, active_language
from .services import reporter_choices


class _LocalisedChoiceIterator(ModelChoiceIterator):
    """Choices labelled and sorted by their name in the page's language (regions by country first)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        language = active_language()
        items = sorted(self.queryset, key=lambda obj: (getattr(obj, "country", ""), obj.name(language)))
        for obj in items:
            yield self.choice(obj)


class _LocalisedNames:
    """Label regions and tags by their Korean name on the Korean desk, their English one in English.

    Labels are made when the form is rendered, so they follow the language of the request.
    """

    def label_from_instance(self, obj) -> str:
        return obj.name(active_language())


class RegionChoiceField(_LocalisedNames, forms.ModelChoiceField):
    iterator = _LocalisedChoiceIterator


class TagChoiceField(_LocalisedNames, forms.ModelMultipleChoiceField):
    iterator = _LocalisedChoiceIterator


class ReporterChoiceField(forms.ModelChoiceField):
    """Active reporters, labelled by their display name (the login name only if they have none)."""

    def label_from_instance(self, obj) -> str:
        return (obj.display_name or "").strip() or obj.get_username()


def _reporter_field(*, required: bool, empty_label) -> ReporterChoiceField:
    return ReporterChoiceField(
        label=_("Reporter"),
        queryset=reporter_choices(),
        required=required,
        empty_label=empty_label,
        help_text=_("The reporter sees the story and writes its Korean edition."),
    )


class StoryCreateForm(forms.Form):
    headline = forms.CharField(label=_("Korean headline"), max_length=300)
    standfirst = forms.CharField(
        label=_("Standfirst"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    body = forms.CharField(
        label=_("Body (Korean, Markdown)"), required=False, widget=forms.Textarea(attrs={"rows": 14})
    )
    region = RegionChoiceField(label=_("Region"), queryset=Region.objects.all(), required=False)
    tags = TagChoiceField(label=_("Tags"), queryset=Tag.objects.all(), required=False)
    people = forms.CharField(
        label=_("People in this story"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One name per line. Never published; the scanner flags these names wherever they appear."
        ),
    )

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # An editor may assign the story to a reporter; a reporter's own story is theirs.
        if has_role(user, Role.EDITOR):
            self.fields["reporter"] = _reporter_field(required=False, empty_label=_("Myself"))


class StoryDetailsForm(forms.Form):
    region = RegionChoiceField(label=_("Region"), queryset=Region.objects.all(), required=False)
    tags = TagChoiceField(label=_("Tags"), queryset=Tag.objects.all(), required=False)
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

    def __init__(self, *args, user=None, story=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if has_role(user, Role.EDITOR):
            field = _reporter_field(required=True, empty_label=None)
            if story is not None:
                # The current reporter stays on offer (an editor, or someone since deactivated),
                # so saving other details never reassigns the story by accident.
                field.queryset = reporter_choices(keep=story.reporter_id)
            # First: who writes the story is the first detail an editor decides.
            self.fields = {"reporter": field, **self.fields}


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
