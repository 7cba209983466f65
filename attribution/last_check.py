"""The last line of defence on anonymous responses, and the cache of public pages behind it.

The publishing gate (attribution/gate.py) keeps names out of what goes public; this checks what
actually leaves, whatever produced it: a template that prints a member's name, a feed or API
serializer reading a field the gate never saw, a page written to the database behind the
gate's back. Every response to a reader who is not signed in is run through the
non-attribution check before it is served, or cached, in the form the reader would get (a
signed-in member's are not: members-only pages name members, legitimately):

- HTML parsed as a browser parses it (attribution/html_text.py), so a name is read whole where a
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
checked: it points back to what they asked for. tests/attribution/test_public_guard_oracle.py
sends every kind of protected name everywhere a request can carry one, and compares the
answers with those to made-up names.

A page reached by a private link (an invitation, a password set-up) is its holder's own: the
check sets aside their entries in the registry, and only theirs (members/private_links.py).

learning/public_cache.py serves anonymous readers through this check: its middleware asks
`response_blocks` of every anonymous response and serves `refuse` in its place.
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

from django.core.cache import caches
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from wagtail.log_actions import log
from wagtail.models import Page

from members.private_links import LinkHolder, link_holder

from .check import BLOCK, Finding, check
from .gate import ANONYMOUS_RESPONSE, BLOCKED, conveners_notify
from .html_text import INLINE, NOT_TEXT, parse_document, walk
from .registry import registry_cached

logger = logging.getLogger(__name__)

REFUSAL_TEMPLATE = "disclosure_refused.html"
NOTIFY_EVERY = 60 * 60  # seconds: at most one email and one page log entry per URL an hour

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
    holder = link_holder(request)  # a page reached by a private link: its holder's own entries
    return [
        (where, finding)
        for where, text in texts
        for finding in check(text, registry, consented)
        if finding.severity == BLOCK and not (holder and holders_own(holder, finding))
    ]


def holders_own(holder: LinkHolder, finding: Finding) -> bool:
    """Whether a finding is one of the link holder's own entries in the registry (their name,
    their organisation, their email address), which their own page may show them."""
    return finding.identity in holder.names or finding.text.casefold() in holder.emails


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
