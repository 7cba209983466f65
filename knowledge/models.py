"""Page types: the public home and about pages, each community's members-only section, and the
knowledge inside it (session notes, insights, shared tools, case studies, challenge threads).

Tree: Root > HomePage (public) > AboutPage
                               > CommunityHomePage (restricted to its community's group)
                                   > SessionNote, Insight, SharedTool, CaseStudy, ChallengeThread

Every knowledge page inherits KnowledgePage, which holds what they share: themes, and the
non-attributed summary, the only text of a members-only page that may ever become public.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.coreutils import find_available_slug
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from members.models import Community, Membership
from themes.models import Theme, ThemedPage

from .admin_scope import PageReferencePanel, page_reference_refusal
from .blocks import MEMBERS_ONLY_RICH_TEXT_FEATURES, SessionRecordBlock
from .forms import (
    CommunityHomePageForm,
    KnowledgePageForm,
    MembersOnlyCopyForm,
    PublicOutputForm,
    PublicPageForm,
)
from .gate import GatedPage
from .gate_editor import gate_panel
from .markdown import (
    DESCRIPTION_MAX,
    HOW_TO_USE_MAX,
    LEARNING_MAX,
    QUESTION_MAX,
    REPLY_MAX,
    StoredMarkdown,
)
from .privacy import placement_refusal
from .report_blocks import ReportSectionsBlock, freeze_curated_outputs

LISTING_PAGE_SIZE = 20
# A section's sub-routes win over its child pages, so a knowledge page with one of these slugs
# could never be reached (see CommunityHomePage's routes).
SECTION_ROUTE_SLUGS = {
    "threads", "insights", "tools", "sessions", "case-studies", "members", "themes", "review",
}  # fmt: skip


def refuse_alias(page: Page) -> None:
    """An alias is served under its own ancestors' privacy, not its source's, so an alias of
    members-only content outside its section would be public. Checked on save, because code,
    APIs and alias syncing all skip the admin's copy form."""
    if page.alias_of_id:
        raise ValidationError("Members-only pages cannot be aliased: copy the page instead.")


