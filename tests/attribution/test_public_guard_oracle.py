"""The last check (attribution/last_check.py) is no oracle: what a visitor sends never changes
the answer they get.

`/search/?Hartley&q=isf` once answered 503 where `/search/?Smith&q=isf` answered 200, because
the search page copies every query key into its links and the last check set aside only the
values a visitor sent. Anyone could test whether a name belonged to a participant, to an
erased former member, or to a session guest who has not consented.

Here every kind of protected name (a member, her surname alone, an erased former member, a
session guest who has not consented, a member who consented to be named in a live output) and
made-up names of the same shape are sent in every place a request can carry them (the path,
a query key, a query value, a form field's key and value, headers), to every public surface.
The answers must not be told apart: the same status and headers (but Date, Content-Length and
the CSRF cookie's value) and the same body once the names sent are taken out, in every
encoding (raw, HTML-escaped, URL-encoded with + and %20, lower case) and the CSRF token
normalised.

The other half: sending a name does not un-refuse a page that names that person (no bypass).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from urllib.parse import quote, quote_plus

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils.text import slugify
from wagtail.documents import get_document_model

from attribution.last_check import html_text, json_text, submitted
from knowledge.models import SessionGuest
from learning.models import LearningHubPage, PublicOutputPage
from learning.public_cache import public_cache_clear
from members.models import NamingConsent
from themes.models import Theme

from ..factories import MemberFactory

pytestmark = pytest.mark.django_db

REFUSED = 503
ISFS = "Individual service funds (ISFs)"

MEMBER, SURNAME, FORMER, GUEST, CONSENTED = (
    "Zoe Hartley",
    "Hartley",
    "Fatima Noor",
    "Priya Raman",
    "Nina Kowalczyk",
)
PROTECTED = {
    "member": MEMBER,
    "member's surname": SURNAME,
    "former member": FORMER,
    "session guest": GUEST,
    "consented member": CONSENTED,
}
# Made up, of the same shapes: two capitalised words, one capitalised word.
MADE_UP = {2: "Lorna Quenby", 1: "Quenby"}
EVERY_NAME = [*PROTECTED.values(), *MADE_UP.values()]


def made_up_for(name: str) -> str:
    return MADE_UP[len(name.split())]


# --- the programme -----------------------------------------------------------------------------


@dataclass
class Site:
    hub: LearningHubPage
    section: object  # a community's members-only section
    output: PublicOutputPage
    theme: Theme
    document: object


def add_output(
    hub,
    title,
    body="<p>Start with one provider and one ward.</p>",
    *,
    document=None,
    consent_from=None,
):
    output = hub.add_child(
        instance=PublicOutputPage(
            title=title,
            summary=f"What commissioners learned: {title.lower()}.",
            body="<p>Start small.</p>",
            live=False,
        )
    )
    output.themes.add(ISFS)
    if document is not None:
        output.files.create(document=document)
    if consent_from is not None:
        NamingConsent.give(member=consent_from, output=output, by=None)
    output.body = body
    output.save_revision().publish()
    return PublicOutputPage.objects.get(pk=output.pk)


@pytest.fixture
def site(programme, hub, monkeypatch) -> Site:
    """A learning hub of three ISF outputs (one naming, with her consent, a member who gave
    it), a public document, and each kind of protected name: a member, an erased former member,
    a session guest who has not consented. Every listing one item a page, so that pagination
    links (which copy the query) appear everywhere."""
    monkeypatch.setattr("knowledge.views.sections.LISTING_PAGE_SIZE", 1)
    monkeypatch.setattr("learning.models.LISTING_PAGE_SIZE", 1)
    monkeypatch.setattr("learning.syndication.API_PAGE_SIZE", 1)
    monkeypatch.setattr("search.views.PER_PAGE", 1)

    MemberFactory(display_name=MEMBER)
    MemberFactory(display_name=FORMER).user.delete()  # erased: kept only as hashes
    session = programme.pages["session"]
    SessionGuest.objects.create(session=session, name=GUEST, organisation="Northfield Trust")
    consenting = MemberFactory(display_name=CONSENTED)

    document = get_document_model()(title="ISF outcome contract")
    document.file.save("isf-outcomes.txt", ContentFile(b"Clause 1: outcomes first."))
    document.save()
    output = add_output(hub, "ISFs in a rural county", document=document)
    add_output(hub, "Paying for ISF outcomes")
    add_output(
        hub, "An ISF rota", f"<p>{CONSENTED} showed us her ISF rota.</p>", consent_from=consenting
    )
    public_cache_clear()
    return Site(
        hub=LearningHubPage.objects.get(pk=hub.pk),
        section=programme.section,
        output=output,
        theme=Theme.objects.get(name=ISFS),
        document=document,
    )


def surfaces(site: Site) -> dict[str, str]:
    """Every kind of public address, as a visitor who sends nothing gets it."""
    return {
        "home": "/",
        "learning hub": site.hub.url,
        "output": site.output.url,
        "theme page": f"{site.hub.url}themes/{site.theme.slug}/",
        "search": "/search/?q=isf",
        "API list": "/api/outputs/",
        "API detail": f"/api/outputs/{site.output.pk}/",
        "RSS": "/learning/feed/",
        "Atom": "/learning/feed/atom/",
        "sitemap": "/sitemap.xml",
        "robots.txt": "/robots.txt",
        "sign-in": "/accounts/login/",
        "admin sign-in": "/admin/login/",
        "not found": "/no-such-page/",
        "document": site.document.url,
        "members-only section": site.section.url,  # a way to sign in
        "password reset": "/accounts/password_reset/",
    }


# --- asking, and comparing the answers ---------------------------------------------------------


@dataclass(frozen=True)
class Ask:
    """One request, with NAME where the name goes."""

    url: str
    method: str = "get"
    data: tuple = ()  # (key, value) pairs of a form, NAME anywhere
    headers: tuple = ()  # (header, value) pairs, NAME anywhere
    csrf_checked: bool = False  # as a browser's form is: the test client skips the check

    def fill(self, name: str) -> Ask:
        def put(text):
            return (
                text.replace("{NAME+}", quote_plus(name))
                .replace("{NAME%}", quote(name, safe=""))
                .replace("{slug}", slugify(name))
                .replace("{Slug}", name.replace(" ", "-"))
                .replace("{NAME}", name)
            )

        return Ask(
            put(self.url),
            self.method,
            tuple((put(k), put(v)) for k, v in self.data),
            tuple((h, put(v)) for h, v in self.headers),
            self.csrf_checked,
        )

    def send(self):
        public_cache_clear()  # every answer made afresh: a cached copy would hide a difference
        client = Client(enforce_csrf_checks=self.csrf_checked)
        extra = {"headers": dict(self.headers)} if self.headers else {}
        if self.method == "post":
            return client.post(self.url, dict(self.data), **extra)
        return client.get(self.url, **extra)


def encodings(name: str) -> set[str]:
    forms = {name, name.replace(" ", "-"), slugify(name)}
    out = set()
    for form in forms:
        for text in (form, form.lower()):
            once = {
                text,
                html.escape(text),
                quote_plus(text),
                quote(text),
                quote(text, safe=""),
                json.dumps(text)[1:-1],
            }
            out |= once | {quote(e, safe="") for e in once}  # a ?next= holding a query
    return out


# Longest first, so that "Zoe Hartley" goes before "Hartley".
_ALL_ENCODINGS = sorted({e for n in EVERY_NAME for e in encodings(n)}, key=len, reverse=True)
_CSRF_RE = re.compile(r'((?:name="csrfmiddlewaretoken" value=|"CSRF_TOKEN": )")[^"]*"')
# Expires: now, on a page that must not be cached (the sign-in): a second apart at times.
_IGNORED_HEADERS = {"date", "expires", "content-length", "set-cookie"}


def without_names(text: str, encoded_names=_ALL_ENCODINGS) -> str:
    for encoded in encoded_names:
        text = text.replace(encoded, "")
    return text


def answer(response, names=None) -> tuple:
    """What a visitor can tell of a response, with the names sent taken out (every test name,
    or these)."""
    if names is not None:
        encoded = sorted({e for n in names for e in encodings(n)}, key=len, reverse=True)
        return _answer(response, lambda text: without_names(text, encoded))
    return _answer(response, without_names)


def _answer(response, without_names) -> tuple:
    if response.streaming:
        body = b"".join(response.streaming_content).decode("utf-8", "replace")
    else:
        body = response.content.decode("utf-8", "replace")
    headers = sorted(
        (k.lower(), without_names(v))
        for k, v in response.headers.items()
        if k.lower() not in _IGNORED_HEADERS
    )
    cookies = sorted(
        (
            key,
            "" if key == "csrftoken" else without_names(morsel.value),
            tuple(sorted((a, str(v)) for a, v in morsel.items() if a != "expires")),
        )
        for key, morsel in response.cookies.items()
    )
    return (response.status_code, headers, cookies, _CSRF_RE.sub(r'\1TOKEN"', without_names(body)))


def differences(asks: dict[str, Ask], names=PROTECTED) -> tuple[list[str], dict]:
    """Each protected name's answer next to a made-up name's, for every request; and the
    made-up names' statuses, to show the comparison was not 503 against 503."""
    problems, statuses = [], {}
    for label, ask in asks.items():
        made_up = {n: answer(ask.fill(n).send()) for n in MADE_UP.values()}
        statuses[label] = made_up[MADE_UP[2]][0]
        for kind, name in names.items():
            theirs = answer(ask.fill(name).send())
            expected = made_up[made_up_for(name)]
            if theirs != expected:
                problems.append(f"{label} with the {kind}'s name: {describe(theirs, expected)}")
    return problems, statuses


