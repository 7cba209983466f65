"""The whole public site, crawled as anyone on the web would: nothing names a participant.

The demo programme is loaded once for the module (in a transaction rolled back at the end) and
crawled anonymously, breadth first, from the home page, robots.txt, the sitemap, every feed and
the API, following every same-site link found in HTML (href, src, srcset, action), sitemap
<loc>s, feed links and enclosures, URL strings in JSON and redirects, documents included; then
the public search is asked for every participant and organisation by name.

No response may be refused by the last line of defence (503: it caught a leak, so something
upstream let one through), and no body, header (a download's file name included) or URL may
hold a member's name or alias, email or username, an organisation's name or alias, or a
session guest's name or organisation, unless consented to for a live page; nor a sentence of
the members-only pages' own text (their non-attributed summaries are meant to be public). A
search shows the name searched for in its box, and nowhere else.

This detector is deliberately simpler than attribution/check.py (whole words, folded case
and accents, tags and entities removed): it is a second pair of eyes, not the same check run
twice. The last tests give it leaks to find, so that it cannot pass by finding nothing.
"""

from __future__ import annotations

import html
import io
import json
import re
import unicodedata
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field, replace
from urllib.parse import unquote, unquote_plus, urlencode, urljoin, urlsplit

import pytest
from defusedxml import ElementTree
from django.db import transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils.html import escape
from pypdf import PdfReader
from wagtail.models import Page, Site

from attribution.check import _council_place
from attribution.gate import gate_check
from attribution.last_check import consented_public_names, response_blocks
from attribution.public_text import page_texts
from demo import build as demo
from knowledge.models import AboutPage, CommunityHomePage, KnowledgePage, Reply, SessionGuest
from learning.models import LearningHubPage, PublicOutputPage
from learning.public_cache import public_cache_clear
from members.models import Member, Organisation
from search.indexing import reindex_pages
from tests.hiding import WAYS, hide
from themes.aliases import split_aliases
from themes.models import Theme

pytestmark = pytest.mark.django_db  # each test in a savepoint over the module's demo

MAX_URLS = 600  # the demo's public site is about 150 addresses: more means a crawler trap
REFUSED = 503
# Fetched, but their links are not followed: the admin's sign-in screen is public, its
# scripts and screens are not content.
LEAVES = ("/admin/",)
# Each filter, sort and page of a search links to every other combination: the crawl fetches
# the links of the searches it starts from, and stops there.
SEARCH = "/search/"
# Not served under the test settings (collectstatic and WhiteNoise serve them in production),
# and not content: stylesheets and scripts.
SKIPPED = ("/static/",)
SENTENCE_WORDS = 8  # a members-only sentence this long is distinctive enough to look for
TITLES = {"dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame", "cllr"}


# --- what a reader gets, folded --------------------------------------------------------------

_COMBINING_RE = re.compile(r"[\u0300-\u036f]")
_WORD_RE = re.compile(r"\w+")
_TAG_RE = re.compile(r"<[^>]*>")
_INLINE_TAG_RE = re.compile(
    r"</?(?:a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|"
    r"span|strong|sub|sup|time|u|var)\b[^>]*>",
    re.I,
)


def fold(text: str) -> str:
    """Case and accents folded: "Zoë" and "ZOE" are both "zoe"."""
    return _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text)).casefold()


def words(text: str) -> list[str]:
    return _WORD_RE.findall(fold(text))


def readable(text: str) -> str:
    """Text as a reader sees it: entities decoded (twice, for a feed's escaped HTML), inline
    tags removed without a gap ("<b>Zo</b>ë" is one word) and other tags as line breaks."""
    text = html.unescape(html.unescape(text))
    return _TAG_RE.sub("\n", _INLINE_TAG_RE.sub("", text))


def json_strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (str(k), *json_strings(v))]
    if isinstance(value, list):
        return [s for item in value for s in json_strings(item)]
    return [value] if isinstance(value, str) else []


