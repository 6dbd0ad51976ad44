from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtectConfig(AppConfig):
    name = "sourcedesk.protect"
    label = "protect"
    verbose_name = _("Protect")
    # Entries for the desk navigation: (url name, label, roles allowed or None for everyone).
    desk_nav = [("protect:check", _("Check a text"), None)]
