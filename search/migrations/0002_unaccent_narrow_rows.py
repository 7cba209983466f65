"""PostgreSQL only: diacritics folded ("zéphyrine" finds "zephyrine", as on SQLite) and narrow
rows (the text out of line, so counting every match of a common word reads a small table).

Creates the text search configuration practice_english (english, with the unaccent extension
where it can be created: a plain copy of english where it cannot), sets search_document's
toast_tuple_target, makes the stored tsvector column again with the configuration (PostgreSQL
rewrites the table and computes every document's vector again, holding an exclusive lock on
search_document meanwhile: about a minute for 100,000 documents) and counts the "did you mean"
vocabulary again, folded. A database whose search tables 0001 made as they are now is left as
it is. See search.backends.postgres.update_schema_0002. Nothing to do on SQLite, whose FTS5
tokenizer folds diacritics already.

The reverse does nothing: the code of 0001 (create_schema) makes the tables this way too.
"""

from django.db import migrations


def update_schema(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from search.backends import postgres  # imported only on PostgreSQL

    postgres.update_schema_0002(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(update_schema, migrations.RunPython.noop)]
