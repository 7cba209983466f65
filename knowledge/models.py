"""Page types: the public home and about pages, each community's members-only section, and the
knowledge inside it (session notes, insights, shared tools, case studies, challenge threads).

Tree: Root > HomePage (public) > AboutPage
                               > CommunityHomePage (restricted to its community's group)
                                   > SessionNote, Insight, SharedTool, CaseStudy, ChallengeThread

Every knowledge page inherits KnowledgePage, which holds what they share: themes, and the
non-attributed summary, the only text of a members-only page that may ever become public.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import ItemBase
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.coreutils import find_available_slug
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from attribution.check import Person
from attribution.forms import PublicPageForm
from attribution.gate import GatedPage
from attribution.gate_editor import gate_panel
from members.models import Community, Membership
from themes.models import Theme

from .admin_scope import PageReferencePanel, page_reference_refusal
from .blocks import MEMBERS_ONLY_RICH_TEXT_FEATURES, SessionRecordBlock
from .forms import CommunityHomePageForm, KnowledgePageForm, MembersOnlyCopyForm
from .markdown import (
    DESCRIPTION_MAX,
    HOW_TO_USE_MAX,
    LEARNING_MAX,
    QUESTION_MAX,
    REPLY_MAX,
    StoredMarkdown,
)
from .privacy import placement_refusal

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
        "learning.LearningHubPage",
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
        through="knowledge.ThemedPage", blank=True, help_text="Choose from the programme's themes."
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


class ThemedPage(ItemBase):
    """The link between a knowledge page and one of its themes (kept in page revisions)."""

    tag = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="tagged_pages")
    content_object = ParentalKey(
        KnowledgePage, on_delete=models.CASCADE, related_name="themed_items"
    )

    class Meta:
        db_table = "themes_themedpage"  # kept when it moved from themes/


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


def guests_to_protect() -> list[Person]:
    """Session guests who have not consented to be named, as the non-attribution registry
    protects them (registered with it in KnowledgeConfig.ready())."""
    rows = SessionGuest.objects.filter(consents_to_be_named=False).order_by("name")
    return [
        Person(name=name, organisation=organisation or None, role=role or None)
        for name, organisation, role in rows.values_list("name", "organisation", "role")
    ]


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


# The page routes above hand requests to these views, which import the models in turn: import
# them once every model class exists.

from . import contribution_views, contributions, listing_views, thread_views  # noqa: E402
