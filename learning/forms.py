"""The public output's editor form."""

from attribution.forms import PublicPageForm
from knowledge.forms.pages import ThemesFormMixin
from knowledge.selectors import knowledge_pages_open_to


class PublicOutputForm(ThemesFormMixin, PublicPageForm):
    """A public output's editor. Its Sources tab offers only pages of the editor's own
    communities: a convener never sees another community's titles. Sources from elsewhere
    (another convener's) are kept as they are, unseen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kind = self.fields.get("kind")
        if kind is not None:  # a report is a page type of its own (LearningReportPage)
            kind.choices = [c for c in kind.choices if c[0] != "report"]
        field = self.fields.get("sources")
        self.unseen_sources = []
        if field is None or self.for_user is None:
            return
        field.queryset = knowledge_pages_open_to(self.for_user).order_by("title", "pk")
        chosen = [source.pk for source in self.instance.sources.all()]  # the draft's, unsaved too
        if chosen:
            self.unseen_sources = list(
                field.queryset.model.objects.filter(pk__in=chosen).exclude(
                    pk__in=field.queryset.values("pk")
                )
            )

    def clean_sources(self):
        return [*self.cleaned_data["sources"], *self.unseen_sources]
