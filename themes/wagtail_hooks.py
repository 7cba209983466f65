"""Admin for the domain vocabulary: themes and the glossary, editable by conveners."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import GlossaryTerm, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "sort_order"]
    form_fields = ["name", "slug", "description", "sort_order"]
    ordering = ["sort_order", "name"]


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    list_display = ["term", "synonyms", "theme"]
    list_filter = ["theme"]
    search_fields = ["term", "synonyms", "meaning"]
    form_fields = ["term", "synonyms", "theme", "meaning"]


class VocabularyViewSetGroup(SnippetViewSetGroup):
    menu_label = "Themes and glossary"
    menu_icon = "tag"
    menu_order = 260
    items = (ThemeViewSet, GlossaryTermViewSet)


register_snippet(VocabularyViewSetGroup)
