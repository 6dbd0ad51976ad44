from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sourcedesk.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    desk_nav = [("accounts:user_list", _("Staff"), ("admin",))]
