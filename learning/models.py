"""The public side's page types: the learning hub, public outputs and learning reports, with
their files and themes.

Tree: HomePage (knowledge/) > LearningHubPage > PublicOutputPage, LearningReportPage

An output is a curated, non-attributed copy of members' learning that passed the Chatham House
gate (attribution/). These models moved here from knowledge/ and themes/ with their tables and
content types (learning/migrations/0001_initial.py), so every page, revision and permission
carried over.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import ItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from attribution.check import BLOCK, check
from attribution.forms import PublicPageForm
from attribution.gate import GatedPage, finding_message
from attribution.gate_editor import gate_panel
from attribution.public_text import PageText
from attribution.registry import registry_cached
from knowledge.admin_scope import PageReferencePanel
from knowledge.models import LISTING_PAGE_SIZE, Licence
from themes.models import Theme

from .forms import PublicOutputForm
from .report_blocks import ReportSectionsBlock, freeze_curated_outputs

PUBLIC_LICENCES = [choice for choice in Licence.choices if choice[0] != Licence.MEMBERS_ONLY]


def licence_from_environment() -> str:
    return settings.PUBLIC_OUTPUT_LICENCE  # CC-BY-NC-SA-4.0 unless PUBLIC_OUTPUT_LICENCE is set


@register_setting(icon="site")
class PublicationSettings(BaseSiteSetting):
    """How the public side names who publishes it, and the licence new outputs get: site admins
    change them in Settings. They are public text, so they pass the non-attribution check."""

    publisher_name = models.CharField(
        max_length=120,
        default="Practice Commons",
        help_text="The programme as publisher: in feed titles, page metadata and the API. "
        "The name of a programme or organisation, never of a person.",
    )
    feed_author = models.CharField(
        max_length=120,
        default="The convener",
        help_text="The author an Atom feed must name: a role, never a person.",
    )
    default_licence = models.CharField(
        max_length=24,
        choices=PUBLIC_LICENCES,
        default=licence_from_environment,
        help_text="The licence a new public output gets unless the convener chooses another.",
    )

    class Meta:
        verbose_name = "publication"

    def clean(self):
        super().clean()
        registry = registry_cached()
        errors = {}
        for name in ("publisher_name", "feed_author"):
            where = PageText(
                name, str(self._meta.get_field(name).verbose_name), getattr(self, name)
            )
            blocks = [f for f in check(where.text, registry) if f.severity == BLOCK]
            if blocks:
                errors[name] = [finding_message(where, finding) for finding in blocks]
        if errors:
            raise ValidationError(errors)


def default_output_licence() -> str:
    """The licence a new output gets: the default site's publication setting, if a site admin
    saved one, else PUBLIC_OUTPUT_LICENCE."""
    stored = PublicationSettings.objects.filter(site__is_default_site=True)
    return stored.values_list("default_licence", flat=True).first() or licence_from_environment()


class LearningHubPage(RoutablePageMixin, GatedPage):
    """The public learning hub: what the programme has learned, by theme, for anyone to read.

    Its children are the public outputs, derived copies of members' learning that passed the
    Chatham House gate; nothing under it ever shows who said what. Routes: the hub itself
    (latest outputs, 20 to a page, and the themes with their counts) and one page per theme,
    `themes/<slug>/`. Queries do not grow with the number of outputs: a COUNT and a SELECT for
    the page of cards, one prefetch of the cards' themes, one query for the theme counts."""

    # Addresses under the hub that are not outputs: the theme pages and the feeds (routes here),
    # so an output may not take one of these as its slug.
    RESERVED_SLUGS = frozenset({"themes", "feed"})

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro"), gate_panel()]
    base_form_class = PublicPageForm
    parent_page_types = ["knowledge.HomePage"]
    subpage_types = ["learning.PublicOutputPage", "learning.LearningReportPage"]
    max_count = 1  # one hub: the home page, the feeds and the sitemap point at it

    class Meta:
        db_table = "knowledge_learninghubpage"  # kept when it moved from knowledge/

    def outputs(self):
        """The live public outputs under the hub, newest first, with their themes for cards."""
        return (
            PublicOutputPage.objects.live()
            .public()
            .child_of(self)
            .prefetch_related(PublicOutputPage.card_themes())
            .order_by("-first_published_at", "-pk")
        )

    @staticmethod
    def themes_with_outputs(outputs):
        """The themes that tag at least one of these outputs, each with `output_count`."""
        return (
            Theme.objects.filter(tagged_outputs__content_object__in=outputs.values("pk"))
            .annotate(output_count=models.Count("tagged_outputs"))
            .order_by("sort_order", "name")
        )

    def get_cached_paths(self):
        """What a CDN must purge when the hub changes (learning/cdn.py): the hub, its feeds and
        every theme's page and feeds (all of them the hub's routes)."""
        paths = ["/", "feed/", "feed/atom/"]
        for slug in Theme.objects.values_list("slug", flat=True):
            paths += [f"themes/{slug}/", f"themes/{slug}/feed/", f"themes/{slug}/feed/atom/"]
        return paths

    @path("", name="index")
    def index(self, request):
        outputs = self.outputs()
        listing = Paginator(outputs, LISTING_PAGE_SIZE).get_page(request.GET.get("page"))
        return self.render(
            request,
            context_overrides={
                "hub": self,
                "listing": listing,
                "themes": self.themes_with_outputs(outputs),
            },
        )

    @path("themes/<slug:theme_slug>/", name="theme")
    def theme(self, request, theme_slug):
        theme = get_object_or_404(Theme, slug=theme_slug)
        outputs = self.outputs().filter(themed_items__tag=theme)
        listing = Paginator(outputs, LISTING_PAGE_SIZE).get_page(request.GET.get("page"))
        return self.render(
            request,
            template="learning/learning_theme.html",
            context_overrides={"hub": self, "theme": theme, "listing": listing},
        )

    # The feeds are the hub's own routes, so their addresses follow the hub's slug.
    @path("feed/", name="feed")
    def feed(self, request):
        return self.serve_feed(request)

    @path("feed/atom/", name="feed_atom")
    def feed_atom(self, request):
        return self.serve_feed(request, atom=True)

    @path("themes/<slug:theme_slug>/feed/", name="theme_feed")
    def theme_feed(self, request, theme_slug):
        return self.serve_feed(request, theme_slug=theme_slug)

    @path("themes/<slug:theme_slug>/feed/atom/", name="theme_feed_atom")
    def theme_feed_atom(self, request, theme_slug):
        return self.serve_feed(request, theme_slug=theme_slug, atom=True)

    def serve_feed(self, request, *, theme_slug=None, atom=False):
        from .syndication import outputs_atom, outputs_rss  # it reads these models

        return (outputs_atom if atom else outputs_rss)(request, theme_slug=theme_slug)

    def feed_url(self, *, theme=None, atom=False) -> str:
        """The address of this hub's RSS or Atom feed, of every output or of one theme's."""
        route = "theme_feed" if theme is not None else "feed"
        args = [theme.slug] if theme is not None else []
        return self.url + self.reverse_subpage(route + ("_atom" if atom else ""), args=args)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if base:
            for theme in self.themes_with_outputs(self.outputs()):
                urls.append(
                    {
                        "location": base.rstrip("/")
                        + "/"
                        + self.reverse_subpage("theme", args=[theme.slug]),
                    }
                )
        return urls


