from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "sourcedesk.audit"
    label = "audit"
    verbose_name = _("Audit")
    desk_nav = [("audit:list", _("Audit log"), ("admin", "editor"))]
