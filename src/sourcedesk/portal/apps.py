from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "sourcedesk.portal"
    label = "portal"
    verbose_name = _("Portal")
    # Entries for the desk navigation: (url name, label, roles allowed or None for everyone).
    desk_nav = [("inbox:list", _("Inbox"), ("editor", "reporter"))]
