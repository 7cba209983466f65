"""StreamField blocks of a learning report: sections that end in summary points, with tables,
quotes attributed by role only, curated outputs pulled in, and the participating organisations
counted by type (the Chatham House rule: never by name).

All of it is public text, so the gate reads every block (attribution/gate.py walks them)."""

from __future__ import annotations

from django.db.models import Count
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock

REPORT_RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]

TABLE_OPTIONS = {
    "startRows": 3,
    "startCols": 3,
    "colHeaders": False,
    "rowHeaders": False,
    "editor": "text",
    "renderer": "text",
}


class QuoteBlock(blocks.StructBlock):
    """Words said in a session, attributed by role only ("a care co-operative director")."""

    text = blocks.TextBlock(label="What was said")
    role = blocks.CharBlock(
        label="Said by (role only)",
        max_length=120,
        help_text="A role, never a name or organisation: 'a commissioner in a county council'.",
    )

    class Meta:
        icon = "openquote"
        template = "components/report/quote.html"


class CuratedOutputBlock(blocks.StructBlock):
    """A curated output pulled into the report: it follows the output as it changes, unless
    frozen, when it keeps the words the output had when the report was saved with 'freeze'."""

    output = blocks.PageChooserBlock(page_type="learning.PublicOutputPage")
    freeze = blocks.BooleanBlock(
        required=False,
        label="Freeze at publication",
        help_text="Keep the output's words as they are now, even if the output changes later. "
        "Untick and tick again to take its current words.",
    )
    frozen_title = blocks.CharBlock(required=False, label="Frozen title (filled in for you)")
    frozen_summary = blocks.TextBlock(required=False, label="Frozen summary (filled in for you)")

    class Meta:
        icon = "doc-full"
        template = "components/report/curated_output.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context.update(curated_output_shown(value))
        return context


def curated_output_shown(value) -> dict:
    """The title, summary and link a curated block shows: frozen words, or the live output's."""
    output = value.get("output")
    live = output.specific if output is not None and output.live else None
    if value.get("freeze") and value.get("frozen_title"):
        return {
            "title": value["frozen_title"],
            "summary": value.get("frozen_summary", ""),
            "url": live.url if live else "",
        }
    if live is None:
        return {"title": "", "summary": "", "url": ""}
    return {"title": live.title, "summary": live.summary, "url": live.url}


def freeze_curated_outputs(sections) -> None:
    """Write the current words of each output a 'freeze' block points at into the block, if it
    holds none yet (called when the report is cleaned, before its revision is saved)."""
    for section in sections:
        for child in section.value["content"]:
            if child.block_type != "curated_output":
                continue
            value = child.value
            output = value.get("output")
            if not value.get("freeze"):
                value["frozen_title"], value["frozen_summary"] = "", ""
            elif output is not None and not value.get("frozen_title"):
                output = output.specific
                value["frozen_title"], value["frozen_summary"] = output.title, output.summary


class ParticipatingOrganisationsBlock(blocks.StructBlock):
    """The programme's participating organisations counted by type, never named."""

    caption = blocks.CharBlock(default="Participating organisations, by type", max_length=120)

    class Meta:
        icon = "group"
        template = "components/report/participating_organisations.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["rows"] = organisations_by_type()
        return context


def organisations_by_type() -> list[tuple[str, int]]:
    """(type label, how many) for organisations with a member in any community."""
    from members.models import Organisation

    labels = dict(Organisation.Type.choices)
    rows = (
        Organisation.objects.filter(members__memberships__isnull=False)
        .values("type")
        .annotate(count=Count("pk", distinct=True))
        .order_by("-count", "type")
    )
    return [(labels.get(row["type"], row["type"]), row["count"]) for row in rows]


class SectionContentBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=REPORT_RICH_TEXT_FEATURES)
    table = TableBlock(table_options=TABLE_OPTIONS, template="components/report/table.html")
    quote = QuoteBlock()
    curated_output = CuratedOutputBlock(label="Curated output")
    participating_organisations = ParticipatingOrganisationsBlock(
        label="Participating organisations by type"
    )


class ReportSectionBlock(blocks.StructBlock):
    """A section of the report: a heading, its content, and the points it leaves the reader."""

    heading = blocks.CharBlock(max_length=200)
    content = SectionContentBlock()
    summary_points = blocks.ListBlock(
        blocks.CharBlock(max_length=400),
        label="Summary points",
        min_num=1,
        help_text="What a reader should take from this section, a sentence each.",
    )

    class Meta:
        icon = "list-ul"
        template = "components/report/section.html"


class ReportSectionsBlock(blocks.StreamBlock):
    section = ReportSectionBlock()
