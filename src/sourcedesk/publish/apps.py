from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishConfig(AppConfig):
    name = "sourcedesk.publish"
    label = "publish"
    verbose_name = _("Publish")
    # Entries for the desk navigation: (url name, label, roles allowed or None for everyone).
    desk_nav: list = []
