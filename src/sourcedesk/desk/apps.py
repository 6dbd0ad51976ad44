from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "sourcedesk.desk"
    label = "desk"
    verbose_name = _("Desk")
    # Entries for the desk navigation: (url name, label, roles allowed or None for everyone).
    desk_nav = [
        ("desk:report_list", _("Reports"), ("editor", "reporter")),
        ("desk:claim_board", _("Claims"), ("editor", "reporter")),
    ]
