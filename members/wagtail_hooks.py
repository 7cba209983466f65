"""Admin for people: organisations, members, communities and memberships in one menu group."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Community, Member, Membership, Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "type", "region"]
    list_filter = ["type"]
    search_fields = ["name", "aliases"]


class MemberViewSet(SnippetViewSet):
    model = Member
    icon = "user"
    list_display = ["display_name", "organisation", "role_in_organisation"]
    search_fields = ["display_name", "aliases"]


class CommunityViewSet(SnippetViewSet):
    model = Community
    icon = "site"
    list_display = ["name", "domain", "start_date", "end_date"]


class MembershipForm(WagtailAdminModelForm):
    """A convener manages membership of the communities they convene, and no others."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None:
            self.fields["community"].queryset = Community.objects.convened_by(for_user)


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "link"
    list_display = ["member", "community", "role"]
    list_filter = ["community", "role"]
    edit_handler = ObjectList(
        [FieldPanel("member"), FieldPanel("community", widget=forms.Select), FieldPanel("role")],
        base_form_class=MembershipForm,
    )

    def get_queryset(self, request):
        return Membership.objects.filter(
            community__in=Community.objects.convened_by(request.user)
        ).select_related("member", "community")


class PeopleViewSetGroup(SnippetViewSetGroup):
    menu_label = "People"
    menu_icon = "group"
    menu_order = 250
    items = (CommunityViewSet, MembershipViewSet, MemberViewSet, OrganisationViewSet)


register_snippet(PeopleViewSetGroup)
