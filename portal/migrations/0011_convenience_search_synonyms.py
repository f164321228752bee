"""Search synonyms for the convenience map (portal/search_synonyms.py,
CONVENIENCE_SYNONYMS): 厕所, 卫生间, toilet… find public toilets, 驿站 the rest stops,
喝水 the drinking-water points, 废品 the recycling points. A word an editor has
already entered is kept as it is; removing the migration's rows is left to editors."""

from django.db import migrations


def add_convenience_synonyms(apps, schema_editor):
    from portal.search_synonyms import CONVENIENCE_SYNONYMS, load_synonyms

    load_synonyms(apps.get_model("portal", "SearchSynonym"), CONVENIENCE_SYNONYMS)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0010_starter_search_synonyms"),
    ]

    operations = [
        migrations.RunPython(add_convenience_synonyms, migrations.RunPython.noop),
    ]
