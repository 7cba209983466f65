"""The domain vocabulary: twelve themes that tag all knowledge, and a glossary of terms.

Themes are a controlled taxonomy (a django-taggit tag model with free tagging off): editors pick
from the list, and an unknown theme is an error. The glossary records the synonyms and acronyms
that search treats as the same thing ("ISF" and "individual service fund").
"""

from django.core.exceptions import ValidationError
from django.db import models
from taggit.models import TagBase

from .aliases import split_aliases


class ThemeQuerySet(models.QuerySet):
    def resolve(self, names: list[str]) -> list["Theme"]:
        """The themes with these names (any case), or a ValidationError naming the unknown ones."""
        wanted = {name.strip().casefold(): name.strip() for name in names if name.strip()}
        found = {theme.name.casefold(): theme for theme in self.all()}
        unknown = [original for key, original in wanted.items() if key not in found]
        if unknown:
            raise ValidationError(
                "Not one of the programme's themes: %(unknown)s. Choose from: %(known)s.",
                params={
                    "unknown": ", ".join(f"'{name}'" for name in unknown),
                    "known": ", ".join(theme.name for theme in found.values()),
                },
                code="unknown_theme",
            )
        return [found[key] for key in wanted]


class Theme(TagBase):
    """A domain theme such as commissioning or individual service funds (ISFs)."""

    free_tagging = False

    objects = ThemeQuerySet.as_manager()

    description = models.TextField(blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class GlossaryTerm(models.Model):
    """A term of the sector with its synonyms and acronyms, read by search to expand queries."""

    term = models.CharField(max_length=150, unique=True)
    synonyms = models.TextField(
        blank=True,
        help_text="Synonyms and acronyms that mean the same thing, comma-separated, "
        "for example 'ISF'.",
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="glossary_terms"
    )
    meaning = models.TextField(blank=True)

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term

    @property
    def synonym_list(self) -> list[str]:
        return split_aliases(self.synonyms)

    def clean(self):
        if self.term.strip().casefold() in {s.casefold() for s in self.synonym_list}:
            raise ValidationError({"synonyms": "A term cannot be its own synonym."})
