"""A community's members-only section, and what every page of knowledge in it shares.

Tree: Root > HomePage (public, models/site.py) > AboutPage
                                               > CommunityHomePage (restricted to its community)
                                                   > SessionNote, Insight, SharedTool, CaseStudy,
                                                     ChallengeThread

Every knowledge page inherits KnowledgePage, which holds what they share: themes, and the
non-attributed summary, the only text of a members-only page that may ever become public.

The section's routes hand each request to a view in knowledge/views/. The views import these
models, so the routes import the views when a request arrives, not when the models load.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.coreutils import find_available_slug
from wagtail.models import Page
from wagtail.search import index

from attribution.gate import GatedPage
from members.models import Community
from themes.models import Theme

from ..admin_scope import page_reference_refusal
from ..forms.pages import CommunityHomePageForm, KnowledgePageForm, MembersOnlyCopyForm
from ..privacy import placement_refusal
from ..services.sections import community_section_secure

LISTING_PAGE_SIZE = 20  # pages in a listing: the sections' and the learning hub's

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
        community_section_secure(section=self)

    def knowledge(self):
        return KnowledgePage.objects.live().child_of(self)

    def free_slug(self, title: str) -> str:
        """A slug for a new child page: unused here, and not one of the section's routes."""
        base = slugify(title)[:80].strip("-") or "page"
        if base in SECTION_ROUTE_SLUGS:
            base = f"{base}-page"
        return find_available_slug(self, base)

    # The section's own pages; members' contributions; the listings. The views live in
    # knowledge/views/ (see the module's docstring for why they are imported here).
    @path("")
    def home(self, request):
        from ..views import sections

        return sections.section_home(request, section=self)

    @path("threads/new/", name="thread_open")
    def thread_open(self, request):
        from ..views import threads

        return threads.thread_open(request, section=self)

    @path("insights/new/", name="insight_record")
    def insight_record(self, request):
        from ..views import contributions

        return contributions.insight_record(request, section=self)

    @path("tools/new/", name="tool_share")
    def tool_share(self, request):
        from ..views import contributions

        return contributions.tool_share(request, section=self)

    @path("review/", name="review")
    def review(self, request):
        from ..views import contributions

        return contributions.review(request, section=self)

    @path("members/", name="directory")
    def directory(self, request):
        from ..views import sections

        return sections.section_directory(request, section=self)

    @path("members/invite/", name="invite")
    def invite(self, request):
        from ..views import sections

        return sections.section_invite(request, section=self)

    @path("themes/<slug:theme_slug>/", name="theme")
    def theme(self, request, theme_slug):
        from ..views import sections

        return sections.section_theme(request, section=self, theme_slug=theme_slug)

    # Sub-routes win over child pages, so only these fixed names: a knowledge page cannot be
    # given one of them (or members, themes, review) as its slug.
    @re_path(r"^(?P<kind>threads|insights|tools|sessions|case-studies)/$", name="listing")
    def listing(self, request, kind):
        from ..views import sections

        return sections.section_listing(request, section=self, kind=kind)

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
