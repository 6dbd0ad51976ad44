from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sourcedesk.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    desk_nav = [("accounts:user_list", _("Staff"), ("admin",))]

    def ready(self) -> None:
        from .roles import role_groups_sync

        # Every app's post_migrate: permissions of later apps exist only after their own migrations.
        post_migrate.connect(role_groups_sync, dispatch_uid="sourcedesk-role-groups")
