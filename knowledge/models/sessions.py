"""Session notes: the record of each meeting of a community, and its named guests."""

from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from attribution.check import Person

from ..blocks import SessionRecordBlock
from .section import KnowledgePage


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
