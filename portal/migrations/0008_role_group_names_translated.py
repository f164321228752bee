"""Role groups take English msgid names, shown in each reader's language
("Editors · 编辑" becomes "Area editors": 编辑 for zh-hans readers, "Area editors" for
en ones); members and rights stay with the renamed group (see
`portal.roles.rename_former_groups`)."""

from django.db import migrations


def forwards(apps, schema_editor) -> None:
    from portal.roles import rename_former_groups

    rename_former_groups(apps)


def backwards(apps, schema_editor) -> None:
    from portal.roles import FORMER_GROUP_NAMES

    Group = apps.get_model("auth", "Group")
    for old, new in FORMER_GROUP_NAMES.items():
        if not Group.objects.filter(name=old).exists():
            Group.objects.filter(name=new).update(name=old)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0007_holiday_kind_label_in_english"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
