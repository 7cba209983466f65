"""NonAttributionReviewTask now belongs to attribution/ (its 0001 took over the table and the
content type): knowledge forgets it, and the database keeps everything."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0010_markdown_stored_html"),
        ("attribution", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="NonAttributionReviewTask")],
        ),
    ]
