from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FactsConfig(AppConfig):
    name = "sourcedesk.facts"
    label = "facts"
    verbose_name = _("Facts")
    # Entries for the desk navigation: (url name, label, roles allowed or None for everyone).
    desk_nav: list = [("facts:index", _("Facts"), ("editor", "reporter", "translator"))]