class HomePage(GatedPage):
    """The public front door: what Practice Commons is, and the way in for members."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro"), gate_panel()]
    base_form_class = PublicPageForm  # public: the Chatham House gate checks it on publish
    subpage_types = [
        "knowledge.AboutPage",
        "knowledge.CommunityHomePage",
        "knowledge.LearningHubPage",
    ]
    max_count = 1  # one site, one front door

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Public listings read live, public pages only: never a community's section.
        context["public_pages"] = self.get_children().live().public().in_menu()
        context["communities"] = Community.objects.for_user(request.user).with_live_section()
        return context


class AboutPage(GatedPage):
    """A public page of plain information: about the programme, how to join."""

    body = RichTextField(features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])

    content_panels = [*Page.content_panels, FieldPanel("body"), gate_panel()]
    base_form_class = PublicPageForm  # public: the Chatham House gate checks it on publish
    parent_page_types = ["knowledge.HomePage"]
    subpage_types = []
    search_fields = [*Page.search_fields, index.SearchField("body")]


class CommunityHomePage(RoutablePageMixin, GatedPage):
    """A community's members-only section and its home: activity, members, themes.

    The section is restricted to the community's readers group whenever it is saved, so its
    pages, sub-routes (theme pages, directory) and children are served only to that community.
    """

    community = models.OneToOneField(Community, on_delete=models.PROTECT, related_name="section")
    welcome = models.TextField(blank=True, help_text="A short welcome shown to members.")

    content_panels = [*Page.content_panels, FieldPanel("community"), FieldPanel("welcome")]
    base_form_class = CommunityHomePageForm
    parent_page_types = ["knowledge.HomePage"]
    subpage_types = [
        "knowledge.SessionNote",
        "knowledge.Insight",
        "knowledge.SharedTool",
        "knowledge.CaseStudy",
        "knowledge.ChallengeThread",
    ]

    def clean(self):
        super().clean()
        refuse_alias(self)

    def save(self, *args, **kwargs):
        refuse_alias(self)
        super().save(*args, **kwargs)
        from .services import community_section_secure

        community_section_secure(section=self)

    def knowledge(self):
        return KnowledgePage.objects.live().child_of(self)

    def free_slug(self, title: str) -> str:
        """A slug for a new child page: unused here, and not one of the section's routes."""
        base = slugify(title)[:80].strip("-") or "page"
        if base in SECTION_ROUTE_SLUGS:
            base = f"{base}-page"
        return find_available_slug(self, base)

    @path("")
    def home(self, request):
        today = timezone.localdate()
        return self.render(
            request,
            context_overrides={
                "latest": self.knowledge()
                .select_related("content_type")
                .order_by("-first_published_at")[:10],
                "upcoming_sessions": SessionNote.objects.live()
                .child_of(self)
                .filter(date__gte=today)
                .order_by("date")[:3],
                "open_threads": ChallengeThread.objects.live()
                .child_of(self)
                .exclude(status=ChallengeThread.Status.ANSWERED)
                .order_by("-first_published_at")[:5],
                "themes": self.themes_in_use(),
                "can_review": contributions.may_review(section=self, user=request.user),
            },
        )

    # Members' own contributions and the listings; the views live beside the models.
    @path("threads/new/", name="thread_open")
    def thread_open(self, request):
        return thread_views.thread_open(request, section=self)

    @path("insights/new/", name="insight_record")
    def insight_record(self, request):
        return contribution_views.insight_record(request, section=self)

    @path("tools/new/", name="tool_share")
    def tool_share(self, request):
        return contribution_views.tool_share(request, section=self)

    @path("review/", name="review")
    def review(self, request):
        return contribution_views.review(request, section=self)

    @path("members/", name="directory")
    def directory(self, request):
        memberships = (
            Membership.objects.filter(community=self.community)
            .select_related("member__organisation")
            .order_by("member__display_name")
        )
        return self.render(
            request,
            template="knowledge/community_directory.html",
            context_overrides={"memberships": memberships},
        )

    @path("themes/<slug:theme_slug>/", name="theme")
    def theme(self, request, theme_slug):
        theme = get_object_or_404(Theme, slug=theme_slug)
        pages = (
            self.knowledge()
            .filter(themed_items__tag=theme)
            .select_related("content_type")
            .order_by("-first_published_at", "-pk")
        )
        listing = Paginator(pages, LISTING_PAGE_SIZE).get_page(request.GET.get("page"))
        return self.render(
            request,
            template="knowledge/community_theme.html",
            context_overrides={"theme": theme, "listing": listing},
        )

    # Sub-routes win over child pages, so only these fixed names: a knowledge page cannot be
    # given one of them (or members, themes, review) as its slug.
    @re_path(r"^(?P<kind>threads|insights|tools|sessions|case-studies)/$", name="listing")
    def listing(self, request, kind):
        return listing_views.section_listing(request, section=self, kind=kind)

    def themes_in_use(self):
        return (
            Theme.objects.filter(
                tagged_pages__content_object__path__startswith=self.path,
                tagged_pages__content_object__live=True,
            )
            .annotate(page_count=models.Count("tagged_pages"))
            .order_by("sort_order", "name")
        )


class KnowledgePage(GatedPage):
    """What every piece of a community's knowledge has: themes and a non-attributed summary."""

    summary = models.TextField(
        "non-attributed summary",
        blank=True,
        help_text="The only part of this page that may ever leave the members' area. "
        "Name roles, not people or organisations ('a council commissioner').",
    )
    themes = ClusterTaggableManager(
        through=ThemedPage, blank=True, help_text="Choose from the programme's themes."
    )

    base_form_class = KnowledgePageForm
    copy_form_class = MembersOnlyCopyForm
    parent_page_types = ["knowledge.CommunityHomePage"]
    subpage_types = []
    is_creatable = False  # a base for the concrete types below, never a page of its own

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]
    summary_panels = [FieldPanel("summary"), FieldPanel("themes")]

    def community_section(self):
        return CommunityHomePage.objects.ancestor_of(self).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["section"] = self.community_section()
        return context

    # The fields that point at another page, whose title the page shows its readers.
    page_references: tuple[str, ...] = ()

    def clean(self):
        super().clean()
        refuse_alias(self)
        if self.slug in SECTION_ROUTE_SLUGS:
            raise ValidationError(
                {"slug": f"'{self.slug}' is the address of one of the section's own pages."}
            )
        if self.path:  # in the tree; a new page's form checks against its parent instead
            self.page_references_check(self.community_section())

    def page_references_check(self, section) -> None:
        """Refuse a reference to a page that this page's readers may not see."""
        errors = {
            name: refusal
            for name in self.page_references
            if (refusal := page_reference_refusal(section, getattr(self, name)))
        }
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        refuse_alias(self)
        return super().save(*args, **kwargs)

    def copy(self, *args, to=None, **kwargs):
        # Code and APIs copy without the admin's copy form; moves are guarded by a signal.
        refusal = placement_refusal(self, to or self.get_parent())
        if refusal:
            raise ValidationError(refusal)
        return super().copy(*args, to=to, **kwargs)


