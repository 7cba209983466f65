"""The public pages of the site: its front door and its pages of plain information."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from attribution.forms import PublicPageForm
from attribution.gate import GatedPage
from attribution.gate_editor import gate_panel
from members.models import Community


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
