"""The public page cache: anonymous readers served without a query, and emptied by one rule.

Anonymous GET 200 responses of pages, feeds, the sitemap and the API, kept in the
PUBLIC_CACHE_ALIAS cache (see config/settings/base.py), checked before they are stored, and so
served with no query at all. Nothing personal is cached: not for a signed-in reader, nor any
request with a session or messages cookie or an Authorization header, nor any response that
sets a cookie, used a CSRF token, showed messages, is private or no-store, varies on anything
but Cookie, or comes from the admin, accounts or documents. The whole cache is cleared whenever
anything it could hold changes (`purge_needed` says which page changes do: a member's draft
does not): see `public_cache_clear`. learning/signal_handlers.py connects the receivers
here in LearningConfig.ready(), so every process that changes pages purges: web workers, the
command publishing scheduled pages, a shell.

Nothing is stored or served before the last check on anonymous responses
(attribution/last_check.py) has read it.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from wagtail.models import Page, PageViewRestriction

from attribution.gate import NOT_CONTENT
from attribution.last_check import refuse, response_blocks, text_kind
from attribution.public_text import ancestor_paths

from . import cdn

MAX_CACHED_BYTES = 2 * 1024 * 1024  # a bigger response is served, checked, but not kept


def public_cache():
    """The public page cache, or None when the settings define none (then nothing is cached,
    and every anonymous response is still checked)."""
    alias = getattr(settings, "PUBLIC_CACHE_ALIAS", "public_pages")
    return caches[alias] if alias in settings.CACHES else None


def _cache_key(request) -> str:
    # Scheme and host too: feeds and the sitemap print absolute URLs.
    return "public:" + hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()


def may_use_cache(request) -> bool:
    """Whether this request may be answered from the cache (and its response stored): a GET
    from a reader with no session, no messages waiting and no credentials."""
    cookies = request.COOKIES
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in cookies
        and CookieStorage.cookie_name not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path_info.startswith(tuple(getattr(settings, "PUBLIC_CACHE_EXCLUDE", ())))
        and public_cache() is not None
    )


_SHAREABLE_VARY = frozenset({"cookie", "accept-encoding"})


def may_store(request, response) -> bool:
    """Whether this (checked, anonymous) response is the same for every anonymous reader."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if text_kind(response.get("Content-Type", "")) is None or response.has_header(
        "Content-Encoding"
    ):
        return False
    if request.META.get("CSRF_COOKIE_USED"):
        return False  # a form's token belongs to this reader's cookie
    messages = getattr(request, "_messages", None)
    if messages is not None and len(messages):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    # Vary: Cookie is shareable here: only readers without a session get cached copies.
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if vary - _SHAREABLE_VARY:
        return False
    return len(response.content) <= MAX_CACHED_BYTES


def cache_get(request) -> HttpResponse | None:
    entry = public_cache().get(_cache_key(request))
    if entry is None:
        return None
    status, headers, content = entry
    return HttpResponse(content, status=status, headers=headers)


def cache_set(request, response) -> None:
    entry = (response.status_code, dict(response.headers.items()), response.content)
    public_cache().set(_cache_key(request), entry)


def public_cache_clear(instance=None, url_path_before=None, **kwargs) -> None:
    """Empty the public cache, now and again when the current transaction commits (or a
    request between the two could store a page checked against what is being changed).

    The whole cache, every time: working out which cached responses a change touches (the
    hub lists the page, feeds and the API repeat it, theme pages and the sitemap link it, a new
    member's name may be in any of them) would be a second, fallible copy of every template.
    Called only for changes a reader could see (`purge_needed`, and the receivers below): those
    are rare next to reads, and a cleared cache refills at the next request."""
    cdn.purge_public_urls(instance, url_path_before)  # when a CDN is configured
    if public_cache() is None:
        return
    _clear()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(
        func is _clear for _, func, _ in connection.run_on_commit
    ):
        transaction.on_commit(_clear)  # once per transaction, however many changes it makes


def _clear() -> None:
    cache = public_cache()
    if cache is not None:
        cache.clear()


def purge_needed(page: Page, *, was_live: bool = False) -> bool:
    """Whether a change to this page (saved, published, unpublished) can change what an
    anonymous reader gets, and so must empty the public cache.

    It can when the page is or was live (a draft is seen by no one) and it is either public
    itself, or a child of a public page, which may list it: a community's section going live
    changes the home page, an output published under the hub changes the hub, its feeds and
    the API. A member's draft is neither live nor under a public page, and a convener
    publishing members-only knowledge in a section changes no public page either: neither
    empties the cache. (Public implies a public parent, so one test of the parent covers both.)
    Who may see a page (view restrictions), moves and deletions, and who is protected always
    empty it: see the receivers below."""
    if not (page.live or was_live) or not page.path:
        return False
    parent_path = page.path[: -Page.steplen]
    return (
        bool(parent_path)
        and not PageViewRestriction.objects.filter(
            page__path__in=ancestor_paths(parent_path)
        ).exists()
    )


def remember_if_page_was_live(sender, instance, raw=False, update_fields=None, **kwargs):
    # A page saved offline may have been live until now (taken down in code, not unpublish()).
    if isinstance(instance, Page) and instance.pk and not instance.live and not raw:
        instance._was_live = Page.objects.filter(pk=instance.pk, live=True).exists()


def purge_after_page_save(sender, instance, update_fields=None, **kwargs):
    if not isinstance(instance, Page) or (update_fields and set(update_fields) <= NOT_CONTENT):
        return  # a revision saved, a lock taken: nothing a reader sees
    if purge_needed(instance, was_live=instance.__dict__.pop("_was_live", False)):
        public_cache_clear(instance=instance)  # a live page rewritten (a redaction), or listed


def purge_after_publish(sender, instance, **kwargs):
    if purge_needed(instance):
        public_cache_clear(instance=instance)


def purge_after_unpublish(sender, instance, **kwargs):
    if purge_needed(instance, was_live=True):
        public_cache_clear(instance=instance)


def _in_public_collection(item) -> bool:
    try:
        return not item.collection.get_view_restrictions().exists()
    except ObjectDoesNotExist:  # deleted with its collection: it may have been public
        return True


def remember_if_file_was_public(sender, instance, raw=False, **kwargs):
    if instance.pk and not raw:  # moved out of a public collection: was on public pages
        before = sender.objects.filter(pk=instance.pk).select_related("collection").first()
        instance._was_public = before is not None and _in_public_collection(before)


def purge_after_file_change(sender, instance, **kwargs):
    # A file in a members-only collection (a member's shared tool) is on no public page.
    if instance.__dict__.pop("_was_public", False) or _in_public_collection(instance):
        public_cache_clear(instance=instance)


# --- the middleware --------------------------------------------------------------------------


class PublicResponseMiddleware:
    """Serves anonymous readers from the public cache; checks every anonymous response before
    it is served or stored. Placed before the session middleware: a cached page costs no query,
    and every response passes here last, in the form it is sent."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cacheable = may_use_cache(request)
        if cacheable:
            cached = cache_get(request)
            if cached is not None:
                return cached  # checked when it was stored, and purged since if anything changed
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Members read members-only pages legitimately, and public pages with their sources
            # and their own name in the header: for their browser only, never a shared cache.
            if "no-store" not in response.get("Cache-Control", ""):
                patch_cache_control(response, private=True)
            return response
        blocks = response_blocks(request, response)
        if blocks:
            return refuse(request, response, blocks)
        if cacheable and may_store(request, response):
            cdn.mark_shareable(response)
            cache_set(request, response)
        return response
