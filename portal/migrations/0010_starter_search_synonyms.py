"""The starter search synonyms (portal/search_synonyms.py): everyday words and
common typos for every duty-list and catalogue term. Words editors already entered
are kept as they are; removing the migration's rows is left to editors."""

from django.db import migrations


def add_starter_synonyms(apps, schema_editor):
    from portal.search_synonyms import load_starter_synonyms

    load_starter_synonyms(apps.get_model("portal", "SearchSynonym"))


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0009_scheduled_runs"),
    ]

    operations = [
        migrations.RunPython(add_starter_synonyms, migrations.RunPython.noop),
    ]
