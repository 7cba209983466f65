"""The last line of defence on anonymous responses, and the cache of public pages behind it.

The publishing gate (knowledge/gate.py) keeps names out of what goes public; this checks what
actually leaves, whatever produced it: a template that prints a member's name, a feed or API
serializer reading a field the gate never saw, a page written to the database behind the
gate's back. Every response to a reader who is not signed in is run through the
non-attribution check before it is served, or cached, in the form the reader would get (a
signed-in member's are not: members-only pages name members, legitimately):

- HTML parsed as a browser parses it (knowledge/html_text.py), so a name is read whole where a
  reader sees it whole ("Ami<wbr>na"): its text without <script> and <style> (JSON scripts are
  read as JSON), its comments, and the attribute values a reader or a crawler gets (alt, title,
  content, href, src, aria-label, ...); XML feeds and sitemaps through an XML parser, their
  CDATA and escaped HTML read as HTML; JSON's strings; any other text as it is.
- every header but the framework's own: Content-Disposition (a download's file name), Link,
  X-*. Streaming and file responses are served as they are, but their headers are checked.

A BLOCK finding replaces the response with templates/disclosure_refused.html (503: the page
is being checked; never the offending content), logged with the URL, where and what kind,
never the words: to the Python log every time, and at most once per URL an hour to the page's
history (the gate's BLOCKED entry) and by email to the conveners. Warnings are left to the
conveners, as in the gate. Names whose owners consented to be named in a live page that relies
on that consent are allowed everywhere: that person or organisation is legitimately public, and
the hub, feeds and API repeat what that page says. (The gate holds the stricter rule, one
consent for one page, at publication.)

What a visitor sends is their own, and the check never refuses a response because of it,
wherever it comes back; else the check is an oracle (`/search/?Hartley&q=isf` once answered 503
where `?Smith&q=isf` answered 200: anyone could test whether a name was a participant's, an
erased former member's or a guest's). What they sent (`submitted`: every query and form field,
key and value, `?Hartley` being the key "Hartley" with an empty value, and the request's own
path and full path) is set aside only where a response copies the request, never in its text:

- in a link to the request's own path (a search's filters, sort and pages, a listing's pages,
  the API's next and previous), the parameters whose key they sent; words added to what they
  sent under that key (a "did you mean" link) stay, and are checked;
- in any URL, a parameter that is the request's own path or full path (a sign-in link's
  ?next=), and a form field holding it (a hidden `next`);
- form fields (input values, textareas) holding what they sent under that field's name (the
  search box, a sign-in form shown back after an error); a JSON `q`, `query` or `search`.

So a page that names someone is refused whatever the visitor sends, that name included: its
text, metadata, JSON-LD and links elsewhere are read as always. Templates show what a visitor
sent only in those places (a search shows its query in its box, never in its text), and
headers they send (Referer, User-Agent, X-Forwarded-*) are echoed nowhere. Location is not
checked: it points back to what they asked for. tests/knowledge/test_public_guard_oracle.py
sends every kind of protected name everywhere a request can carry one, and compares the
answers with those to made-up names.

Public cache: anonymous GET 200 responses of pages, feeds, the sitemap and the API, kept in the
PUBLIC_CACHE_ALIAS cache (see config/settings/base.py), checked before they are stored, and so
served with no query at all. Nothing personal is cached: not for a signed-in reader, nor any
request with a session or messages cookie or an Authorization header, nor any response that
sets a cookie, used a CSRF token, showed messages, is private or no-store, varies on anything
but Cookie, or comes from the admin, accounts or documents. The whole cache is cleared whenever
anything it could hold changes (`purge_needed` says which page changes do: a member's draft
does not): see `public_cache_clear`. Those receivers connect when this
module is imported: the MIDDLEWARE setting imports it in every web process, and a process that
publishes without serving (a management command) needs it imported in KnowledgeConfig.ready().
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import re
from collections import Counter
from urllib.parse import (
    parse_qsl,
    unquote,
    unquote_plus,
    urlencode,
    urljoin,
    urlsplit,
    urlunsplit,
)
from xml.etree import ElementTree

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from wagtail.documents import get_document_model_string
from wagtail.images import get_image_model_string
from wagtail.log_actions import log
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import cdn
from .attribution import BLOCK, check
from .attribution_registry import registry_cached
from .gate import _NOT_CONTENT, ANONYMOUS_RESPONSE, BLOCKED, _ancestor_paths, conveners_notify
from .html_text import INLINE, NOT_TEXT, parse_document, walk

logger = logging.getLogger(__name__)

REFUSAL_TEMPLATE = "disclosure_refused.html"
NOTIFY_EVERY = 60 * 60  # seconds: at most one email and one page log entry per URL an hour
MAX_CACHED_BYTES = 2 * 1024 * 1024  # a bigger response is served, checked, but not kept

# --- what is text ----------------------------------------------------------------------------

_JSON_TYPES = ("application/json",)
_XML_TYPES = ("application/xml", "text/xml", "application/rss+xml", "application/atom+xml")
_UNCHECKED_TEXT = ("text/css", "text/javascript")


def text_kind(content_type: str) -> str | None:
    """How to read a body of this type: "html", "xml", "json", "text", or None (not text)."""
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime in ("text/html", "application/xhtml+xml"):
        return "html"
    if mime in _XML_TYPES or mime.endswith("+xml"):
        return "xml"
    if mime in _JSON_TYPES or mime.endswith("+json"):
        return "json"
    if mime.startswith("text/") and mime not in _UNCHECKED_TEXT:
        return "text"  # plain text, robots.txt, CSV, Markdown, calendars
    return None


# --- the text a reader gets ----------------------------------------------------------------

# The attribute values a reader, a screen reader or a crawler gets from a page.
_READ_ATTRS = frozenset(
    "alt title content href src srcset srcdoc action aria-label aria-description "
    "aria-valuetext placeholder label value download cite summary abbr poster".split()
)
# Read whole, not as markup: scripts (JSON ones are read as JSON), styles, what a textarea holds.
_READ_WHOLE = frozenset({"script", "style", "textarea"})
_URL_QUERY_RE = re.compile(r"""[^\s"'<>]*\?[^\s"'<>]+""")
_SPACE_RE = re.compile(r"\s+")
_KEY_RE = re.compile(r"@?[\w.:-]+")
_WORD_RE = re.compile(r"\w+")
_ECHO_KEYS = frozenset({"q", "query", "search"})


def _norm(value: str) -> str:
    return _SPACE_RE.sub(" ", value).strip().casefold()


def _words(value: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in _WORD_RE.findall(value))


def _address(value: str) -> str:
    """A URL or path as it is compared with the request's own: no scheme or host, decoded."""
    parts = urlsplit(value.strip())
    if parts.scheme or parts.netloc:
        value = urlunsplit(("", "", parts.path, parts.query, parts.fragment))
    return _norm(unquote_plus(value))


class Sent:
    """What a visitor sent that a response may copy back to them: every query and form field
    (key and values: `?Hartley` is the key "Hartley" with an empty value), and the request's
    own address (path, and path with query). Theirs, so never a disclosure where it is echoed;
    `residue` says what of a copy is not theirs, and so is still checked."""

    __slots__ = ("by_key", "words_by_key", "addresses", "path", "_own")

    def __init__(self, fields=(), path: str | None = None, full_path: str | None = None):
        by_key: dict[str, set[str]] = {}
        for key, value in fields:
            by_key.setdefault(_norm(key), set()).add(value)
        self.by_key = {key: frozenset(_norm(v) for v in values) for key, values in by_key.items()}
        self.words_by_key = {
            key: frozenset().union(*map(_words, values)) for key, values in by_key.items()
        }
        self.addresses = frozenset(_address(a) for a in (path, full_path) if a)
        self.path = unquote(path) if path else None
        self._own: dict[str, bool] = {}

    def __bool__(self) -> bool:
        return bool(self.by_key or self.addresses)

    def is_address(self, value: str) -> bool:
        """Whether this is the request's own path or full path (a sign-in link's ?next=)."""
        return "/" in value and _address(value) in self.addresses  # every path has a "/"

    def is_own(self, url: str) -> bool:
        """Whether this URL (relative, rooted or absolute: its query aside) is the request's own
        path, as the links a page makes to itself are (?page=2, a search's filters)."""
        if self.path is None:
            return False
        own = self._own.get(url)
        if own is None:
            target = urlsplit(urljoin("http://x" + self.path, url)).path
            own = self._own[url] = unquote(target) == self.path
        return own

    def residue(self, keys, value: str) -> str | None:
        """What of a value sent back under one of these keys is not the visitor's own: None
        when all of it is (their value, or their own words re-arranged, as a search's "did you
        mean" keeps the words it did not correct). What is left keeps its case, and a removed
        word still separates the words either side ("Zoe [sent] Hartley" is not a name)."""
        keys = [_norm(k) for k in keys if _norm(k) in self.by_key]
        if not keys:
            return value
        if _norm(value) in frozenset().union(*(self.by_key[k] for k in keys)):
            return None
        own = frozenset().union(*(self.words_by_key[k] for k in keys))
        rest = _WORD_RE.sub(lambda m: " ; " if m.group(0).casefold() in own else m.group(0), value)
        return rest if _WORD_RE.search(rest) else None


NOTHING_SENT = Sent()


def submitted(request) -> Sent:
    """What the visitor sent (query and form fields, keys and values, and the request's own
    address): echoed back to them, not disclosed."""
    fields = []
    forms = [request.GET]
    if request.method == "POST":
        try:
            forms.append(request.POST)
        except Exception:  # a body the view read as a stream: nothing echoed
            logger.debug("No form data to set aside for %s", request.path)
    for form in forms:
        for key, items in form.lists():
            fields += [(key, value) for value in items]
    return Sent(fields, request.path, request.get_full_path())


def _without_echoed_params(text: str, sent: Sent) -> str:
    """Set aside what URLs in this text copy of the request: in a link to the request's own
    path, the parameters the visitor sent ("?Hartley=&q=isf&page=2" → "?page=2", when they sent
    "?Hartley&q=isf"); in any URL, a parameter whose value is the request's own path or full
    path (a sign-in link's ?next=). A parameter they sent under a key, but with words added
    (a "did you mean" link), keeps the added words, and they are checked."""
    if not sent or "?" not in text:
        return text

    def clean(match):
        url = match.group(0)
        base, _, query = url.partition("?")
        query, hash_mark, fragment = query.partition("#")
        pairs = parse_qsl(html.unescape(query), keep_blank_values=True)
        own = sent.is_own(base)
        kept, changed = [], False
        for key, value in pairs:
            if sent.is_address(value):
                changed = True
                continue
            if own and _norm(key) in sent.by_key:
                changed = True
                rest = sent.residue([key], value)
                if rest is not None:
                    kept.append(("", rest))  # the key is theirs; what was added is not
                continue
            kept.append((key, value))
        if not changed:
            return url
        return base + ("?" + urlencode(kept) if kept else "") + hash_mark + fragment

    return _URL_QUERY_RE.sub(clean, text)


def _field_residue(attributes: dict[str, str | None], value: str, sent: Sent) -> str | None:
    """What of a form field's value is not the visitor's own: None when all of it is (what they
    typed in it, shown back after an error; a hidden `next` that is their own address)."""
    if sent.is_address(value):
        return None
    return sent.residue([attributes.get("name") or ""], value)


def html_text(source: str, echoes: Sent = NOTHING_SENT, *, xml: bool = False) -> str:
    """The words of an HTML (or XML) document as a reader gets them, one block to a line,
    followed by the attribute values that carry words. What the visitor sent (`echoes`) is set
    aside where the page copies it: in form fields (input values, textareas) and in URLs (see
    `_without_echoed_params`); never in the page's text."""
    if xml:
        return _xml_text(source, echoes)
    text: list[str] = []
    extras: list[str] = []
    for node, entering in walk(parse_document(source), opaque=_READ_WHOLE):
        if node.is_text_node:
            text.append(node.text_content)
            continue
        if node.is_comment_node:  # not on the screen, nor between words ("Fa<!-- -->tima")
            extras.append(node.comment_content or "")  # but its words are public bytes too
            continue
        if not node.is_element_node:
            continue
        tag = node.tag
        if entering:
            attributes = node.attributes
            for key, value in attributes.items():
                if key not in _READ_ATTRS or not value or not value.strip():
                    continue
                if key == "value" and tag == "input" and echoes:
                    value = _field_residue(attributes, value, echoes)  # their input, shown back
                    if value is None:
                        continue
                extras.append(_without_echoed_params(value, echoes))
            if tag == "script" and "json" in (attributes.get("type") or "").lower():
                extras.append(json_text(node.text(), echoes))  # JSON-LD, config: public bytes
            elif tag == "textarea":
                value = node.text()
                if echoes:
                    value = _field_residue(attributes, value, echoes) or ""
                text.append(value)
        if tag not in INLINE and tag not in NOT_TEXT:
            text.append("\n")
    return "\n".join(["".join(text), *extras])


def _xml_text(source: str, echoes: Sent) -> str:
    """The words of a feed or sitemap: every element's text and attribute values (CDATA and
    escaped HTML read as HTML), with what the visitor sent set aside in URLs (a feed's links
    are text: <link>, <id>). XML that does not parse is read as HTML, never less."""
    try:
        root = ElementTree.fromstring(source)  # noqa: S314 (our own response, read, not trusted)
    except (ElementTree.ParseError, ValueError):
        return html_text(source, echoes)
    out: list[str] = []

    def read(value: str | None) -> None:
        if not value or not value.strip():
            return
        if "<" in value and ">" in value:
            out.append(html_text(value, echoes))  # a feed's escaped HTML, as the reader sees it
        else:
            out.append(_without_echoed_params(value, echoes))

    for element in root.iter():
        for value in element.attrib.values():
            read(value)
        read(element.text)
        read(element.tail)
    return "\n".join(out)


def json_text(source: str | bytes, echoes: Sent = NOTHING_SENT) -> str:
    """Every key and string in a JSON document, one to a line (HTML in a string read as HTML),
    with what the visitor sent set aside where it is copied: in URLs (the API's next and
    previous pages), and a `q`, `query` or `search` that is their own query."""
    try:
        data = json.loads(source)
    except ValueError:
        raw = source.decode("utf-8", "replace") if isinstance(source, bytes) else source
        return _without_echoed_params(raw, echoes)
    out: list[str] = []

    def walk(value, key=None):
        if isinstance(value, dict):
            for k, v in value.items():
                if not _KEY_RE.fullmatch(str(k)):
                    out.append(str(k))  # a key that is words, not a field name or "@type"
                walk(v, str(k).lower())
        elif isinstance(value, list):
            for item in value:
                walk(item, key)
        elif isinstance(value, str):
            if key in _ECHO_KEYS and echoes:
                value = echoes.residue(_ECHO_KEYS, value)  # the API's echo of their query
                if value is None:
                    return
            if "<" in value and ">" in value:
                out.append(html_text(value, echoes))
            else:
                out.append(_without_echoed_params(value, echoes))

    walk(data)
    return "\n".join(out)


def body_text(
    content: bytes, content_type: str, charset: str, echoes: Sent = NOTHING_SENT
) -> str | None:
    """The text of a response body as a reader gets it, or None if it is not text."""
    kind = text_kind(content_type)
    if kind is None:
        return None
    text = content.decode(charset or "utf-8", "replace")
    if kind == "html":
        return html_text(text, echoes)
    if kind == "xml":
        return html_text(text, echoes, xml=True)
    if kind == "json":
        return json_text(text, echoes)
    return _without_echoed_params(text, echoes)


# Headers that carry no words of ours: framework values, cookies, and Location, which points
# back to what the reader asked for (a login redirect's ?next= is their own path).
_UNCHECKED_HEADERS = frozenset(
    {
        "content-type",
        "content-length",
        "content-encoding",
        "content-language",
        "date",
        "expires",
        "last-modified",
        "etag",
        "vary",
        "cache-control",
        "set-cookie",
        "location",
        "strict-transport-security",
        "content-security-policy",
        "referrer-policy",
        "cross-origin-opener-policy",
        "x-frame-options",
        "x-content-type-options",
        "retry-after",
    }
)


def header_texts(response) -> list[tuple[str, str]]:
    """The headers that can carry words (Content-Disposition's file name, Link, X-*), decoded."""
    return [
        (f"response header {name}", unquote(value))
        for name, value in response.headers.items()
        if name.lower() not in _UNCHECKED_HEADERS
    ]


# --- the check -------------------------------------------------------------------------------


def consented_public_names() -> list[str]:
    """The members and organisations named, with their consent, in a live page relying on it."""
    from members.models import NamingConsent

    rows = (
        NamingConsent.objects.active()
        .filter(
            relied_on_since__isnull=False,
            output__live=True,
        )
        .values_list("member__display_name", "organisation__name")
    )
    return sorted({member or organisation for member, organisation in rows})


def response_blocks(request, response) -> list[tuple[str, object]]:
    """What blocks in this response: (where, Finding) for each, the body and the headers."""
    texts = header_texts(response)
    if not response.streaming:  # a streamed file is served as it is: its headers are checked
        body = body_text(
            response.content, response.get("Content-Type", ""), response.charset, submitted(request)
        )
        if body:
            texts.append(("response body", body))
    texts = [(where, text) for where, text in texts if text.strip()]
    if not texts:
        return []
    registry = registry_cached()
    consented = consented_public_names()
    return [
        (where, finding)
        for where, text in texts
        for finding in check(text, registry, consented)
        if finding.severity == BLOCK
    ]


def refuse(request, response, blocks) -> HttpResponse:
    """The response to serve instead, with the incident reported."""
    report(request, response, blocks)
    # A file we will not send: close it. Not response.close(), which also announces the end of
    # the request (request_finished) and so closes the database connection mid-request.
    stream = getattr(response, "file_to_stream", None)
    if stream is not None:
        stream.close()
    refusal = render(request, REFUSAL_TEMPLATE, status=503)
    refusal["Retry-After"] = str(NOTIFY_EVERY)
    patch_cache_control(refusal, no_store=True)  # a CDN must not keep the refusal either
    return refusal


def report(request, response, blocks) -> None:
    """Where and what kind, never the words: every time to the log; once an hour per URL to the
    page's history and to the conveners."""
    kinds = Counter(finding.kind for _, finding in blocks)
    summary = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
    places = ", ".join(sorted({where for where, _ in blocks}))
    logger.warning(
        "Refused an anonymous response that named a participant: %s %s (%s in %s)",
        request.method,
        request.path,
        summary,
        places,
    )
    throttle = "public-guard:reported:" + hashlib.sha256(request.path.encode()).hexdigest()
    if not caches["default"].add(throttle, 1, NOTIFY_EVERY):
        return
    page = _page_for(request, response)
    if page is not None:
        log(
            page,
            BLOCKED,
            data={
                "path": ANONYMOUS_RESPONSE,
                "blocks": [{"field": where, "kind": finding.kind} for where, finding in blocks],
                "warnings": [],
            },
        )
    conveners_notify(
        subject=f"Refused to serve {request.path}: it named a participant",
        body=(
            f"An anonymous reader asked for {request.build_absolute_uri(request.path)} and the "
            f"non-attribution check found {summary} in {places}. Readers who are not signed in "
            "are being shown a 'this page is being checked' notice instead of it.\n\n"
            "Find what names someone on that page (or in the template, feed or API behind it), "
            "change it to role language or record the consent, then publish again. The words "
            "themselves are not repeated here.\n"
        ),
    )


def _page_for(request, response) -> Page | None:
    """The Wagtail page that made this response, if a page did."""
    page = (getattr(response, "context_data", None) or {}).get("page")
    if isinstance(page, Page):
        return page
    try:  # Wagtail keeps the route it served on the request: usually no query
        return Page.find_for_request(request, request.path_info)
    except Exception:  # reporting must never turn a refusal into an error
        return None


# --- the public cache ------------------------------------------------------------------------


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
            page__path__in=_ancestor_paths(parent_path)
        ).exists()
    )


