"""The site's own links, in every page's header and footer: the public pages under the home page.

The header lists those marked "Show in menus" (the Promote tab); the footer lists them all, so
the learning hub, how to join, the accessibility statement and the privacy notice are one click
from anywhere. Community sections are restricted, so they are never listed here (members find
theirs through `my_communities`).

Two queries, then none: the links are kept in the public page cache, which is cleared whenever
a page under a public page (these included) is saved live, published, unpublished, moved or
deleted (learning/public_cache.py `purge_needed`). A cache that fails is a miss here, not an
error (config/cache.py): the links are read from the database instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.models import Site

from learning.public_cache import public_cache


@dataclass(frozen=True)
class SiteLink:
    title: str
    url: str
    in_menu: bool


def site_links(request) -> list[SiteLink]:
    """The live, unrestricted pages directly under this site's home page, in tree order."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    cache = public_cache()
    key = f"site-links:{site.pk}"
    links = cache.get(key) if cache is not None else None
    if links is None:
        pages = site.root_page.get_children().live().filter(view_restrictions__isnull=True)
        links = [SiteLink(page.title, page.get_url(request), page.show_in_menus) for page in pages]
        if cache is not None:
            cache.set(key, links)
    return links
