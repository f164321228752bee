"""Wagtail's default "Editors" and "Moderators" groups lose their root-wide rights on
every deployment (see `portal.roles.retire_wagtail_default_groups`)."""

from django.db import migrations


def forwards(apps, schema_editor) -> None:
    from portal.roles import retire_wagtail_default_groups

    retire_wagtail_default_groups(apps)


class Migration(migrations.Migration):
    dependencies = [("portal", "0005_search_trigram")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