def _page_saving(sender, instance, raw=False, update_fields=None, **kwargs):
    # A page saved offline may have been live until now (taken down in code, not unpublish()).
    if isinstance(instance, Page) and instance.pk and not instance.live and not raw:
        instance._was_live = Page.objects.filter(pk=instance.pk, live=True).exists()


def _page_saved(sender, instance, update_fields=None, **kwargs):
    if not isinstance(instance, Page) or (update_fields and set(update_fields) <= _NOT_CONTENT):
        return  # a revision saved, a lock taken: nothing a reader sees
    if purge_needed(instance, was_live=instance.__dict__.pop("_was_live", False)):
        public_cache_clear(instance=instance)  # a live page rewritten (a redaction), or listed


def _page_published(sender, instance, **kwargs):
    if purge_needed(instance):
        public_cache_clear(instance=instance)


def _page_unpublished(sender, instance, **kwargs):
    if purge_needed(instance, was_live=True):
        public_cache_clear(instance=instance)


def _in_public_collection(item) -> bool:
    try:
        return not item.collection.get_view_restrictions().exists()
    except ObjectDoesNotExist:  # deleted with its collection: it may have been public
        return True


def _file_saving(sender, instance, raw=False, **kwargs):
    if instance.pk and not raw:  # moved out of a public collection: was on public pages
        before = sender.objects.filter(pk=instance.pk).select_related("collection").first()
        instance._was_public = before is not None and _in_public_collection(before)


