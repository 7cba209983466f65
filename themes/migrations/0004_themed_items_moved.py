"""ThemedOutput moves to learning/ and ThemedPage to knowledge/: state only, the tables stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0012_learning_models_moved"),
        ("themes", "0003_public_outputs"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="themedpage",
                    name="content_object",
                ),
                migrations.RemoveField(
                    model_name="themedpage",
                    name="tag",
                ),
                migrations.DeleteModel(
                    name="ThemedOutput",
                ),
                migrations.DeleteModel(
                    name="ThemedPage",
                ),
            ],
        ),
    ]
