from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VaultConfig(AppConfig):
    name = "sourcedesk.vault"
    label = "vault"
    verbose_name = _("Vault")
    # Entries for the desk navigation: (url name, label, roles allowed or None for everyone).
    desk_nav: list = []
