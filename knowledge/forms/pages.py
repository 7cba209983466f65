"""Admin forms for knowledge pages: the rules an editor meets as field errors, not surprises."""

from django.db.models import Q
from taggit.utils import parse_tags
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.pages import CopyForm

from attribution import document_choices
from members.permissions import ChoicesWithinReachMixin
from themes.models import Theme

from ..admin_scope import linked_pages_refusal, page_reference_refusal
from ..privacy import placement_refusal


class ThemesFormMixin:
    """For a page form with a `themes` field."""

    def clean_themes(self):
        # Wagtail's tag field silently drops tags that are not in a controlled vocabulary;
        # an editor who typed a theme we do not have should be told, not ignored.
        raw = self.data.get(self.add_prefix("themes"), "")
        return [theme.name for theme in Theme.objects.resolve(parse_tags(raw))]


class KnowledgePageForm(ThemesFormMixin, ChoicesWithinReachMixin, WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        attendees = self.fields.get("attendees")
        section = self.section()
        if attendees is not None and section is not None:
            # Only the community's own people are offered (and accepted): the others' names
            # are not the convener's to see. Those recorded already stay (they may have left).
            chosen = self.instance.attendees.all() if self.instance.pk else []
            attendees.queryset = attendees.queryset.filter(
                Q(memberships__community_id=section.specific.community_id)
                | Q(pk__in=[member.pk for member in chosen])
            ).distinct()

    def section(self):
        """The community section this page is (or is being added) in."""
        section = self.parent_page if self.instance._state.adding else None
        return section or self.instance.community_section()

    def clean(self):
        cleaned_data = super().clean()
        document_choices.form_check_documents(self, public=False)
        section = self.section()
        for name in self.instance.page_references:
            refusal = page_reference_refusal(section, cleaned_data.get(name))
            if refusal and name in self.fields:
                self.add_error(name, refusal)
                # Shown again empty: the chooser would print the refused page's title.
                self.data = self.data.copy()
                self.data[self.add_prefix(name)] = ""
        for name, value in list(cleaned_data.items()):
            if refusal := linked_pages_refusal(section, value):
                self.add_error(name, refusal)
        files = self.formsets.get("files")
        if section and files is not None:
            collection_id = section.specific.community.documents_collection_id
            for form in files.forms:
                document = form.cleaned_data.get("document") if form.is_valid() else None
                if (
                    document
                    and not form.cleaned_data.get("DELETE")
                    and (document.collection_id != collection_id)
                ):
                    form.add_error(
                        "document",
                        f"'{document.title}' is not in this community's members-only "
                        "collection, so other readers could open it. Upload it here instead.",
                    )
        return cleaned_data


class CommunityHomePageForm(ChoicesWithinReachMixin, WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance._state.adding:
            # Re-pointing a section would hand all its knowledge to another community.
            self.fields["community"].disabled = True
            self.fields["community"].help_text = "A section belongs to its community for good."
        else:
            self.fields["community"].queryset = self.fields["community"].queryset.filter(
                section__isnull=True
            )


class MembersOnlyCopyForm(CopyForm):
    """Copying a members-only page may not carry it out of its community's section."""

    def clean(self):
        cleaned_data = super().clean()
        destination = cleaned_data.get("new_parent_page") or self.page.get_parent()
        if cleaned_data.get("alias"):
            self.add_error("alias", "Members-only pages cannot be aliased: copy the page instead.")
        refusal = placement_refusal(self.page, destination)
        if refusal:
            self.add_error("new_parent_page", refusal)
        return cleaned_data