def _file_changed(sender, instance, **kwargs):
    # A file in a members-only collection (a member's shared tool) is on no public page.
    if instance.__dict__.pop("_was_public", False) or _in_public_collection(instance):
        public_cache_clear(instance=instance)


# What a cached response could hold: public pages and what public pages list (published,
# unpublished, saved: `purge_needed`; moved or deleted: always), who may see them (view
# restrictions, sites), who is protected (every change to the registry stamps
# RegistryVersion, consents included: knowledge/signals.py), and the names of themes, and of
# the images and documents in public collections, that public pages print.
_dispatch = "public-cache"
pre_save.connect(_page_saving, dispatch_uid=f"{_dispatch}:page-saving")
post_save.connect(_page_saved, dispatch_uid=f"{_dispatch}:page-saved")
page_published.connect(_page_published, dispatch_uid=f"{_dispatch}:published")
page_unpublished.connect(_page_unpublished, dispatch_uid=f"{_dispatch}:unpublished")
post_page_move.connect(public_cache_clear, dispatch_uid=f"{_dispatch}:moved")
post_delete.connect(public_cache_clear, sender=Page, dispatch_uid=f"{_dispatch}:deleted")
m2m_changed.connect(
    public_cache_clear,
    sender=PageViewRestriction.groups.through,
    dispatch_uid=f"{_dispatch}:restriction-groups",
)
for _label in (
    PageViewRestriction,
    Site,
    "members.RegistryVersion",
    "members.NamingConsent",
    "themes.Theme",
):
    _uid = f"{_dispatch}:{_label}"
    post_save.connect(public_cache_clear, sender=_label, dispatch_uid=f"{_uid}:saved")
    post_delete.connect(public_cache_clear, sender=_label, dispatch_uid=f"{_uid}:deleted")
for _label in (get_document_model_string(), get_image_model_string()):
    _uid = f"{_dispatch}:{_label}"
    pre_save.connect(_file_saving, sender=_label, dispatch_uid=f"{_uid}:saving")
    post_save.connect(_file_changed, sender=_label, dispatch_uid=f"{_uid}:saved")
    post_delete.connect(_file_changed, sender=_label, dispatch_uid=f"{_uid}:deleted")


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
