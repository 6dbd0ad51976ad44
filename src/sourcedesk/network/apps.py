from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "sourcedesk.network"
    label = "network"
    verbose_name = _("Network")
    # Entries for the desk navigation: (url name, label, roles allowed or None for everyone).
    desk_nav = [("network:source_list", _("Sources"), ("editor", "reporter"))]
