"""Admin for people: organisations, members, communities and memberships in one menu group."""

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


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "link"
    list_display = ["member", "community", "role"]
    list_filter = ["community", "role"]


class PeopleViewSetGroup(SnippetViewSetGroup):
    menu_label = "People"
    menu_icon = "group"
    menu_order = 250
    items = (CommunityViewSet, MembershipViewSet, MemberViewSet, OrganisationViewSet)


register_snippet(PeopleViewSetGroup)
