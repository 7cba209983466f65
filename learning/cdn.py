"""A CDN or caching proxy in front of the public site, kept as honest as the local cache.

Off unless WAGTAILFRONTENDCACHE names a backend (Wagtail's frontend cache: an HTTP purge for
Varnish or nginx, or Cloudflare; config/settings/base.py reads them from the environment). Then:

- the responses the public cache stores (checked, and the same for every anonymous reader) are
  marked shareable for PUBLIC_CACHE_TTL: `public, max-age=0, s-maxage=<ttl>`, so the CDN keeps
  them and browsers ask again. Nothing else says it may be shared: set the CDN to cache only
  what does (Cloudflare's "respect origin headers", Varnish's default for responses that set
  no cookie is to cache them for its own TTL, so give it `beresp.ttl = 0s` otherwise).
- whenever the public cache is cleared (public_guard.public_cache_clear: a page a reader could
  see, or one a public page lists, published, unpublished, moved, deleted or redacted, as
  `purge_needed` says; any change to who is protected; never a member's draft), every public URL is
  purged once the change commits: each live public page with its cached paths (the hub's theme
  pages and feeds), the home page, the sitemap, robots.txt and the API, plus the address a page
  had before it was moved, unpublished or deleted. Addresses with a query string (?page=2,
  ?theme=) are not purged one by one: they expire after s-maxage.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.cache import patch_cache_control
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, PageViewRestriction, Site

# Site-wide addresses that list what is public (config/urls.py).
_SITE_URLS = ("sitemap", "robots_txt", "api-outputs", "api-themes")


def configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def mark_shareable(response) -> None:
    """Let the CDN keep this response, already checked and the same for every reader."""
    if configured():
        patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PUBLIC_CACHE_TTL)


class _Purge:
    """One purge per transaction, however many changes it makes: the addresses pages had before
    (collected as the changes happen) and every public address as it stands after the commit."""

    def __init__(self):
        self.former_urls: set[str] = set()

    def __call__(self):
        batch = PurgeBatch(self.former_urls)
        pages = Page.objects.live().public().specific().exclude(depth=1)
        batch.add_pages(pages)
        for page in pages:
            if page.specific_class.__name__ == "PublicOutputPage":
                batch.add_urls(_site_urls(reverse("api-output", args=[page.pk])))
        for name in _SITE_URLS:
            batch.add_urls(_site_urls(reverse(name)))
        batch.purge()


def purge_public_urls(instance=None, url_path_before: str | None = None) -> None:
    """Purge every public address from the CDN when the current transaction commits, and the
    address `instance` (a page) had, or had before a move."""
    if not configured():
        return
    connection = transaction.get_connection()
    purge = next(
        (func for _, func, _ in connection.run_on_commit if isinstance(func, _Purge)), None
    )
    if purge is None:
        purge = _Purge()
        transaction.on_commit(purge)  # at once when no transaction is open
    if isinstance(instance, PageViewRestriction):  # these pages stop being public
        paths = instance.page.get_descendants(inclusive=True).values_list("url_path", flat=True)
    elif isinstance(instance, Page):
        paths = filter(None, (url_path_before, instance.url_path))
    else:
        paths = ()
    for path in paths:
        purge.former_urls.update(_page_urls(path))


def _page_urls(url_path: str) -> list[str]:
    """The full URLs a page at this url_path is served at, on every site whose tree holds it."""
    return [
        root.root_url + url_path[len(root.root_path) - 1 :]
        for root in Site.get_site_root_paths()
        if url_path.startswith(root.root_path) and root.root_url
    ]


def _site_urls(path: str) -> list[str]:
    return [root.root_url + path for root in Site.get_site_root_paths() if root.root_url]