class PublicOutputPage(GatedPage):
    """A curated, non-attributed output: what the wider sector reads of members' learning.

    A derived copy with its own history: made from one or more members-only pages (its
    sources, which only members and conveners see), never sharing their revisions. Public
    pages show no author, editor or attendee: "Published by the convener" and the date."""

    class Kind(models.TextChoices):
        INSIGHT = "insight", "Insight"
        SESSION_LEARNING = "session_learning", "Learning from a session"
        ANSWERED_CHALLENGE = "answered_challenge", "An answered challenge"
        CASE_STUDY = "case_study", "Case study"
        SHARED_TOOL = "shared_tool", "Shared tool"
        REPORT = "report", "Learning report"  # LearningReportPage's, and only theirs

    kind = models.CharField(max_length=24, choices=Kind.choices, default=Kind.INSIGHT)
    summary = models.TextField(
        help_text="What a reader learns, in two or three sentences, in role language only."
    )
    body = RichTextField(
        blank=True, features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]
    )
    themes = ClusterTaggableManager(
        through="learning.ThemedOutput", blank=True, help_text="Choose from the programme's themes."
    )
    licence = models.CharField(
        max_length=24,
        choices=PUBLIC_LICENCES,
        default=default_output_licence,
        help_text="The licence readers may reuse this output and its files under.",
    )
    sources = ParentalManyToManyField(
        "knowledge.KnowledgePage",
        blank=True,
        related_name="public_outputs",
        help_text="The members-only pages this output was curated from. Only members and "
        "conveners see these links.",
    )

    # Not public text: the gate does not check what readers never see (attribution/gate.py).
    gate_private_fields = ("sources",)

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("themes"),
        InlinePanel("files", label="Files to download"),
        FieldPanel("licence"),
        gate_panel(),
    ]
    sources_panels = [PageReferencePanel("sources", widget=forms.CheckboxSelectMultiple)]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(sources_panels, heading="Sources (members only)"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )
    base_form_class = PublicOutputForm
    parent_page_types = ["learning.LearningHubPage"]
    subpage_types = []
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]

    class Meta:
        db_table = "knowledge_publicoutputpage"  # kept when it moved from knowledge/

    # Where readers find each licence's terms (the "deed"), linked wherever the licence shows.
    LICENCE_DEEDS = {
        Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
        Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
        Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
        Licence.OGL: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    }

    @staticmethod
    def card_themes() -> models.Prefetch:
        """The themes an output's card shows, in the programme's order: one query a listing."""
        return models.Prefetch(
            "themed_items",
            queryset=ThemedOutput.objects.select_related("tag").order_by(
                "tag__sort_order", "tag__name"
            ),
        )

    @staticmethod
    def public_files(files, members_only: set[int] | None = None) -> list:
        """The files readers may have: none from a members-only collection, even one attached
        before the page form refused them (knowledge/document_choices.py)."""
        from attribution.document_choices import members_only_collection_ids

        files = list(files)
        if files and members_only is None:
            members_only = members_only_collection_ids()
        return [f for f in files if f.document.collection_id not in (members_only or set())]

    @property
    def licence_url(self) -> str:
        return self.LICENCE_DEEDS.get(self.licence, "")

    def clean(self):
        super().clean()
        if self.slug in LearningHubPage.RESERVED_SLUGS:
            raise ValidationError(
                {"slug": f"'{self.slug}' is the address of one of the learning hub's own pages."}
            )

    def get_context(self, request, *args, **kwargs):
        # Readers see the kind, title, summary, body, themes, files and licence, "Published by
        # the convener" and the date: never the sources, owner, editors or revision history.
        context = super().get_context(request, *args, **kwargs)
        parent_path = self.path[: -self.steplen] if self.path else ""
        context["hub"] = LearningHubPage.objects.filter(path=parent_path).first()
        context["themes"] = list(self.themes.all())
        context["files"] = self.public_files(self.files.all().select_related("document"))
        return context


