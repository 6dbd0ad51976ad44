from django import forms
from django.utils.translation import gettext_lazy as _

from .models import User
from .roles import Role


class SignInForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    password = forms.CharField(label=_("Passphrase"), widget=forms.PasswordInput(render_value=False))
    code = forms.CharField(
        label=_("Authenticator code or backup code"),
        required=False,
        max_length=20,
        help_text=_("Leave empty only when you sign in for the first time."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text"}),
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    password = forms.CharField(
        label=_("Your passphrase"),
        widget=forms.PasswordInput,
        help_text=_("Your passphrase also protects your private key, which is created now."),
    )


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(label=_("Current passphrase"), widget=forms.PasswordInput)
    new_password = forms.CharField(
        label=_("New passphrase"),
        widget=forms.PasswordInput,
        help_text=_("At least 12 characters. A few unrelated words are easy to type and hard to guess."),
    )
    new_password2 = forms.CharField(label=_("New passphrase again"), widget=forms.PasswordInput)

    def clean(self):
        data = super().clean()
        if data.get("new_password") and data.get("new_password") != data.get("new_password2"):
            raise forms.ValidationError(_("The two new passphrases do not match."))
        return data


class UserCreateForm(forms.Form):
    username = forms.RegexField(
        label=_("Username"),
        max_length=150,
        regex=r"^[\w.@+-]+\Z",
        error_messages={"invalid": _("Use letters, digits and @ . + - _ only.")},
    )
    display_name = forms.CharField(label=_("Display name"), max_length=80, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    password = forms.CharField(
        label=_("Initial passphrase"),
        widget=forms.PasswordInput,
        help_text=_("Give it to the person in person. They enrol their authenticator at first sign-in."),
    )

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("That username is taken."))
        return username


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class AdminPasswordForm(forms.Form):
    new_password = forms.CharField(label=_("New passphrase"), widget=forms.PasswordInput)
