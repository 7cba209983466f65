"""What members learn and share: insights, shared tools and case studies."""

from django.conf import settings
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..admin_scope import PageReferencePanel
from ..blocks import MEMBERS_ONLY_RICH_TEXT_FEATURES
from ..markdown import DESCRIPTION_MAX, HOW_TO_USE_MAX, LEARNING_MAX, StoredMarkdown, stored_html
from .section import KnowledgePage


class Insight(StoredMarkdown, KnowledgePage):
    """One learning point, drawn from a session, a thread or a case study."""

    learning = models.TextField(
        help_text=f"The learning point, in a few sentences (Markdown, up to {LEARNING_MAX:,} "
        "characters)."
    )
    learning_html = stored_html()
    source_page = models.ForeignKey(
        Page,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The session note, thread or case study it came from.",
    )
    source = models.CharField(
        max_length=250,
        blank=True,
        help_text="Where it came from, when that is not a page here.",
    )

    page_references = ("source_page",)
    markdown_fields = {"learning": LEARNING_MAX}

    content_panels = [
        *Page.content_panels,
        FieldPanel("learning"),
        PageReferencePanel("source_page"),
        FieldPanel("source"),
        *KnowledgePage.summary_panels,
    ]
    search_fields = [*KnowledgePage.search_fields, index.SearchField("learning")]


class Licence(models.TextChoices):
    CC_BY_NC_SA = "CC-BY-NC-SA-4.0", "CC BY-NC-SA 4.0"
    CC_BY = "CC-BY-4.0", "CC BY 4.0"
    CC_BY_SA = "CC-BY-SA-4.0", "CC BY-SA 4.0"
    OGL = "OGL-UK-3.0", "Open Government Licence v3.0"
    MEMBERS_ONLY = "members-only", "For members' use only"


def default_public_licence() -> str:
    """The licence public outputs got by default before it became a site setting
    (learning.models.default_output_licence); historical migrations still name this."""
    return settings.PUBLIC_OUTPUT_LICENCE


class SharedTool(StoredMarkdown, KnowledgePage):
    """A template, toolkit, contract clause or guide a member shares with the community."""

    description = models.TextField(
        help_text=f"What it is and what it is for (Markdown, up to {DESCRIPTION_MAX:,} characters)."
    )
    description_html = stored_html()
    how_to_use = models.TextField(
        blank=True,
        help_text=f"How to use it (Markdown, up to {HOW_TO_USE_MAX:,} characters).",
    )
    how_to_use_html = stored_html()
    licence = models.CharField(max_length=32, choices=Licence.choices, default=Licence.CC_BY_NC_SA)

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        FieldPanel("how_to_use"),
        InlinePanel("files", label="Files"),
        FieldPanel("licence"),
        *KnowledgePage.summary_panels,
    ]
    search_fields = [
        *KnowledgePage.search_fields,
        index.SearchField("description"),
        index.SearchField("how_to_use"),
    ]
    markdown_fields = {"description": DESCRIPTION_MAX, "how_to_use": HOW_TO_USE_MAX}

    class Meta:
        verbose_name = "shared tool"


class SharedToolFile(Orderable):
    """A file of a shared tool, kept as a document in the community's private collection."""

    tool = ParentalKey(SharedTool, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.PROTECT, related_name="+")

    panels = [FieldPanel("document")]


class CaseStudy(KnowledgePage):
    """How one organisation tackled a problem; anonymised unless it consents to be named."""

    organisation = models.ForeignKey(
        "members.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_studies",
    )
    organisation_consents_to_be_named = models.BooleanField(
        default=False, help_text="The organisation has agreed to be named in public outputs."
    )
    context = RichTextField(features=MEMBERS_ONLY_RICH_TEXT_FEATURES)
    challenge = RichTextField(features=MEMBERS_ONLY_RICH_TEXT_FEATURES)
    approach = RichTextField(features=MEMBERS_ONLY_RICH_TEXT_FEATURES)
    outcomes = RichTextField(features=MEMBERS_ONLY_RICH_TEXT_FEATURES)
    learning = RichTextField(features=MEMBERS_ONLY_RICH_TEXT_FEATURES)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("organisation_consents_to_be_named")],
            heading="Organisation",
        ),
        FieldPanel("context"),
        FieldPanel("challenge"),
        FieldPanel("approach"),
        FieldPanel("outcomes"),
        FieldPanel("learning"),
        *KnowledgePage.summary_panels,
    ]
    search_fields = [
        *KnowledgePage.search_fields,
        *(index.SearchField(name) for name in ("context", "challenge", "approach", "outcomes")),
        index.SearchField("learning"),
    ]

    class Meta:
        verbose_name = "case study"
        verbose_name_plural = "case studies"
