from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "sourcedesk.stories"
    label = "stories"
    verbose_name = _("Stories")
    # Entries for the desk navigation: (url name, label, roles allowed or None for everyone).
    desk_nav = [("stories:list", _("Stories"), ("editor", "reporter", "translator"))]
