"""Staff roles on every deployment: since issue 21 an empty step.

It used to create the permissions and run `portal.roles.sync_roles` here, which made
portal's migrations depend on notices' and participation's. The roles are now synced
by a `post_migrate` receiver (`portal.roles.sync_roles_after_migrate`) when a
`migrate` applies this migration, with every app migrated, so a fresh database ends
with the same groups, permissions and workflows. Databases that applied the old
version keep what it made; taking dependencies away from an applied migration is
safe. The remaining ones keep 0006 after Wagtail's default groups are made.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_audit_log"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = []
