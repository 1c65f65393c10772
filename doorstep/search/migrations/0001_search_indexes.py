"""Search indexes on people and homes: pg_trgm and full-text GIN indexes on PostgreSQL,
FTS5 trigram tables kept current by triggers on SQLite. Other databases: nothing."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from doorstep.search import schema


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema.install_postgresql(schema_editor.connection)
    elif vendor == "sqlite":
        schema.install_sqlite(schema_editor.connection)


def uninstall(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema.uninstall_postgresql(schema_editor.connection)
    elif vendor == "sqlite":
        schema.uninstall_sqlite(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("places", "0001_initial"),
    ]

    operations = [
        # Does nothing on databases other than PostgreSQL.
        TrigramExtension(),
        migrations.RunPython(install, uninstall, elidable=False),
    ]