class SessionNote(KnowledgePage):
    """The record of one meeting of the community, under the Chatham House rule."""

    class Format(models.TextChoices):
        FACE_TO_FACE = "face_to_face", "Face to face"
        ONLINE = "online", "Online"
        WEBINAR = "webinar", "Webinar"
        MASTERCLASS = "masterclass", "Masterclass"
        OPEN_SESSION = "open_session", "Open session"

    date = models.DateField()
    format = models.CharField(max_length=16, choices=Format.choices, default=Format.ONLINE)
    attendees = ParentalManyToManyField(
        "members.Member", blank=True, related_name="sessions_attended"
    )
    agenda = models.TextField(blank=True)
    record = StreamField(SessionRecordBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("date"), FieldPanel("format")], heading="When and how"),
        FieldPanel("attendees"),
        InlinePanel("guests", label="Named guests"),
        FieldPanel("agenda"),
        FieldPanel("record"),
        *KnowledgePage.summary_panels,
    ]
    search_fields = [
        *KnowledgePage.search_fields,
        index.SearchField("agenda"),
        index.SearchField("record"),
        index.FilterField("date"),
    ]

    class Meta:
        verbose_name = "session note"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attendees"] = self.attendees.select_related("organisation")
        return context


class SessionGuest(Orderable):
    """A named guest at a session (a speaker, an observer): protected like a member."""

    session = ParentalKey(SessionNote, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(max_length=150)
    organisation = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=150, blank=True)
    consents_to_be_named = models.BooleanField(
        default=False, help_text="Has agreed, in writing, to be named in public outputs."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("organisation"),
        FieldPanel("role"),
        FieldPanel("consents_to_be_named"),
    ]

    def __str__(self):
        return self.name


def stored_html():
    """Where a Markdown field's rendered HTML is kept (see knowledge.markdown.StoredMarkdown)."""
    return models.TextField(blank=True, editable=False)


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
    """The licence public outputs get unless the convener chooses another (settings)."""
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