# --- the crawl -------------------------------------------------------------------------------


@dataclass
class Fetched:
    """One response, as the crawl got it."""

    url: str
    found_on: str
    status: int
    content_type: str
    headers: list[tuple[str, str]]
    body: str
    links: list[str] = field(default_factory=list)
    kind: str = "crawl"  # or "search"

    def json(self):
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    def texts(self) -> list[tuple[str, str]]:
        """(where, text) for everything in this response a reader could read."""
        out = [(f"header {name}", unquote(value)) for name, value in self.headers]
        if self.kind == "crawl":
            out.append(("URL", unquote_plus(self.url)))
        out += [
            ("body", self.body),
            ("body, as read", readable(self.body)),
            ("body, URL-decoded", unquote_plus(self.body)),
        ]
        data = self.json()
        if data is not None:
            out.append(("JSON strings", readable("\n".join(json_strings(data)))))
        return out


_ATTR_RE = re.compile(r"""\b(href|src|action|poster|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_URL_IN_TEXT_RE = re.compile(r"""https?://[^\s"'<>]+""")


def html_links(source: str) -> list[str]:
    links = []
    for match in _ATTR_RE.finditer(source):
        value = html.unescape(match.group(2) if match.group(2) is not None else match.group(3))
        if match.group(1).lower() == "srcset":
            links += [part.split()[0] for part in value.split(",") if part.strip()]
        else:
            links.append(value)
    return links


def links_in(response: Fetched) -> list[str]:
    """Every address a crawler finds in a response: its redirect, and the links in its body."""
    links = [value for name, value in response.headers if name.lower() == "location"]
    mime = response.content_type.split(";")[0].strip().lower()
    if mime in ("text/html", "application/xhtml+xml"):
        links += html_links(response.body)
    elif mime.endswith("xml"):
        for element in ElementTree.fromstring(response.body.encode()).iter():
            tag = element.tag.rsplit("}", 1)[-1]
            links += [element.get(a) for a in ("href", "url", "src") if element.get(a)]
            text = (element.text or "").strip()
            if tag in ("loc", "link", "guid", "id", "comments") and text:
                links.append(text)
            elif "<" in text:  # escaped HTML in a description or content
                links += html_links(text)
    elif mime.endswith("json"):
        for value in json_strings(response.json()):
            if value.startswith(("/", "http://", "https://")):
                links.append(value)
            elif "<" in value:
                links += html_links(value)
    elif mime.startswith("text/"):
        links += _URL_IN_TEXT_RE.findall(response.body)
    return links


def same_site(link: str, base: str, hosts: set[str]) -> str | None:
    """The path and query of a link on this site, or None for another site or scheme."""
    parts = urlsplit(urljoin(f"http://testserver{base}", link.strip()))
    if parts.scheme not in ("http", "https") or parts.netloc not in hosts:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def fetch(client: Client, url: str, found_on: str, kind: str = "crawl") -> Fetched:
    response = client.get(url)
    if response.streaming:
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    content_type = response.get("Content-Type", "")
    if content_type.startswith("application/pdf"):  # a report's PDF: its text, as extracted
        pages = PdfReader(io.BytesIO(content)).pages
        body = "\n".join(page.extract_text() for page in pages)
    else:
        body = content.decode(response.charset or "utf-8", "replace")
    return Fetched(
        url=url,
        found_on=found_on,
        status=response.status_code,
        content_type=content_type,
        headers=list(response.headers.items()),
        body=body,
        kind=kind,
    )


def crawl(
    client: Client, seeds: list[str], *, follow: bool = True, limit: int = MAX_URLS
) -> dict[str, Fetched]:
    """Breadth first from the seeds, every same-site address once (only the seeds when not
    following links), with the links found in each."""
    hosts = {"testserver", urlsplit(Site.objects.get(is_default_site=True).root_url).netloc}
    queue = deque((url, "(start)") for url in seeds)
    seen = set(seeds)
    fetched: dict[str, Fetched] = {}
    while queue:
        url, found_on = queue.popleft()
        assert len(fetched) < limit, f"the crawl passed {limit} addresses: a crawler trap?"
        response = fetched[url] = fetch(client, url, found_on)
        if url.startswith(LEAVES) or (url.startswith(SEARCH) and found_on.startswith(SEARCH)):
            continue  # a search's facet, sort and page links are followed one step, no further
        for link in links_in(response):
            target = same_site(link, url, hosts)
            if target is None:
                continue
            response.links.append(target)
            if follow and target not in seen and not target.startswith(SKIPPED):
                seen.add(target)
                queue.append((target, url))
    return fetched


def seeds() -> list[str]:
    themes = list(Theme.objects.values_list("slug", flat=True))
    outputs = PublicOutputPage.objects.live().public().values_list("pk", flat=True)
    return [
        "/",
        "/robots.txt",
        "/sitemap.xml",
        "/learning/feed/",
        "/learning/feed/atom/",
        *(f"/learning/themes/{slug}/feed/{atom}" for slug in themes for atom in ("", "atom/")),
        "/api/outputs/",
        "/api/themes/",
        *(f"/api/outputs/?theme={slug}" for slug in themes),
        *(f"/api/outputs/{pk}/" for pk in outputs),
        "/accounts/login/",
        "/admin/login/",
        "/no-such-page/",
        "/search/",
        "/search/?q=care",
        "/search/?q=individual+service+funds",
        # A community's section, as anyone who guesses its address gets it: a way to sign in.
        *(section.url for section in CommunityHomePage.objects.live()),
    ]


def searches(client: Client, names: list[str]) -> dict[str, Fetched]:
    """The public search asked for each name in turn, anonymously."""
    return {
        name: fetch(client, "/search/?" + urlencode({"q": name}), "(search)", kind="search")
        for name in names
    }


# --- what no public response may hold --------------------------------------------------------


@dataclass(frozen=True)
class Forbidden:
    """A protected string: its words, and whose it is."""

    text: str
    why: str

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(words(self.text))


def forbidden_strings() -> tuple[list[Forbidden], list[tuple[str, str]]]:
    """Everything the demo protects, and what was left out, with the reason."""
    consented = {fold(name) for name in consented_public_names()}
    found: list[Forbidden] = []
    excluded: list[tuple[str, str]] = []

    def add(text, why, owner=None):
        text = (text or "").strip()
        if not text:
            return
        if fold(owner or text) in consented:
            excluded.append((text, f"{why}: consented to be named in a live page"))
        elif len("".join(words(text))) < 3:
            excluded.append((text, f"{why}: too short to look for as a word"))
        else:
            found.append(Forbidden(text, why))

    for member in Member.objects.select_related("user"):
        name = member.display_name
        add(name, f"member {name}")
        for alias in split_aliases(member.aliases):
            add(alias, f"alias of member {name}", owner=name)
        add(member.user.email, f"email of member {name}", owner=name)
        if re.fullmatch(r"[^\W\d_]+[._-][^\W\d_]+", member.user.username):
            add(member.user.username, f"username of member {name}", owner=name)
    for organisation in Organisation.objects.all():
        name = organisation.name
        add(name, f"organisation {name}")
        for alias in split_aliases(organisation.aliases):
            add(alias, f"alias of organisation {name}", owner=name)
        if organisation.type == Organisation.Type.COUNCIL:
            add(_council_place(name), f"place name of organisation {name}", owner=name)
    for guest in SessionGuest.objects.select_related("session").order_by("name"):
        if guest.consents_to_be_named:  # the registry leaves them out: they may be named
            excluded.append((guest.name, "session guest who consents to be named"))
            continue
        add(guest.name, f"session guest {guest.name}")
        untitled = [w for w in guest.name.split() if fold(w).rstrip(".") not in TITLES]
        if len(untitled) < len(guest.name.split()):
            add(" ".join(untitled), f"session guest {guest.name}, without the title")
        add(guest.organisation, f"organisation of session guest {guest.name}")
    unique: dict[tuple[str, ...], Forbidden] = {}
    for forbidden in found:  # "Zoë Hartley", "Zoe Hartley" and zoe.hartley are the same words
        unique.setdefault(forbidden.key, forbidden)
    return list(unique.values()), excluded


class PhraseIndex:
    """Finds runs of words (folded) in many texts at once: one dictionary lookup a word."""

    def __init__(self, phrases):
        self.phrases: dict[tuple[str, ...], list] = defaultdict(list)
        self.lengths: dict[str, set[int]] = defaultdict(set)
        for key, value in phrases:
            if key:
                self.phrases[key].append(value)
                self.lengths[key[0]].add(len(key))

    def find(self, tokens: list[str]):
        """(position, value) for each phrase found in these words."""
        for i, token in enumerate(tokens):
            for length in self.lengths.get(token, ()):
                if i + length <= len(tokens):
                    yield from ((i, v) for v in self.phrases.get(tuple(tokens[i : i + length]), ()))


def context(text: str, phrase: str, width: int = 60) -> str:
    """The phrase where it stands in the text, for a failure message."""
    pattern = r"\W+".join(re.escape(w) for w in words(phrase))
    folded = fold(text)
    match = re.search(pattern, folded)
    if match is None:
        return ""
    start, end = max(0, match.start() - width), match.end() + width
    return "…" + " ".join(folded[start:end].split()) + "…"


@dataclass(frozen=True)
class Leak:
    url: str
    found_on: str
    where: str
    what: str
    why: str
    context: str

    def __str__(self):
        return (
            f"{self.url} (linked from {self.found_on}): {self.why} «{self.what}» in "
            f"{self.where}: {self.context}"
        )


def leaks_of_names(responses, index: PhraseIndex) -> list[Leak]:
    out = {}
    for response in responses:
        for where, text in response.texts():
            for _, forbidden in index.find(words(text)):
                key = (response.url, forbidden.text, where.split(",")[0])
                out.setdefault(
                    key,
                    Leak(
                        response.url,
                        response.found_on,
                        where,
                        forbidden.text,
                        forbidden.why,
                        context(text, forbidden.text),
                    ),
                )
    return list(out.values())


# --- the members-only text -------------------------------------------------------------------

_SENTENCE_END_RE = re.compile(r"(?<=[.!?;:])\s+|\n+")
# Fields of a knowledge page that are not its body: the summary is made to be public, the
# title and metadata are not sentences, and names are looked for on their own.
NOT_BODY = {
    "title",
    "slug",
    "draft_title",
    "seo_title",
    "search_description",
    "summary",
    "themes",
    "attendees",
    "guests",
    "files",
    "status",
    "format",
    "licence",
}


def sentences(text: str) -> list[tuple[tuple[str, ...], str]]:
    """The sentences of at least SENTENCE_WORDS words in a text: (folded words, as written)."""
    out = []
    for sentence in _SENTENCE_END_RE.split(readable(text)):
        key = tuple(words(sentence))
        if len(key) >= SENTENCE_WORDS:
            out.append((key, " ".join(sentence.split())))
    return out


@dataclass(frozen=True)
class Source:
    """Where a members-only sentence comes from."""

    key: tuple[str, ...]  # its words, folded
    page_id: int
    url: str
    field: str
    text: str  # as written


def members_only_sentences() -> tuple[list[Source], int]:
    """The distinctive sentences of every live members-only page's own text (its body fields
    and its thread's replies), less any that its community approved as a summary somewhere;
    and how many were left out for that reason."""
    summaries = " \n ".join(
        " ".join(words(s)) for s in KnowledgePage.objects.values_list("summary", flat=True)
    )
    found: dict[tuple[str, ...], Source] = {}

    def add(page, label, text):
        for key, written in sentences(text):
            found.setdefault(key, Source(key, page.pk, page.url, label, written))

    for section in CommunityHomePage.objects.live():
        add(section, "welcome", section.welcome)
    for page in KnowledgePage.objects.live().specific():
        for text in page_texts(page):
            if text.field in NOT_BODY or text.label.endswith(("(links)", "title", "file name")):
                continue
            add(page, text.label, text.text)
    replies = Reply.objects.filter(thread__live=True, withdrawn_at__isnull=True)
    for reply in replies.select_related("thread"):
        add(reply.thread, f"reply {reply.pk}", reply.body)
    kept = [source for key, source in found.items() if f" {' '.join(key)} " not in f" {summaries} "]
    return kept, len(found) - len(kept)


def curated_sentences(index: PhraseIndex) -> set[tuple[str, ...]]:
    """The members-only sentences that a live public output curated from their page repeats:
    published by the convener through the gate, so public on purpose."""
    curated = set()
    for output in PublicOutputPage.objects.live().public().prefetch_related("sources"):
        own = {source.pk for source in output.sources.all()}
        text = "\n".join(t.text for t in page_texts(output) if t.field in ("summary", "body"))
        for _, source in index.find(words(readable(text))):
            if source.page_id in own:
                curated.add(source.key)
    return curated


def leaks_of_sentences(responses, index: PhraseIndex, allowed=frozenset()) -> list[Leak]:
    out = {}
    for response in responses:
        reader = "\n".join(
            t for where, t in response.texts() if where in ("body, as read", "JSON strings")
        )
        for _, source in index.find(words(reader)):
            if source.key not in allowed:
                out.setdefault(
                    (response.url, source.key),
                    Leak(
                        response.url,
                        response.found_on,
                        "body",
                        source.text,
                        f"members-only text of {source.url} ({source.field})",
                        context(reader, source.text),
                    ),
                )
    return list(out.values())


# --- the demo, crawled once ------------------------------------------------------------------


@dataclass
class Crawled:
    responses: dict[str, Fetched]  # by URL
    searches: dict[str, Fetched]  # by the name searched for
    forbidden: list[Forbidden]
    excluded: list[tuple[str, str]]  # (string, why it may appear)
    sentences: list[Source]
    summary_sentences: int  # members-only sentences left out: an approved summary says them
    curated: set[tuple[str, ...]]  # members-only sentences a live output curated from them says
    expected: dict[str, set[str]]  # what the crawl must reach

    @property
    def names(self) -> PhraseIndex:
        return PhraseIndex((f.key, f) for f in self.forbidden)

    @property
    def members_only(self) -> PhraseIndex:
        return PhraseIndex((s.key, s) for s in self.sentences)


@pytest.fixture(scope="module")
def crawled(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        demo.load(demo.build_plan())
        public_cache_clear()  # nothing cached by an earlier module's tests
        hub = LearningHubPage.objects.live().public().get()
        forbidden, excluded = forbidden_strings()
        members_only, from_summaries = members_only_sentences()
        searched = sorted({f.text for f in forbidden if not f.why.startswith(("email", "user"))})
        yield Crawled(
            responses=crawl(Client(), seeds()),
            searches=searches(Client(), searched),
            forbidden=forbidden,
            excluded=excluded,
            sentences=members_only,
            summary_sentences=from_summaries,
            curated=curated_sentences(PhraseIndex((s.key, s) for s in members_only)),
            expected={
                "hub": {hub.url},
                "outputs": {o.url for o in PublicOutputPage.objects.live().public()},
                "theme pages": {
                    f"{hub.url}themes/{theme.slug}/"
                    for theme in LearningHubPage.themes_with_outputs(hub.outputs())
                },
                "public pages": {p.url for p in Page.objects.live().public().filter(depth__gt=1)},
            },
        )
        transaction.set_rollback(True)


def report(problems, heading: str) -> str:
    lines = sorted(map(str, problems))
    more = [f"  ... and {len(lines) - 60} more"] if len(lines) > 60 else []
    return "\n".join([f"{len(lines)} {heading}:", *(f"  - {line}" for line in lines[:60]), *more])


def kind_of(response: Fetched) -> str:
    mime = response.content_type.split(";")[0]
    if 300 <= response.status < 400:
        return "redirect"
    if response.url.startswith("/documents/"):
        return "download"
    if response.url == "/sitemap.xml":
        return "sitemap"
    if mime.endswith(("rss+xml", "atom+xml")):
        return "feed"
    if mime.endswith("json"):
        return "API"
    if response.url == "/robots.txt":
        return "robots.txt"
    return "page" if mime == "text/html" else mime


def search_problems(name: str, response: Fetched, crawled: Crawled) -> list:
    """A search for a name shows it in the search box once, and nowhere else."""
    box = f'value="{escape(" ".join(name.split()))}"'
    if response.body.count(box) != 1:
        return [f"{response.url}: the query is not shown once in the search box"]
    rest = replace(response, body=response.body.replace(box, 'value=""'))
    problems = []
    itself = PhraseIndex([(tuple(words(name)), name)])
    for where, text in rest.texts():
        if any(itself.find(words(text))):
            problems.append(
                f"{response.url}: the query is shown outside the box, in {where}: "
                f"{context(text, name)}"
            )
    problems += leaks_of_names([rest], crawled.names)
    problems += leaks_of_sentences([rest], crawled.members_only, crawled.curated)
    return problems


# --- the site as anyone gets it --------------------------------------------------------------


def test_the_crawl_reaches_every_public_page_feed_and_download(crawled):
    """So that an empty or broken crawl cannot pass the tests below."""
    reached = {url for url, r in crawled.responses.items() if r.status == 200}
    for what, urls in crawled.expected.items():
        assert urls, f"the demo has no {what}"
        assert urls <= reached, f"{what} not reached: {sorted(urls - reached)}"
    kinds = Counter(kind_of(r) for r in crawled.responses.values() if r.status == 200)
    for kind in ("page", "feed", "sitemap", "API", "robots.txt", "download"):
        assert kinds[kind] >= 1, (kind, kinds)
    assert len(crawled.forbidden) > 100 and len(crawled.sentences) > 300
    assert len(crawled.searches) > 50
    pdfs = [r for r in crawled.responses.values() if r.content_type == "application/pdf"]
    assert pdfs and all("Contents" in r.body for r in pdfs)  # the report's, read as text


def test_no_public_response_is_refused_or_fails(crawled):
    """A 503 is the last line of defence refusing to serve a leak: something upstream let a
    name through, which is a failure here even though the reader was protected."""
    failed = [
        f"{r.url} (linked from {r.found_on}): {r.status}"
        for r in [*crawled.responses.values(), *crawled.searches.values()]
        if r.status >= 500
    ]
    assert not failed, report(failed, "public responses refused or failed")


def test_every_public_link_works(crawled):
    broken = [
        f"{r.url} (linked from {r.found_on}): {r.status}"
        for r in crawled.responses.values()
        if r.status >= 400 and r.found_on != "(start)"
    ]
    assert not broken, report(broken, "broken links")


def test_no_public_response_names_a_participant(crawled):
    leaks = leaks_of_names(crawled.responses.values(), crawled.names)
    assert not leaks, report(leaks, "names in public responses")


def test_no_public_response_repeats_members_only_text(crawled):
    """Their summaries may be public, and so may what an output curated from a page repeats
    of it (the convener published that through the gate); nothing else of their text."""
    leaks = leaks_of_sentences(crawled.responses.values(), crawled.members_only, crawled.curated)
    assert not leaks, report(leaks, "members-only sentences in public responses")


def test_a_search_for_anyone_shows_their_name_only_in_the_search_box(crawled):
    problems = [
        p
        for name, response in crawled.searches.items()
        for p in search_problems(name, response, crawled)
    ]
    assert not problems, report(problems, "problems in searches for names")


# --- the crawl can see a leak ----------------------------------------------------------------

MEMBER = "Zoë Hartley"


@pytest.fixture
def leaking_output(crawled):
    """A live public output that passed the gate, then named a member and repeated a
    members-only sentence, written behind the gate's back (as a bug or raw SQL might)."""
    hub = LearningHubPage.objects.get()
    output = hub.add_child(
        instance=PublicOutputPage(
            title="What the rotas taught us",
            slug="what-the-rotas-taught-us",
            live=False,
            summary="A member showed how rotas work.",
            body="<p>A member showed us her rota.</p>",
        )
    )
    output.save_revision().publish()
    sentence = next(s for s in crawled.sentences if s.key not in crawled.curated)
    PublicOutputPage.objects.filter(pk=output.pk).update(
        body=f"<p>{MEMBER} showed us her rota.</p><p>{sentence.text}</p>"
    )
    public_cache_clear()
    return output, sentence


def test_the_crawl_sees_what_the_last_line_of_defence_refuses(crawled, leaking_output):
    output, _ = leaking_output
    responses = crawl(Client(), [output.url, f"/api/outputs/{output.pk}/"], follow=False)
    assert {url: r.status for url, r in responses.items()} == {
        output.url: REFUSED,
        f"/api/outputs/{output.pk}/": REFUSED,
    }


def test_the_crawl_sees_a_name_and_members_only_text(crawled, leaking_output, settings):
    """With the last line of defence switched off, the crawl's own eyes find both."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "PublicResponseMiddleware" not in m]
    output, sentence = leaking_output
    responses = crawl(Client(), [output.url, f"/api/outputs/{output.pk}/"], follow=False)
    assert {r.status for r in responses.values()} == {200}
    names = {(leak.url, leak.what) for leak in leaks_of_names(responses.values(), crawled.names)}
    assert (output.url, MEMBER) in names and (f"/api/outputs/{output.pk}/", MEMBER) in names
    found = leaks_of_sentences(responses.values(), crawled.members_only, crawled.curated)
    assert {(leak.url, leak.what) for leak in found} == {
        (output.url, sentence.text),
        (f"/api/outputs/{output.pk}/", sentence.text),
    }


def test_a_search_that_shows_the_name_outside_its_box_is_caught(crawled):
    name, response = next(iter(crawled.searches.items()))
    shown = replace(
        response,
        body=response.body.replace(
            "<h1>Search the learning</h1>", f"<h1>Results for {escape(name)}</h1>"
        ),
    )
    problems = search_problems(name, shown, crawled)
    assert any("shown outside the box" in str(p) for p in problems)
    assert any(isinstance(p, Leak) and p.what for p in problems)


# --- names hidden by invisible and look-alike characters ---------------------------------------

MARKER = "Quillfeather"  # a made-up word, to find where a planted summary shows


def hideable_names(crawled) -> list[str]:
    """Every protected name of the demo (contacts and usernames are not names)."""
    return [
        f.text
        for f in crawled.forbidden
        if not f.why.startswith(("email", "username"))
        and "@" not in f.text
        and not f.text.startswith("http")
    ]


def missed_when_hidden(crawled, way: str, refuses) -> list[str]:
    """The protected names that `refuses(text)` refuses written plainly but not hidden."""
    missed = []
    for name in hideable_names(crawled):
        try:
            hidden = hide(name, way)
        except AssertionError:
            continue  # no letter this way can replace
        sentence = "We heard from {} about rotas."
        if refuses(sentence.format(name)) and not refuses(sentence.format(hidden)):
            missed.append(f"{name} as {hidden!r}")
    return missed


@pytest.mark.parametrize("way", WAYS)
def test_every_protected_name_hidden_any_way_is_refused_by_the_gate(crawled, way):
    def refuses(text):
        return not gate_check(AboutPage(title="Notes", body=f"<p>{text}</p>")).publishable

    missed = missed_when_hidden(crawled, way, refuses)
    assert not missed, report(missed, f"names hidden by {way} that the gate let through")


@pytest.mark.parametrize("way", WAYS)
def test_every_protected_name_hidden_any_way_is_refused_by_the_last_check(crawled, way):
    request = RequestFactory().get("/learning/")

    def refuses(text):
        return bool(response_blocks(request, HttpResponse(f"<main><p>{text}</p></main>")))

    missed = missed_when_hidden(crawled, way, refuses)
    assert not missed, report(missed, f"names hidden by {way} that the last check let through")


@pytest.fixture
def plant(crawled, monkeypatch):
    """Publish a public output whose summary says `text`, with the gate switched off (as a bug
    or a new publishing path might), and index it for search."""
    hub = LearningHubPage.objects.get()
    theme = Theme.objects.order_by("sort_order", "name").first()

    def publish(text):
        monkeypatch.setattr("attribution.gate.gate_refusal", lambda page: None)
        output = hub.add_child(
            instance=PublicOutputPage(
                title="What the rotas taught us",
                slug="what-the-rotas-taught-us",
                live=False,
                summary=text,
                body="<p>A member showed us her rota.</p>",
            )
        )
        output.themes.add(theme)
        output.save_revision().publish()
        monkeypatch.undo()
        reindex_pages([output.pk])
        public_cache_clear()
        return [
            "/",
            output.url,
            f"/api/outputs/{output.pk}/",
            hub.url,
            "/api/outputs/",
            "/learning/feed/",
            "/learning/feed/atom/",
            f"{hub.url}themes/{theme.slug}/",
            f"/learning/themes/{theme.slug}/feed/",
            f"/learning/themes/{theme.slug}/feed/atom/",
            f"/api/outputs/?theme={theme.slug}",
            f"/search/?q={MARKER}",
        ]

    return publish


def test_a_planted_summary_shows_on_every_public_surface_listed_and_no_other(
    crawled, plant, settings
):
    """So that the test below asks every surface the crawl reaches where the summary shows,
    and none where it never shows."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "PublicResponseMiddleware" not in m]
    urls = plant(f"{MARKER} rotas work for everyone.")
    responses = crawl(Client(), urls, follow=False)
    shown = {url: (r.status, MARKER in r.body) for url, r in responses.items()}
    assert shown == dict.fromkeys(urls, (200, True))
    everywhere = crawl(Client(), seeds())
    assert {url for url, r in everywhere.items() if MARKER in r.body} <= set(urls)


# One of each kind of character (the tests above take every way through the check itself).
SURFACE_WAYS = [
    "soft hyphen",
    "zero-width space",
    "right-to-left mark",
    "Hangul filler",
    "variation selector-16",
    "Cyrillic look-alikes",
    "Greek look-alikes",
]


@pytest.mark.parametrize("way", SURFACE_WAYS)
def test_names_hidden_past_the_gate_are_refused_on_every_public_surface(crawled, plant, way):
    member, organisation = "Zoë Hartley", "Hearth & Home Care Co-operative"
    guest = next(
        g.name for g in SessionGuest.objects.order_by("name") if not g.consents_to_be_named
    )
    for name in (member, organisation, guest):
        urls = plant(f"{MARKER}: what {hide(name, way)} said about rotas.")
        responses = crawl(Client(), urls, follow=False)
        assert {url: r.status for url, r in responses.items()} == dict.fromkeys(urls, REFUSED)
        PublicOutputPage.objects.get(slug="what-the-rotas-taught-us").delete()
