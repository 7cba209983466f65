"""The learning hub, outputs, reports and their files move to learning/ (its 0001 takes them
over), and ThemedPage comes here from themes/: only Django's state changes; the tables stay."""

import django.db.models.deletion
import modelcluster.contrib.taggit
import modelcluster.fields
from django.db import migrations, models


def relabel(moves):
    """Point content type rows at the app their model now lives in: their ids, and with them
    pages, revisions, log entries, the reference index and permissions, stay as they are."""

    def forwards(apps, schema_editor):
        content_type = apps.get_model("contenttypes", "ContentType")
        rows = content_type.objects.using(schema_editor.connection.alias)
        for (old_app, model), new_app in moves.items():
            if not rows.filter(app_label=new_app, model=model).exists():
                rows.filter(app_label=old_app, model=model).update(app_label=new_app)

    def backwards(apps, schema_editor):
        content_type = apps.get_model("contenttypes", "ContentType")
        rows = content_type.objects.using(schema_editor.connection.alias)
        for (old_app, model), new_app in moves.items():
            if not rows.filter(app_label=old_app, model=model).exists():
                rows.filter(app_label=new_app, model=model).update(app_label=old_app)

    return migrations.RunPython(forwards, backwards)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("knowledge", "0011_nonattributionreviewtask_moved"),
        ("themes", "0003_public_outputs"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="learningreportpage",
                    name="pdf",
                ),
                migrations.RemoveField(
                    model_name="learningreportpage",
                    name="publicoutputpage_ptr",
                ),
                migrations.RemoveField(
                    model_name="publicoutputfile",
                    name="document",
                ),
                migrations.RemoveField(
                    model_name="publicoutputfile",
                    name="output",
                ),
                migrations.RemoveField(
                    model_name="publicoutputpage",
                    name="page_ptr",
                ),
                migrations.RemoveField(
                    model_name="publicoutputpage",
                    name="sources",
                ),
                migrations.RemoveField(
                    model_name="publicoutputpage",
                    name="themes",
                ),
                migrations.CreateModel(
                    name="ThemedPage",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "content_object",
                            modelcluster.fields.ParentalKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="themed_items",
                                to="knowledge.knowledgepage",
                            ),
                        ),
                        (
                            "tag",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="tagged_pages",
                                to="themes.theme",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "themes_themedpage",
                    },
                ),
                migrations.AlterField(
                    model_name="knowledgepage",
                    name="themes",
                    field=modelcluster.contrib.taggit.ClusterTaggableManager(
                        blank=True,
                        help_text="Choose from the programme's themes.",
                        through="knowledge.ThemedPage",
                        to="themes.Theme",
                        verbose_name="Tags",
                    ),
                ),
                migrations.DeleteModel(
                    name="LearningHubPage",
                ),
                migrations.DeleteModel(
                    name="LearningReportPage",
                ),
                migrations.DeleteModel(
                    name="PublicOutputFile",
                ),
            ],
        ),
        relabel({("themes", "themedpage"): "knowledge"}),
    ]