class ChallengeThread(StoredMarkdown, RoutablePageMixin, KnowledgePage):
    """A practice problem a member poses to the community, and the replies it draws."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        EXPLORING = "exploring", "Exploring"
        ANSWERED = "answered", "Answered"

    question = models.TextField(
        help_text=f"The question, in Markdown (up to {QUESTION_MAX:,} characters)."
    )
    question_html = stored_html()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)

    content_panels = [
        *Page.content_panels,
        FieldPanel("question"),
        FieldPanel("status"),
        *KnowledgePage.summary_panels,
    ]
    search_fields = [
        *KnowledgePage.search_fields,
        index.SearchField("question"),
        index.FilterField("status"),
    ]
    markdown_fields = {"question": QUESTION_MAX}

    class Meta:
        verbose_name = "challenge thread"

    @path("", name="thread")
    def thread(self, request):
        return thread_views.thread_page(request, thread=self)

    @path("status/", name="status")
    def status_change(self, request):
        return thread_views.status_change(request, thread=self)

    @path("follow/", name="follow")
    def follow(self, request):
        return thread_views.follow(request, thread=self)

    @path("summary/", name="summary")
    def summary_write(self, request):
        return thread_views.summary_write(request, thread=self)

    @path("replies/<int:reply_id>/edit/", name="reply_edit")
    def reply_edit(self, request, reply_id):
        return thread_views.reply_edit(request, thread=self, reply_id=reply_id)

    @path("replies/<int:reply_id>/withdraw/", name="reply_withdraw")
    def reply_withdraw(self, request, reply_id):
        return thread_views.reply_withdraw(request, thread=self, reply_id=reply_id)

    @path("replies/<int:reply_id>/learning/", name="reply_learning")
    def reply_learning(self, request, reply_id):
        return thread_views.reply_learning(request, thread=self, reply_id=reply_id)


class Reply(StoredMarkdown, models.Model):
    """A member's reply on a challenge thread, in Markdown.

    Replies are conversation, not curated content, so they live outside page revisions: a
    member posts one without publishing the thread. Edits keep the earlier wording in
    ReplyVersion; withdrawing removes the words and leaves a placeholder in the thread.
    """

    thread = models.ForeignKey(ChallengeThread, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        "members.Member", on_delete=models.SET_NULL, null=True, related_name="replies"
    )
    body = models.TextField()
    body_html = stored_html()
    is_learning = models.BooleanField(
        default=False, help_text="The convener marked this reply as the thread's learning."
    )
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    markdown_fields = {"body": REPLY_MAX}

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "replies"
        constraints = [
            models.UniqueConstraint(
                fields=["thread"],
                condition=models.Q(is_learning=True),
                name="one_learning_reply_per_thread",
            )
        ]

    def __str__(self):
        return f"Reply {self.pk} on {self.thread_id}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class ReplyVersion(StoredMarkdown, models.Model):
    """An earlier wording of a reply, kept when its author edits it."""

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="versions")
    body = models.TextField()
    body_html = stored_html()
    written_at = models.DateTimeField()

    markdown_fields = {"body": REPLY_MAX}

    class Meta:
        ordering = ["-written_at", "-pk"]

    def __str__(self):
        return f"Reply {self.reply_id} as written at {self.written_at:%Y-%m-%d %H:%M}"


class ThreadFollow(models.Model):
    """A member following a thread, to hear about new replies."""

    thread = models.ForeignKey(ChallengeThread, on_delete=models.CASCADE, related_name="follows")
    member = models.ForeignKey(
        "members.Member", on_delete=models.CASCADE, related_name="followed_threads"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "member"], name="follow_a_thread_once")
        ]

    def __str__(self):
        return f"{self.member} follows {self.thread}"


class LearningHubPage(RoutablePageMixin, GatedPage):
    """The public learning hub: what the programme has learned, by theme, for anyone to read.

    Its children are the public outputs, derived copies of members' learning that passed the
    Chatham House gate; nothing under it ever shows who said what. Routes: the hub itself
    (latest outputs, 20 to a page, and the themes with their counts) and one page per theme,
    `themes/<slug>/`. Queries do not grow with the number of outputs: a COUNT and a SELECT for
    the page of cards, one prefetch of the cards' themes, one query for the theme counts."""

    # Addresses under the hub that are not outputs: the theme pages (routes here) and the feeds
    # (config/urls.py), so an output may not take one of these as its slug.
    RESERVED_SLUGS = frozenset({"themes", "feed"})

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro"), gate_panel()]
    base_form_class = PublicPageForm
    parent_page_types = ["knowledge.HomePage"]
    subpage_types = ["knowledge.PublicOutputPage", "knowledge.LearningReportPage"]
    max_count = 1  # one hub: the home page, the feeds and the sitemap point at it

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
        """What a CDN must purge when the hub changes (knowledge/cdn.py): the hub, its feeds and
        every theme's page and feeds (config/urls.py routes the feeds here)."""
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
            template="knowledge/learning_theme.html",
            context_overrides={"hub": self, "theme": theme, "listing": listing},
        )

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
        through="themes.ThemedOutput", blank=True, help_text="Choose from the programme's themes."
    )
    licence = models.CharField(
        max_length=24,
        choices=[c for c in Licence.choices if c[0] != Licence.MEMBERS_ONLY],
        default=default_public_licence,
        help_text="The licence readers may reuse this output and its files under.",
    )
    sources = ParentalManyToManyField(
        "knowledge.KnowledgePage",
        blank=True,
        related_name="public_outputs",
        help_text="The members-only pages this output was curated from. Only members and "
        "conveners see these links.",
    )

    # Not public text: the gate does not check what readers never see (knowledge/gate.py).
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
    parent_page_types = ["knowledge.LearningHubPage"]
    subpage_types = []
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]

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
        from themes.models import ThemedOutput

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
        from .document_choices import members_only_collection_ids

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
    from the same content each time the report is published (knowledge/report_pdf.py); if it
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
    parent_page_types = ["knowledge.LearningHubPage"]
    subpage_types = []
    search_fields = [
        *PublicOutputPage.search_fields,
        index.SearchField("sections"),
        index.SearchField("conclusion"),
    ]
    template = "knowledge/learning_report_page.html"

    class Meta:
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

    def clean(self):
        # Whatever path adds it: a community's members-only file is never a public download.
        # Not named here: the editor may not be allowed to see its title (see the page form).
        from .document_choices import in_public_collection, public_problem

        super().clean()
        if self.document_id and not in_public_collection(self.document):
            raise ValidationError({"document": public_problem(self.document, named=False)})


# The page routes above hand requests to these views, which import the models in turn: import
# them once every model class exists.
from . import contribution_views, contributions, listing_views, thread_views  # noqa: E402
from .workflow import NonAttributionReviewTask  # noqa: E402, F401
