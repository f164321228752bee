"""A trigram index on the search text, on PostgreSQL only.

Search matches every term as a substring (LIKE '%占道经营%'). pg_trgm's GIN index
answers such patterns of three or more characters without reading every row. In a
UTF-8 locale such as C.UTF-8 it takes Chinese characters as word characters and
indexes them (see bench/REPORT.md, "Search relevance and latency"); in a plain "C"
locale it extracts nothing from them and PostgreSQL scans instead. Matches are always
rechecked against the pattern, so the index changes speed, never results: SQLite and
PostgreSQL still return the same. Where the extension cannot be created (a database user
without the right), the migration says so and leaves search working unindexed.
"""

import logging

from django.db import DatabaseError, migrations, transaction

INDEX = "portal_searchdoc_text_trgm"
logger = logging.getLogger(__name__)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError:
        logger.warning("pg_trgm is not available: site search runs without its index")
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON portal_searchdocument "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_roles"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