class LearningReportPage(PublicOutputPage):
    """A programme's phase report or themed briefing: a public output like any other (on the
    hub and theme pages, in the feeds, sitemap and API, through the gate), written by the
    convener from curated learning, and published as a web page and an accessible PDF.

    Its summary is the short description cards and feeds show; its body is the executive
    summary. Then sections, each ending in summary points, and a conclusion. The PDF is made
    from the same content each time the report is published (learning/report_pdf.py); if it
    cannot be made the web page still publishes, and the convener is told why."""

    publication_date = models.DateField(
        default=timezone.localdate,
        help_text="The date the report gives as its publication date, on the page and the PDF.",
    )
    sections = StreamField(
        ReportSectionsBlock(),
        blank=True,
        help_text="Each section ends in summary points. Quotes are attributed by role only.",
    )
    conclusion = RichTextField(blank=True, features=["bold", "italic", "ol", "ul", "link"])
    pdf = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    pdf_problem = models.TextField(
        blank=True,
        editable=False,
        help_text="Why the PDF could not be made the last time the report was published.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary", heading="Summary for cards and feeds"),
        FieldPanel("body", heading="Executive summary"),
        FieldPanel("sections"),
        FieldPanel("conclusion"),
        FieldPanel("themes"),
        FieldPanel("publication_date"),
        InlinePanel("files", label="Other files to download"),
        FieldPanel("licence"),
        gate_panel(),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(PublicOutputPage.sources_panels, heading="Sources (members only)"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )
    parent_page_types = ["learning.LearningHubPage"]
    subpage_types = []
    search_fields = [
        *PublicOutputPage.search_fields,
        index.SearchField("sections"),
        index.SearchField("conclusion"),
    ]
    template = "learning/learning_report_page.html"

    class Meta:
        db_table = "knowledge_learningreportpage"  # kept when it moved from knowledge/
        verbose_name = "learning report"

    def clean(self):
        super().clean()
        self.kind = PublicOutputPage.Kind.REPORT
        freeze_curated_outputs(self.sections)

    def save(self, *args, **kwargs):
        self.kind = PublicOutputPage.Kind.REPORT
        return super().save(*args, **kwargs)


class PublicOutputFile(Orderable):
    """A file readers can download from a public output, under the output's licence."""

    output = ParentalKey(PublicOutputPage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.PROTECT, related_name="+")

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        db_table = "knowledge_publicoutputfile"  # kept when it moved from knowledge/

    def clean(self):
        # Whatever path adds it: a community's members-only file is never a public download.
        # Not named here: the editor may not be allowed to see its title (see the page form).
        from attribution.document_choices import in_public_collection, public_problem

        super().clean()
        if self.document_id and not in_public_collection(self.document):
            raise ValidationError({"document": public_problem(self.document, named=False)})


class ThemedOutput(ItemBase):
    """The link between a public output and one of its themes (kept in page revisions)."""

    tag = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="tagged_outputs")
    content_object = ParentalKey(
        PublicOutputPage, on_delete=models.CASCADE, related_name="themed_items"
    )

    class Meta:
        db_table = "themes_themedoutput"  # kept when it moved from themes/
