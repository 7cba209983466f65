"""Writes for community sections: creating one, and keeping it private."""

from django.db import transaction
from wagtail.models import Page, PageViewRestriction

from members.models import Community
from members.services import community_section_grant_conveners


def community_section_secure(*, section) -> None:
    """Restrict a section to its community's readers group, and nothing weaker.

    Runs on every save of the section, so a section can never be left public or merely
    'logged in' (any account) by accident; conveners get their editing rights here too.
    """
    community = section.community
    restrictions = PageViewRestriction.objects.filter(page=section)
    restrictions.exclude(restriction_type=PageViewRestriction.GROUPS).delete()
    restriction = restrictions.first() or PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([community.readers_group])
    community_section_grant_conveners(community=community, section=section)


@transaction.atomic
def community_section_create(*, community: Community, home: Page, welcome: str = ""):
    """Give a community its members-only section under the site's home page."""
    from ..models import CommunityHomePage

    section = CommunityHomePage(
        title=community.name, slug=community.slug, community=community, welcome=welcome
    )
    home.add_child(instance=section)
    section.save_revision().publish()
    return section
