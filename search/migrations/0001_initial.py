"""The search engine's own tables, for the database the site runs on: SQLite FTS5
(search/backends/sqlite.py) or PostgreSQL full-text search (search/backends/postgres.py)."""

from django.db import migrations


def _engine(schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        from search.backends import sqlite

        return sqlite
    if vendor == "postgresql":
        from search.backends import postgres  # imported only on PostgreSQL

        return postgres
    return None  # no engine of ours for this database: nothing to create


def create_schema(apps, schema_editor):
    engine = _engine(schema_editor)
    if engine is not None:
        engine.create_schema(schema_editor)


def drop_schema(apps, schema_editor):
    engine = _engine(schema_editor)
    if engine is not None and hasattr(engine, "drop_schema"):
        engine.drop_schema(schema_editor)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [migrations.RunPython(create_schema, drop_schema)]