def describe(theirs, expected) -> str:
    if theirs[0] != expected[0]:
        return f"status {theirs[0]}, not {expected[0]} as for a made-up name"
    for part, a, b in zip(("headers", "cookies", "body"), theirs[1:], expected[1:], strict=True):
        if a != b:
            if part == "body":
                at = next(
                    (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                    min(len(a), len(b)),
                )
                return f"body differs at {at}: {a[at - 80 : at + 80]!r} / {b[at - 80 : at + 80]!r}"
            return f"{part} differ: {a} / {b}"
    return "?"


def report(problems) -> str:
    return f"{len(problems)} answers told a protected name apart:\n" + "\n".join(
        f"  - {p}" for p in problems
    )


def with_query(url: str, query: str) -> str:
    return url + ("&" if "?" in url else "?") + query


# --- the names, sent everywhere ---------------------------------------------------------------

PLACES = {
    "a query key": lambda url: Ask(with_query(url, "{NAME+}")),
    "a query value": lambda url: Ask(with_query(url, "x={NAME+}")),
    "headers": lambda url: Ask(
        url,
        headers=(
            ("Referer", "http://testserver/?from={NAME+}"),
            ("User-Agent", "{NAME}"),
            ("Accept-Language", "{NAME}"),
            ("X-Forwarded-For", "{NAME}"),
            ("X-Forwarded-Host", "{slug}.example"),
            ("X-Forwarded-Proto", "{NAME}"),
            ("X-Requested-With", "{NAME}"),
            ("X-Name", "{NAME}"),
            ("Cookie", "seen={NAME%}"),
            ("Origin", "http://{slug}.example"),
        ),
    ),
    "a form": lambda url: Ask(url, "post", data=(("{NAME}", "{NAME}"), ("x", "{NAME}"))),
}


@pytest.mark.parametrize("place", PLACES)
def test_a_name_sent_anywhere_to_any_public_surface_changes_nothing(site, place):
    asks = {f"{label}, {place}": PLACES[place](url) for label, url in surfaces(site).items()}
    problems, statuses = differences(asks)
    assert not problems, report(problems)
    if place != "a form":  # most public addresses read only: a POST is a 405 for anyone
        served = [label for label, status in statuses.items() if status == 200]
        assert len(served) >= len(asks) - 2, statuses  # all but the 404 and the section


def test_a_name_in_the_path_changes_nothing(site):
    document = site.document
    asks = {
        "a page path": Ask(f"{site.hub.url}{{Slug}}/"),
        "a path with spaces": Ask("/{NAME%}/"),
        "a path, and a query": Ask("/no-such/{slug}/?{NAME+}"),
        "a theme page path": Ask(f"{site.hub.url}themes/{{slug}}/"),
        "a theme feed path": Ask(f"{site.hub.url}themes/{{slug}}/feed/"),
        "a document's file name": Ask(f"/documents/{document.pk}/{{slug}}.txt"),
        "a document's id": Ask("/documents/{slug}/isf-outcomes.txt"),
        "an API path": Ask("/api/outputs/{NAME%}/"),
        "no trailing slash": Ask(f"{site.hub.url}{{Slug}}"),
        "under a members-only section": Ask(f"{site.section.url}{{slug}}/"),
        "a password reset link": Ask("/accounts/reset/{slug}/set-password/"),
    }
    problems, _ = differences(asks)
    assert not problems, report(problems)


def test_a_name_in_a_search_or_its_filters_changes_nothing(site):
    asks = {
        "the search for ?NAME&q=isf": Ask("/search/?{NAME+}&q=isf"),
        "the search for ?q=isf&x=NAME": Ask("/search/?q=isf&x={NAME+}"),
        "a theme filter": Ask("/search/?q=isf&theme={NAME+}"),
        "a type filter": Ask("/search/?q=isf&content_type={NAME+}"),
        "a sort": Ask("/search/?q=isf&sort={NAME+}"),
        "a page number": Ask("/search/?q=isf&page={NAME+}"),
        "a query key repeated": Ask("/search/?q=isf&{NAME+}=1&{NAME+}=2"),
        "the API's theme": Ask("/api/outputs/?theme={NAME+}"),
        "the API's page": Ask("/api/outputs/?page={NAME+}"),
        "the API's next page, with a name": Ask("/api/outputs/?page=2&{NAME+}"),
        "the hub's next page, with a name": Ask(f"{site.hub.url}?page=2&who={{NAME+}}"),
    }
    problems, statuses = differences(asks)
    assert not problems, report(problems)
    assert statuses["the search for ?NAME&q=isf"] == 200


def test_a_search_for_a_name_on_no_public_page_changes_nothing(site):
    """The consented member is named on a public page: a search for her finds it, as it
    should, so she is left out here."""
    names = {kind: name for kind, name in PROTECTED.items() if name != CONSENTED}
    asks = {
        "?q=NAME": Ask("/search/?q={NAME+}"),
        "?q=NAME misspelt": Ask("/search/?q={NAME+}+outcomez"),
        "?q=NAME&sort=newest": Ask("/search/?q={NAME+}&sort=newest"),
        "?q=NAME with a filter": Ask("/search/?q={NAME+}&theme=governance"),
        "members' search": Ask("/search/members/?q={NAME+}"),
    }
    problems, statuses = differences(asks, names)
    assert not problems, report(problems)
    assert statuses["?q=NAME"] == 200


def test_a_did_you_mean_shows_no_word_the_visitor_sent(site):
    """A suggestion keeps the words it did not correct: the visitor's, so not in the page's
    text. Here a public page has both words, in lower case, which names no one."""
    add_output(
        site.hub, "Two rotas", "<p>The hartley rota and the quenby rota paid for outcomes.</p>"
    )
    surname, other = (
        answer(Ask(f"/search/?q={word}+outcomez").send(), [word]) for word in (SURNAME, MADE_UP[1])
    )
    assert surname[0] == other[0] == 200
    assert "Did you mean" in other[3]
    assert surname == other, describe(surname, other)


def test_a_name_sent_to_sign_in_changes_nothing(site):
    asks = {
        "?next=NAME": Ask("/accounts/login/?next={NAME+}"),
        "?next=/NAME/": Ask("/accounts/login/?next=/{slug}/%3F{NAME+}"),
        "?NAME": Ask("/accounts/login/?{NAME+}"),
        "a failed sign-in": Ask(
            "/accounts/login/", "post", data=(("username", "{NAME}"), ("password", "wrong"))
        ),
        "a failed sign-in, with next": Ask(
            "/accounts/login/?next=/{slug}/",
            "post",
            data=(("username", "{NAME}"), ("password", "{NAME}"), ("next", "/learning/?{NAME}")),
        ),
        "a sign-in with a field named NAME": Ask(
            "/accounts/login/",
            "post",
            data=(("username", "someone-{slug}"), ("password", "wrong"), ("{NAME}", "{NAME}")),
        ),
        "the admin's sign-in": Ask("/admin/login/?next=/admin/{slug}/"),
        "a failed admin sign-in": Ask(
            "/admin/login/", "post", data=(("username", "{NAME}"), ("password", "wrong"))
        ),
        "a password reset": Ask(
            "/accounts/password_reset/", "post", data=(("email", "{slug}@example.org"),)
        ),
        "a members-only address": Ask("/{slug}/members/"),
        "a sign-in from another site (CSRF refused)": Ask(
            "/accounts/login/?next=/{slug}/",
            "post",
            data=(("username", "{NAME}"),),
            headers=(
                ("Origin", "http://{slug}.example"),
                ("Referer", "http://{slug}.example/?q={NAME+}"),
            ),
            csrf_checked=True,
        ),
    }
    problems, statuses = differences(asks)
    assert not problems, report(problems)
    assert statuses["a failed sign-in"] == 200
    assert statuses["a sign-in from another site (CSRF refused)"] == 403


# --- and no bypass -----------------------------------------------------------------------------


@pytest.fixture
def naming_output(site):
    """A live output that names a member in its summary and body (so the hub, the feeds and
    the API repeat it), written behind the gate's back."""
    output = site.output
    PublicOutputPage.objects.filter(pk=output.pk).update(
        summary=f"What {MEMBER} showed us.", body=f"<p>{MEMBER} showed us her rota.</p>"
    )
    public_cache_clear()
    return PublicOutputPage.objects.get(pk=output.pk)


def test_sending_the_name_a_page_prints_does_not_unrefuse_it(site, naming_output):
    """What is set aside is only where a response copies the request: the name in the page's
    text, summary, metadata and JSON-LD is checked whoever sends it, and however."""
    url = naming_output.url
    asks = [
        Ask(url),
        Ask(url + "?{NAME+}"),
        Ask(url + "?x={NAME+}"),
        Ask(url + "?q={NAME+}&query={NAME+}&search={NAME+}"),
        Ask(url + f"?next={quote(url)}"),
        Ask(url + "?{slug}"),
        Ask(url, "post", data=(("{NAME}", "{NAME}"), ("q", "{NAME}"), ("next", url))),
        Ask(url, headers=(("Referer", "http://testserver/?q={NAME+}"), ("X-Name", "{NAME}"))),
    ]
    for ask in asks:
        response = ask.fill(MEMBER).send()
        assert response.status_code == REFUSED, ask
        assert b"Hartley" not in response.content


def test_sending_the_name_does_not_unrefuse_the_feeds_and_api_repeating_it(site, naming_output):
    # Newest first, one a page: the output named is on the third page of the lists.
    for url in (
        f"/api/outputs/{naming_output.pk}/",
        "/api/outputs/?page=3",
        f"{site.hub.url}?page=3",
        "/learning/feed/",
        "/learning/feed/atom/",
    ):
        for ask in (
            Ask(url),
            Ask(with_query(url, "{NAME+}")),
            Ask(with_query(url, "q={NAME+}")),
            Ask(with_query(url, "x={NAME+}")),
        ):
            assert ask.fill(MEMBER).send().status_code == REFUSED, ask


# --- what is set aside, and what is not --------------------------------------------------------


def test_a_sent_key_is_set_aside_in_the_pages_links_to_itself_only(rf):
    sent = submitted(rf.get("/search/?Hartley&q=isf"))
    text = html_text(
        '<a href="?Hartley=&amp;q=isf&amp;sort=newest">Newest</a>'
        '<a href="/search/?q=isf&amp;Hartley=&amp;page=2">Next</a>'
        '<a href="http://testserver/search/?Hartley=">Absolute</a>'
        '<a href="/elsewhere/?Hartley=">Elsewhere</a><p>Hartley</p>',
        sent,
    )
    assert "?sort=newest" in text and "/search/?page=2" in text
    assert "/elsewhere/?Hartley=" in text  # not a copy of this request: checked
    assert text.count("Hartley") == 2  # that link, and the paragraph
    data = json_text('{"next": "http://testserver/search/?q=isf&Hartley=&page=2"}', sent)
    assert "Hartley" not in data and "page=2" in data


def test_the_requests_own_address_is_set_aside_as_a_next_parameter_or_field(rf):
    sent = submitted(rf.get("/learning/zoe-hartley/", {"who": "Zoe Hartley"}))
    own = "/learning/zoe-hartley/?who=Zoe+Hartley"
    text = html_text(
        f'<a href="/accounts/login/?next={quote(own, safe="")}">Sign in</a>'
        f'<a href="/accounts/login/?next=/learning/zoe-hartley/">Sign in</a>'
        f'<input type="hidden" name="next" value="{own}">'
        '<a href="/accounts/login/?next=/learning/someone-else/zoe-hartley/">Other</a>',
        sent,
    )
    assert text.count("zoe-hartley") == 1  # only the address that is not this request's


def test_a_form_field_is_set_aside_under_its_own_name_only(rf):
    sent = submitted(rf.post("/accounts/login/", {"username": "Zoe Hartley", "x": "Priya Raman"}))
    text = html_text(
        '<input name="username" value="Zoe Hartley"><textarea name="username">zoe  hartley'
        '</textarea><input name="other" value="Priya Raman"><textarea>Priya Raman</textarea>',
        sent,
    )
    assert "Zoe" not in text and text.count("Priya Raman") == 2


def test_words_added_to_what_was_sent_are_still_checked(rf):
    """A search's "did you mean" keeps the words it did not correct: the visitor's own, set
    aside; the corrections come from the index, and are checked, with their case."""
    sent = submitted(rf.get("/search/", {"q": "Zoe isff Hartlee"}))
    text = html_text('<a href="?q=Zoe+isf+Hartley">isf Hartley</a>', sent)
    assert "Zoe" not in text and "isf" in text and "Hartley" in text
    rest = sent.residue(["q"], "Zoe Hartlee said")
    assert "Zoe" not in rest and "Hartlee" not in rest and rest.endswith("said")


def test_a_page_whose_address_names_someone_is_refused_at_that_address(site):
    """The request's own path is set aside only where it is copied as a parameter or a field
    (?next=): a page's own address, in its canonical link and metadata, is the page's."""
    output = site.output
    PublicOutputPage.objects.filter(pk=output.pk).update(
        slug="zoe-hartley", url_path=f"{site.hub.url_path}zoe-hartley/"
    )
    public_cache_clear()
    for url in (f"{site.hub.url}zoe-hartley/", f"{site.hub.url}zoe-hartley/?next=/zoe-hartley/"):
        assert Client().get(url).status_code == REFUSED
