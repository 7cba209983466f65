"""Hostile input against every form and query parameter of the public and members' pages.

Two passes. The first sends each known troublemaker: numbers past 64 bits, superscript digits,
NUL bytes, markup the HTML tools choke on (the `<![` family), and the pathological Markdown
corpus. It goes into every query parameter, and into each field of an otherwise valid form, so
that the value reaches as deep as a real submission goes (saving, the gate, rendering). The
second lets Hypothesis draw any text for the same places. Whatever comes in, the answer is never
a server error. Bounded so that CI stays quick; a failure names the request.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from themes.models import Theme

from .knowledge.markdown_corpus import corpus

HOSTILE = [
    "",
    " ",
    "0",
    "-1",
    "1e9",
    "9223372036854775808",
    "-9223372036854775809",
    "99999999999999999999",
    "²",
    "١٢",
    "NaN",
    "\x00",
    "a\x00b",
    "\ufeff",
    "\u202e",
    "<![x>",
    "See <![x> here",
    "L <![x> here",
    "<!--",
    "<![CDATA[",
    "<!x",
    "</",
    "</script><script>alert(1)</script>",
    "{{ 7|add:7 }}",
    "' OR 1=1 --",
    "../../etc/passwd",
]
QUERY_PARAMETERS = [
    "q",
    "page",
    "year",
    "theme",
    "themes",
    "kind",
    "sort",
    "community",
    "content_type",
    "format",
    "status",
    "output",
    "type",
]
FUZZ = settings(
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def answer(client, method, url, data):
    response = getattr(client, method)(url, data)
    shown = {
        k: (v[:40] + "…" if isinstance(v, str) and len(v) > 40 else v) for k, v in data.items()
    }
    assert response.status_code < 500, f"{method.upper()} {url} {shown!r}"
    return response


@pytest.fixture
def member(client_for, programme):
    client = client_for(programme.member)
    client.raise_request_exception = False
    return client


@pytest.fixture
def anonymous(client, db):
    client.raise_request_exception = False
    return client


@pytest.fixture
def addresses(programme, hub):
    """The pages that read query parameters: public ones, and the member's community's."""
    section, thread = programme.section, programme.pages["thread"]
    return {
        "public": [
            "/",
            "/search/",
            hub.url,
            f"{hub.url}themes/isfs/",
            "/api/outputs/",
            "/api/themes/",
            "/learning/feed/",
            "/sitemap.xml",
        ],
        "members": [
            section.url,
            f"{section.url}threads/",
            f"{section.url}insights/",
            f"{section.url}tools/",
            thread.url,
            "/search/members/",
            "/account/consent/",
        ],
    }


@pytest.fixture
def forms(programme, hub):
    """Each form's address and a valid submission of it, to put one hostile value into."""
    section, thread = programme.section, programme.pages["thread"]
    isfs = Theme.objects.get(name="Individual service funds (ISFs)")
    return {
        "thread": (
            f"{section.url}threads/new/",
            {
                "title": "How do we pay for outcomes?",
                "question": "We **tried** hourly rates.",
                "themes": [isfs.pk],
            },
        ),
        "reply": (thread.url, {"body": "We pooled budgets."}),
        "insight": (
            f"{section.url}insights/new/",
            {
                "title": "Agree outcomes first",
                "learning": "Agree the outcomes *first*.",
                "source": "Session 3",
                "themes": [isfs.slug],
            },
        ),
        "tool": (
            f"{section.url}tools/new/",
            {
                "title": "Outcomes plan",
                "description": "A one-page **plan**.",
                "how_to_use": "Fill it in.",
                "licence": "CC-BY-4.0",
                "themes": [isfs.slug],
            },
        ),
        "summary": (f"{thread.url}summary/", {"summary": "We agreed to pool budgets."}),
        "status": (f"{thread.url}status/", {"status": "exploring"}),
    }


def test_every_query_parameter_takes_every_troublemaker(anonymous, member, addresses):
    for value in HOSTILE:
        query = dict.fromkeys(QUERY_PARAMETERS, value)
        for url in addresses["public"]:
            answer(anonymous, "get", url, query)
        for url in addresses["members"]:
            answer(member, "get", url, query)
    for value in ["9223372036854775808", "-1", "99999999999999999999", "²", "%00", "<![x>"]:
        answer(anonymous, "get", f"/api/outputs/{value}/", {})


@pytest.mark.parametrize("name", ["thread", "reply", "insight", "tool", "summary", "status"])
def test_every_form_field_takes_every_troublemaker(member, forms, name):
    url, valid = forms[name]
    for field in valid:
        for value in HOSTILE + corpus():
            answer(member, "post", url, {**valid, field: value})
            answer(member, "post", url, {**valid, field: value, "preview": "1"})


def test_sharing_a_tool_takes_any_file_name(member, forms):
    url, valid = forms["tool"]
    for name in ["<![x>.pdf", "a\x00b.pdf", "../../x.pdf", "x" * 300 + ".pdf", ".pdf", "‮fdp.exe"]:
        upload = SimpleUploadedFile(
            name.replace("\x00", ""), b"%PDF-1.4 a tool", content_type="application/pdf"
        )
        answer(member, "post", url, {**valid, "files": [upload]})


@FUZZ
@given(
    query=st.dictionaries(st.sampled_from(QUERY_PARAMETERS), st.text(max_size=60), max_size=4),
    index=st.integers(min_value=0, max_value=6),
)
def test_pages_take_any_query(anonymous, member, addresses, query, index):
    answer(anonymous, "get", addresses["public"][index], query)
    answer(member, "get", addresses["members"][index], query)


@FUZZ
@given(
    name=st.sampled_from(["thread", "reply", "insight", "tool", "summary", "status"]),
    texts=st.lists(st.text(max_size=400), min_size=1, max_size=5),
)
def test_forms_take_any_text(member, forms, name, texts):
    url, valid = forms[name]
    answer(member, "post", url, {**valid, **dict(zip(valid, texts, strict=False))})


@FUZZ
@given(username=st.text(max_size=200), password=st.text(max_size=200))
def test_signing_in_takes_any_text(anonymous, username, password):
    answer(anonymous, "post", "/accounts/login/", {"username": username, "password": password})


@FUZZ
@given(path=st.text(max_size=100))
def test_any_address_is_answered(anonymous, path):
    answer(anonymous, "get", "/" + path.replace("\x00", "%00").lstrip("/"), {})
