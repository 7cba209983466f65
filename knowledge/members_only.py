"""Members-only addresses answer alike whether or not something is there.

A community's section and its documents refuse an outsider (a sign-in redirect for a visitor,
403 for another community's member: knowledge/wagtail_hooks.py). If a missing address there
answered 404 instead, anyone could confirm guessed slugs, or a document's (id, file name), by
the difference. So a 404 at a members-only address the reader may not read becomes that same
refusal. A reader who may read the section still gets the 404: they could see it anyway.
"""

from django.core.exceptions import PermissionDenied
from wagtail.models import Site
from wagtail.wagtail_hooks import require_wagtail_login

# Said to a signed-in reader of another community, whether or not anything is at the address.
REFUSAL = "This community's pages are for its members."
# Where config/urls.py serves documents. An id is no community's in particular, and private
# collections are any community's, so every document address counts as members-only.
DOCUMENTS = "/documents/"


def is_members_only_address(request) -> bool:
    """Whether this address is members-only and this reader may not read what it would hold:
    any document address, or an address under a community section they are not a reader of."""
    if request.path_info.startswith(DOCUMENTS):
        return True
    section = section_at(request)
    return section is not None and not all(
        restriction.accept_request(request) for restriction in section.get_view_restrictions()
    )


def section_at(request):
    """The community section this address lies under, there or not, by the sections' own
    url_path (as Wagtail routes: empty path segments are skipped)."""
    from .models import CommunityHomePage

    site = Site.find_for_request(request)
    if site is None or "\x00" in request.path_info:
        return None  # no page's address holds a NUL (and PostgreSQL refuses one in a query)
    segments = [segment for segment in request.path_info.split("/") if segment]
    root = site.root_page.url_path
    prefixes = [root + "".join(f"{s}/" for s in segments[:i]) for i in range(1, len(segments) + 1)]
    return CommunityHomePage.objects.filter(url_path__in=prefixes).first()


class MembersOnlyAddressMiddleware:
    """Answers a 404 at a members-only address as a refusal, as if something were there."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or not is_members_only_address(request):
            return response
        if not request.user.is_authenticated:
            return require_wagtail_login(next=request.get_full_path())
        raise PermissionDenied(REFUSAL)  # as for an existing page (knowledge/wagtail_hooks.py)
