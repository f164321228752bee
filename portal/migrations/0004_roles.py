"""Staff roles on every deployment: the groups, their permissions and workflows.

Permissions are created first (Django normally does that only after all migrations
have run), then `portal.roles.sync_roles` runs with this migration's historical
models. Page-level grants reach the pages that exist now; `manage.py sync_roles`
re-applies them to pages made later.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_all_permissions(apps) -> None:
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def forwards(apps, schema_editor) -> None:
    from portal.roles import sync_roles

    create_all_permissions(apps)
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_audit_log"),
        ("notices", "0004_stations_directory"),
        ("participation", "0002_reports_and_open311_keys"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
