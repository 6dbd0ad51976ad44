"""Take staff login names out of the credits of editions already published.

Credits used to fall back to the login name of staff without a display name. Publication now
credits display names only; this removes the old login-name credits from the public copies, so
the live site stops showing them without waiting for each story to be republished. (A mirror
export is refreshed by the next publication, or by running ``sourcedesk export-site``.)
"""

from django.conf import settings
from django.db import migrations


def drop_login_name_credits(apps, schema_editor):
    User = apps.get_model(settings.AUTH_USER_MODEL)
    PublishedEdition = apps.get_model("publish", "PublishedEdition")
    logins = {name.casefold() for name in User.objects.values_list("username", flat=True)}
    if not logins:
        return
    for published in PublishedEdition.objects.exclude(credits=[]).iterator():
        kept = [row for row in published.credits if str(row[1]).strip().casefold() not in logins]
        if kept != published.credits:
            published.credits = kept
            published.save(update_fields=["credits"])


class Migration(migrations.Migration):
    dependencies = [
        ("publish", "0002_labels"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(drop_login_name_credits, migrations.RunPython.noop)]
