"""The public side's models, moved here from knowledge/ and themes/ with their tables
(db_table) and their content types' ids (relabelled), so that every page, revision, log entry,
reference and permission carries over. Only Django's state is created here."""

import django.db.models.deletion
import django.utils.timezone
import knowledge.models
import modelcluster.contrib.taggit
import modelcluster.fields
import wagtail.contrib.routable_page.models
import wagtail.fields
from django.conf import settings
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
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("knowledge", "0013_publicoutputpage_moved"),
        ("themes", "0004_themed_items_moved"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="LearningHubPage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        ("intro", wagtail.fields.RichTextField(blank=True)),
                    ],
                    options={
                        "db_table": "knowledge_learninghubpage",
                    },
                    bases=(
                        wagtail.contrib.routable_page.models.RoutablePageMixin,
                        "wagtailcore.page",
                    ),
                ),
                migrations.CreateModel(
                    name="PublicOutputPage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("insight", "Insight"),
                                    ("session_learning", "Learning from a session"),
                                    ("answered_challenge", "An answered challenge"),
                                    ("case_study", "Case study"),
                                    ("shared_tool", "Shared tool"),
                                    ("report", "Learning report"),
                                ],
                                default="insight",
                                max_length=24,
                            ),
                        ),
                        (
                            "summary",
                            models.TextField(
                                help_text="What a reader learns, in two or three sentences, in role language only."
                            ),
                        ),
                        ("body", wagtail.fields.RichTextField(blank=True)),
                        (
                            "licence",
                            models.CharField(
                                choices=[
                                    ("CC-BY-NC-SA-4.0", "CC BY-NC-SA 4.0"),
                                    ("CC-BY-4.0", "CC BY 4.0"),
                                    ("CC-BY-SA-4.0", "CC BY-SA 4.0"),
                                    ("OGL-UK-3.0", "Open Government Licence v3.0"),
                                ],
                                default=knowledge.models.default_public_licence,
                                help_text="The licence readers may reuse this output and its files under.",
                                max_length=24,
                            ),
                        ),
                        (
                            "sources",
                            modelcluster.fields.ParentalManyToManyField(
                                blank=True,
                                help_text="The members-only pages this output was curated from. Only members and conveners see these links.",
                                related_name="public_outputs",
                                to="knowledge.knowledgepage",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "knowledge_publicoutputpage",
                    },
                    bases=("wagtailcore.page",),
                ),
                migrations.CreateModel(
                    name="PublicOutputFile",
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
                        ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                        (
                            "document",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="wagtaildocs.document",
                            ),
                        ),
                        (
                            "output",
                            modelcluster.fields.ParentalKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="files",
                                to="learning.publicoutputpage",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "knowledge_publicoutputfile",
                        "ordering": ["sort_order"],
                        "abstract": False,
                    },
                ),
                migrations.CreateModel(
                    name="ThemedOutput",
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
                                to="learning.publicoutputpage",
                            ),
                        ),
                        (
                            "tag",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="tagged_outputs",
                                to="themes.theme",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "themes_themedoutput",
                    },
                ),
                migrations.AddField(
                    model_name="publicoutputpage",
                    name="themes",
                    field=modelcluster.contrib.taggit.ClusterTaggableManager(
                        blank=True,
                        help_text="Choose from the programme's themes.",
                        through="learning.ThemedOutput",
                        to="themes.Theme",
                        verbose_name="Tags",
                    ),
                ),
                migrations.CreateModel(
                    name="LearningReportPage",
                    fields=[
                        (
                            "publicoutputpage_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to="learning.publicoutputpage",
                            ),
                        ),
                        (
                            "publication_date",
                            models.DateField(
                                default=django.utils.timezone.localdate,
                                help_text="The date the report gives as its publication date, on the page and the PDF.",
                            ),
                        ),
                        (
                            "sections",
                            wagtail.fields.StreamField(
                                [("section", 16)],
                                blank=True,
                                block_lookup={
                                    0: ("wagtail.blocks.CharBlock", (), {"max_length": 200}),
                                    1: (
                                        "wagtail.blocks.RichTextBlock",
                                        (),
                                        {
                                            "features": [
                                                "h3",
                                                "h4",
                                                "bold",
                                                "italic",
                                                "ol",
                                                "ul",
                                                "link",
                                                "document-link",
                                            ]
                                        },
                                    ),
                                    2: (
                                        "wagtail.contrib.table_block.blocks.TableBlock",
                                        (),
                                        {
                                            "table_options": {
                                                "colHeaders": False,
                                                "editor": "text",
                                                "renderer": "text",
                                                "rowHeaders": False,
                                                "startCols": 3,
                                                "startRows": 3,
                                            },
                                            "template": "components/report/table.html",
                                        },
                                    ),
                                    3: ("wagtail.blocks.TextBlock", (), {"label": "What was said"}),
                                    4: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "help_text": "A role, never a name or organisation: 'a commissioner in a county council'.",
                                            "label": "Said by (role only)",
                                            "max_length": 120,
                                        },
                                    ),
                                    5: (
                                        "wagtail.blocks.StructBlock",
                                        [[("text", 3), ("role", 4)]],
                                        {},
                                    ),
                                    6: (
                                        "wagtail.blocks.PageChooserBlock",
                                        (),
                                        {"page_type": ["learning.PublicOutputPage"]},
                                    ),
                                    7: (
                                        "wagtail.blocks.BooleanBlock",
                                        (),
                                        {
                                            "help_text": "Keep the output's words as they are now, even if the output changes later. Untick and tick again to take its current words.",
                                            "label": "Freeze at publication",
                                            "required": False,
                                        },
                                    ),
                                    8: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "label": "Frozen title (filled in for you)",
                                            "required": False,
                                        },
                                    ),
                                    9: (
                                        "wagtail.blocks.TextBlock",
                                        (),
                                        {
                                            "label": "Frozen summary (filled in for you)",
                                            "required": False,
                                        },
                                    ),
                                    10: (
                                        "wagtail.blocks.StructBlock",
                                        [
                                            [
                                                ("output", 6),
                                                ("freeze", 7),
                                                ("frozen_title", 8),
                                                ("frozen_summary", 9),
                                            ]
                                        ],
                                        {"label": "Curated output"},
                                    ),
                                    11: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "default": "Participating organisations, by type",
                                            "max_length": 120,
                                        },
                                    ),
                                    12: (
                                        "wagtail.blocks.StructBlock",
                                        [[("caption", 11)]],
                                        {"label": "Participating organisations by type"},
                                    ),
                                    13: (
                                        "wagtail.blocks.StreamBlock",
                                        [
                                            [
                                                ("paragraph", 1),
                                                ("table", 2),
                                                ("quote", 5),
                                                ("curated_output", 10),
                                                ("participating_organisations", 12),
                                            ]
                                        ],
                                        {},
                                    ),
                                    14: ("wagtail.blocks.CharBlock", (), {"max_length": 400}),
                                    15: (
                                        "wagtail.blocks.ListBlock",
                                        (14,),
                                        {
                                            "help_text": "What a reader should take from this section, a sentence each.",
                                            "label": "Summary points",
                                            "min_num": 1,
                                        },
                                    ),
                                    16: (
                                        "wagtail.blocks.StructBlock",
                                        [[("heading", 0), ("content", 13), ("summary_points", 15)]],
                                        {},
                                    ),
                                },
                                help_text="Each section ends in summary points. Quotes are attributed by role only.",
                            ),
                        ),
                        ("conclusion", wagtail.fields.RichTextField(blank=True)),
                        (
                            "pdf_problem",
                            models.TextField(
                                blank=True,
                                editable=False,
                                help_text="Why the PDF could not be made the last time the report was published.",
                            ),
                        ),
                        (
                            "pdf",
                            models.ForeignKey(
                                blank=True,
                                editable=False,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="wagtaildocs.document",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "learning report",
                        "db_table": "knowledge_learningreportpage",
                    },
                    bases=("learning.publicoutputpage",),
                ),
            ],
        ),
        relabel(
            {
                ("knowledge", "learninghubpage"): "learning",
                ("knowledge", "publicoutputpage"): "learning",
                ("knowledge", "learningreportpage"): "learning",
                ("knowledge", "publicoutputfile"): "learning",
                ("themes", "themedoutput"): "learning",
            }
        ),
    ]
