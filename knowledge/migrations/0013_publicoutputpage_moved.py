"""PublicOutputPage moves to learning/ (see 0012): state only."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0012_learning_models_moved"),
        ("themes", "0004_themed_items_moved"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name="PublicOutputPage",
                ),
            ],
        ),
    ]
