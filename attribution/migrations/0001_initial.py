"""NonAttributionReviewTask moves from knowledge/ to attribution/ (issue 18) with its table,
its content type's id and so its permissions, workflows and task states: only Django's state
moves here, and the content type row is relabelled."""

import django.db.models.deletion
from django.db import migrations, models


def relabel_content_type(apps, schema_editor, old="knowledge", new="attribution"):
    content_type = apps.get_model("contenttypes", "ContentType")
    rows = content_type.objects.using(schema_editor.connection.alias)
    if not rows.filter(app_label=new, model="nonattributionreviewtask").exists():
        rows.filter(app_label=old, model="nonattributionreviewtask").update(app_label=new)


def unrelabel_content_type(apps, schema_editor):
    relabel_content_type(apps, schema_editor, old="attribution", new="knowledge")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("knowledge", "0010_markdown_stored_html"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="NonAttributionReviewTask",
                    fields=[
                        (
                            "task_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to="wagtailcore.task",
                            ),
                        ),
                        (
                            "groups",
                            models.ManyToManyField(
                                help_text="Pages/snippets at this step in a workflow will be "
                                "moderated or approved by these groups of users",
                                to="auth.group",
                                verbose_name="groups",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "Non-attribution review",
                        "verbose_name_plural": "Non-attribution reviews",
                        "db_table": "knowledge_nonattributionreviewtask",
                    },
                    bases=("wagtailcore.task",),
                ),
            ],
        ),
        migrations.RunPython(relabel_content_type, unrelabel_content_type),
    ]
