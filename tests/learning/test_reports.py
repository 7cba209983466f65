"""Learning reports (knowledge.models.LearningReportPage) as readers, machines and the convener
meet them: the web page with its executive summary, sections, summary points, quotes by role,
tables, curated outputs and organisations counted by type; the hub, theme pages, feeds (the PDF
as an enclosure), sitemap and API; the Chatham House gate; and the admin."""

import io
import json
import re

import pytest
from defusedxml import ElementTree as ET
from django.core.files.base import ContentFile
from django.urls import reverse
from pypdf import PdfReader
from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from attribution.gate import AttributionBlocked
from learning.curation import learning_hub_open_to_conveners
from learning.models import LearningReportPage, PublicOutputPage
from learning.public_cache import public_cache_clear
from members.models import Organisation

pytestmark = pytest.mark.django_db

ISFS = "Individual service funds (ISFs)"
GOVERNANCE = "Governance"
ATOM = "{http://www.w3.org/2005/Atom}"
EXECUTIVE_SUMMARY = "<p>Three things made individual service funds work in the first phase.</p>"
CONCLUSION = "<p>Write the tolerance down, bring audit in early, and start small.</p>"
QUOTE = "We stopped asking permission for every change, and people noticed."
ROLE = "a director of a care co-operative"
TABLE = {
    "data": [["Step", "When"], ["Agree the tolerance", "Before the contract"],
             ["Invite audit", "At design"]],
    "first_row_is_table_header": True, "first_col_is_header": False,
    "table_header_choice": "row", "table_caption": "Steps members took", "cell": [],
    "mergeCells": [],
}  # fmt: skip


# --- making reports ----------------------------------------------------------------------------


def section(heading, *content, points=("Write the tolerance into the contract.",)):
    """A section's raw StreamField data: (block type, value) pairs of content, then points."""
    return {
        "type": "section",
        "value": {
            "heading": heading,
            "content": [{"type": kind, "value": value} for kind, value in content],
            "summary_points": list(points),
        },
    }


def curated(output, freeze=False):
    return (
        "curated_output",
        {"output": output.pk, "freeze": freeze, "frozen_title": "", "frozen_summary": ""},
    )


def add_output(hub, title, *, themes=(ISFS,), **fields):
    """A live public output under the hub, published through the gate."""
    fields.setdefault("summary", f"What commissioners learned: {title.lower()}.")
    fields.setdefault("body", "<p>Start with one provider and one ward.</p>")
    output = hub.add_child(instance=PublicOutputPage(title=title, live=False, **fields))
    output.themes.add(*themes)
    output.save_revision().publish()
    return PublicOutputPage.objects.get(pk=output.pk)


def add_report(
    hub,
    title="Learning from the first phase",
    *,
    sections=None,
    themes=(ISFS,),
    publish=True,
    **fields,
):
    """A report under the hub, its themes saved in the revision, published through the gate
    (cleaning it first, as the editor does, which freezes the curated outputs to freeze)."""
    fields.setdefault("summary", "What the first phase learned about individual service funds.")
    fields.setdefault("body", EXECUTIVE_SUMMARY)
    fields.setdefault("conclusion", CONCLUSION)
    if sections is None:
        sections = [
            section(
                "Flexibility needs a number",
                ("paragraph", "<p>Providers said flexibility lasted only when written.</p>"),
                ("quote", {"text": QUOTE, "role": ROLE}),
                points=(
                    "Write the tolerance into the contract.",
                    "Agree larger changes within ten working days.",
                ),
            ),
            section(
                "Audit as an ally",
                ("table", TABLE),
                points=("Invite internal audit to design the scheme.",),
            ),
        ]
    report = hub.add_child(
        instance=LearningReportPage(title=title, live=False, sections=sections, **fields)
    )
    report.themes.add(*themes)
    revision = report.save_revision()
    if publish:
        revision.publish()
    return LearningReportPage.objects.get(pk=report.pk)


def set_pdf(report, document):
    """Point the report at this PDF as publishing does once it has made one (a queryset update:
    learning/report_pdf.py keeps `pdf` out of page saves), whatever PDF publishing made."""
    LearningReportPage.objects.filter(pk=report.pk).update(pdf=document)
    public_cache_clear()
    return LearningReportPage.objects.get(pk=report.pk)


def make_pdf(title="Learning from the first phase (PDF)"):
    data = b"%PDF-1.7\n" + b"% a learning report\n" * 120 + b"%%EOF\n"  # 2.4 KB
    document = get_document_model()(title=title, file_size=len(data))
    document.file.save("learning-from-the-first-phase.pdf", ContentFile(data))
    document.save()
    return document


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def xml_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return ET.fromstring(response.content)


# --- the report page ---------------------------------------------------------------------------


def test_a_report_reads_as_summary_contents_sections_points_and_conclusion(hub, client):
    report = add_report(hub, publication_date="2026-05-04")
    html = html_of(client, report.url)

    assert report.kind == PublicOutputPage.Kind.REPORT
    assert '<p class="kicker">Learning report</p>' in html
    assert f"<h1>{report.title}</h1>" in html
    assert re.search(
        r'Published by the convener on <time datetime="2026-05-04">4 May 2026</time>', html
    )
    assert '<h2 id="executive-summary">Executive summary</h2>' in html
    assert EXECUTIVE_SUMMARY in html
    contents = re.search(r'<nav aria-labelledby="contents".*?</nav>', html, re.S).group()
    assert re.findall(r'<a href="#([\w-]+)">([^<]+)</a>', contents) == [
        ("section-1", "Flexibility needs a number"),
        ("section-2", "Audit as an ally"),
        ("conclusion", "Conclusion"),
    ]
    for anchor, heading in (
        ("section-1", "Flexibility needs a number"),
        ("section-2", "Audit as an ally"),
        ("conclusion", "Conclusion"),
    ):
        assert f'<h2 id="{anchor}">{heading}</h2>' in html
    assert html.count("<h3>Summary points</h3>") == 2
    assert "<li>Agree larger changes within ten working days.</li>" in html
    assert "<li>Invite internal audit to design the scheme.</li>" in html
    assert html.index("Flexibility needs a number</h2>") < html.index("Audit as an ally</h2>")
    assert html.index("Audit as an ally</h2>") < html.index('<h2 id="conclusion">')
    assert CONCLUSION in html
    assert "https://creativecommons.org/licenses/by-nc-sa/4.0/" in html


def test_a_report_names_no_author_and_runs_no_script(hub, client, django_user_model):
    owner = django_user_model.objects.create_user(
        username="convener.quill", first_name="Persephone", last_name="Quill"
    )
    report = add_report(hub, owner=owner)
    html = html_of(client, report.url)
    assert "Published by the convener" in html
    for words in ("Persephone", "Quill", "convener.quill"):
        assert words not in html
    assert not re.findall(r"<script\b(?![^>]*application/(?:ld\+)?json)[^>]*>", html)


def test_quotes_are_attributed_by_role_only(hub, client):
    html = html_of(client, add_report(hub).url)
    assert re.search(
        rf'<figure class="report-quote">\s*<blockquote><p>{re.escape(QUOTE)}</p></blockquote>\s*'
        rf"<figcaption>— {ROLE}</figcaption>\s*</figure>",
        html,
    )


def test_a_table_has_its_caption_and_column_headers(hub, client):
    html = html_of(client, add_report(hub).url)
    table = re.search(r'<div class="report-table".*?</table>', html, re.S).group()
    assert "<caption>Steps members took</caption>" in table
    assert re.findall(r'<th scope="col"\s*>([^<]+)</th>', table) == ["Step", "When"]
    assert re.findall(r"<td\s*>([^<]+)</td>", table) == [
        "Agree the tolerance",
        "Before the contract",
        "Invite audit",
        "At design",
    ]


def test_a_table_may_have_row_headers_and_no_column_headers(hub, client):
    table = {
        **TABLE,
        "first_row_is_table_header": False,
        "first_col_is_header": True,
        "table_header_choice": "column",
        "table_caption": "",
    }
    report = add_report(hub, sections=[section("Steps", ("table", table))])
    html = html_of(client, report.url)
    assert '<th scope="col"' not in html and "<caption>" not in html
    assert re.findall(r'<th scope="row"\s*>([^<]+)</th>', html) == [
        "Step",
        "Agree the tolerance",
        "Invite audit",
    ]


def test_a_live_curated_output_follows_the_output(hub, client):
    output = add_output(hub, "Audit as an ally", summary="Auditors helped design the scheme.")
    report = add_report(hub, sections=[section("Audit", curated(output))])
    html = html_of(client, report.url)
    assert f'<a href="{output.url}">Audit as an ally</a>' in html
    assert "Auditors helped design the scheme." in html

    output.title, output.summary = "Audit on board", "Auditors agreed the tolerance first."
    output.save_revision().publish()
    html = html_of(client, report.url)
    assert f'<a href="{output.url}">Audit on board</a>' in html
    assert "Auditors agreed the tolerance first." in html
    assert "Auditors helped design the scheme." not in html


def test_a_frozen_curated_output_keeps_the_words_it_was_published_with(hub, client):
    output = add_output(hub, "Audit as an ally", summary="Auditors helped design the scheme.")
    report = add_report(hub, sections=[section("Audit", curated(output, freeze=True))])
    [block] = report.sections[0].value["content"]
    assert block.value["frozen_title"] == "Audit as an ally"  # written when it was cleaned
    assert block.value["frozen_summary"] == "Auditors helped design the scheme."

    output.title, output.summary = "Audit on board", "Auditors agreed the tolerance first."
    output.save_revision().publish()
    html = html_of(client, report.url)
    assert f'<a href="{output.url}">Audit as an ally</a>' in html  # still a link to it
    assert "Auditors helped design the scheme." in html
    assert "Audit on board" not in html and "agreed the tolerance first" not in html

    output.unpublish()
    html = html_of(client, report.url)
    assert "Audit as an ally" in html and f'href="{output.url}"' not in html


def test_a_curated_output_that_is_not_live_shows_nothing(hub, client):
    output = add_output(hub, "Audit as an ally", summary="Auditors helped design the scheme.")
    report = add_report(hub, sections=[section("Audit", curated(output))])
    output.unpublish()
    html = html_of(client, report.url)
    assert "report-curated" not in html and "Auditors helped" not in html


def test_participating_organisations_are_counted_by_type_never_named(programme, hub, client):
    programme.member.organisation = Organisation.objects.create(
        name="Kindred Care Co-operative", type=Organisation.Type.CARE_COOPERATIVE
    )
    programme.member.save()
    programme.convener.organisation = Organisation.objects.create(
        name="Calderbrook Metropolitan Borough Council", type=Organisation.Type.COUNCIL
    )
    programme.convener.save()
    programme.outsider.organisation = Organisation.objects.create(
        name="Hearth & Home Care Co-operative", type=Organisation.Type.CARE_COOPERATIVE
    )
    programme.outsider.save()
    Organisation.objects.create(name="Nobody's Charity", type=Organisation.Type.CHARITY)
    block = ("participating_organisations", {"caption": "Who took part, by type"})
    report = add_report(hub, sections=[section("Who took part", block)])

    html = html_of(client, report.url)
    table = re.search(r'<div class="report-table".*?</table>', html, re.S).group()
    assert "<caption>Who took part, by type</caption>" in table
    assert re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', table) == [
        "Type of organisation",
        "Number",
    ]
    rows = re.findall(r'<th scope="row">([^<]+)</th><td class="number">(\d+)</td>', table)
    assert rows == [("Care co-operative", "2"), ("Council", "1")]  # no member: not counted
    for name in ("Kindred", "Calderbrook", "Hearth", "Nobody", "Amina", "Okafor"):
        assert name not in html


def test_the_pdf_is_offered_with_its_size_once_made(hub, client):
    report = add_report(hub)
    set_pdf(report, None)  # whatever publishing made
    assert "Download the PDF" not in html_of(client, report.url)

    document = make_pdf()
    set_pdf(report, document)
    html = html_of(client, report.url)
    assert f'<a href="{document.url}" download>Download the PDF</a>' in html
    assert re.search(r"\(PDF, 2\.4\sKB, accessible\)", html)


# --- where readers and machines find it --------------------------------------------------------


def test_a_report_is_on_the_hub_and_its_theme_pages(hub, client):
    add_output(hub, "Boards that share power", themes=(GOVERNANCE,))
    report = add_report(hub, themes=(ISFS,))
    card = f'<a href="{report.url}">{report.title}</a>'
    assert card in html_of(client, hub.url)
    assert "Learning report" in html_of(client, hub.url)
    assert card in html_of(client, f"{hub.url}themes/isfs/")
    assert card not in html_of(client, f"{hub.url}themes/governance/")
    assert f'href="/learning/themes/isfs/">{ISFS}</a>' in html_of(client, report.url)


def test_a_reports_feed_entries_enclose_its_pdf(hub, client):
    report = add_report(hub)
    add_output(hub, "Boards that share power")
    document = make_pdf()
    set_pdf(report, document)
    pdf_url = f"http://localhost{document.url}"

    items = xml_of(client, "/learning/feed/").find("channel").findall("item")
    by_title = {item.findtext("title"): item for item in items}
    enclosure = by_title[report.title].find("enclosure")
    assert enclosure.attrib == {
        "url": pdf_url,
        "length": str(document.file_size),
        "type": "application/pdf",
    }
    assert by_title[report.title].findtext("link") == report.get_full_url()
    assert by_title["Boards that share power"].find("enclosure") is None

    entries = xml_of(client, "/learning/feed/atom/").findall(f"{ATOM}entry")
    entry = next(e for e in entries if e.findtext(f"{ATOM}title") == report.title)
    [link] = [link for link in entry.findall(f"{ATOM}link") if link.get("rel") == "enclosure"]
    assert link.attrib == {
        "rel": "enclosure",
        "href": pdf_url,
        "length": str(document.file_size),
        "type": "application/pdf",
    }
    theme_feed = xml_of(client, "/learning/themes/isfs/feed/")
    assert theme_feed.find("channel").find("item/enclosure").get("url") == pdf_url


def test_a_report_without_a_pdf_has_no_enclosure(hub, client):
    report = add_report(hub)
    set_pdf(report, None)
    body = client.get("/learning/feed/").content.decode()
    assert report.title in body and "<enclosure" not in body
    assert 'rel="enclosure"' not in client.get("/learning/feed/atom/").content.decode()


def test_a_report_is_in_the_sitemap(hub, client):
    report = add_report(hub)
    root = xml_of(client, "/sitemap.xml")
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locations = [url.findtext(f"{ns}loc") for url in root.findall(f"{ns}url")]
    assert report.get_full_url() in locations
    assert f"{hub.get_full_url()}themes/isfs/" in locations


def test_a_reports_metadata_describes_a_report_and_its_pdf(hub, client):
    report = set_pdf(add_report(hub), make_pdf())
    page = html_of(client, report.url)
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    )
    assert data["@type"] == "Report"
    assert data["encoding"]["encodingFormat"] == "application/pdf"
    assert data["encoding"]["contentUrl"].endswith(report.pdf.url)


def test_the_api_gives_a_reports_kind_and_pdf(hub, client):
    output = add_output(hub, "Boards that share power")
    report = add_report(hub)
    set_pdf(report, None)

    results = {item["id"]: item for item in client.get("/api/outputs/").json()["results"]}
    assert results[report.pk]["kind"] == "report"
    assert results[report.pk]["pdf"] is None
    assert results[report.pk]["body"] == EXECUTIVE_SUMMARY
    assert "pdf" not in results[output.pk]  # only reports have one

    document = make_pdf()
    set_pdf(report, document)
    detail = client.get(f"/api/outputs/{report.pk}/").json()
    assert detail["pdf"] == f"http://localhost{document.url}"
    assert detail["url"] == report.get_full_url()
    assert "sources" not in detail and "owner" not in detail


def test_machines_get_a_constant_number_of_queries_however_many_reports(hub, client_for, programme):
    """A report's PDF comes with the outputs' query: one report costs what three do."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(programme.convener)  # signed in: no public cache answers
    document = make_pdf()

    def queries(url):
        cache.clear()
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    urls = ["/api/outputs/", "/learning/feed/", "/learning/feed/atom/"]
    set_pdf(add_report(hub, "Report 1"), document)
    few = {url: queries(url) for url in urls}
    for number in (2, 3):
        set_pdf(add_report(hub, f"Report {number}"), document)
    assert {url: queries(url) for url in urls} == few


# --- the gate ----------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["quote", "role", "summary point", "table"])
def test_the_gate_refuses_a_report_that_names_a_member(programme, hub, where):
    text, role, points, table = QUOTE, ROLE, ["Write the tolerance down."], TABLE
    if where == "quote":
        text = "Amina Okafor said we stopped asking permission."
    elif where == "role":
        role = "Amina Okafor, a director"
    elif where == "summary point":
        points = ["As Amina Okafor showed, write the tolerance down."]
    else:
        table = {**TABLE, "data": [*TABLE["data"], ["Ask Amina Okafor", "Any time"]]}
    report = add_report(
        hub,
        publish=False,
        sections=[
            section(
                "What worked",
                ("quote", {"text": text, "role": role}),
                ("table", table),
                points=points,
            ),
        ],
    )

    with pytest.raises(AttributionBlocked) as refused:
        report.get_latest_revision().publish()
    assert "Amina Okafor" in " ".join(refused.value.message_dict["sections"])
    assert not LearningReportPage.objects.get(pk=report.pk).live


def test_the_gate_lets_a_report_in_role_language_through(programme, hub):
    report = add_report(hub, publish=False)
    report.get_latest_revision().publish()
    assert LearningReportPage.objects.get(pk=report.pk).live


# --- the convener's admin ----------------------------------------------------------------------

INSIGHTS = [
    ("Write the tolerance down", "Flexibility lasted only when the contract gave a number."),
    ("Bring audit in early", "Auditors who helped design the scheme found nothing to report."),
    ("Start in one ward", "Starting small let the provider and council learn together."),
]


def points(*items):
    return {
        "count": str(len(items)),
        **{
            str(i): {"value": item, "deleted": "", "order": str(i), "id": ""}
            for i, item in enumerate(items)
        },
    }


def report_form(outputs, **extra):
    """The add form as the convener fills it in: three sections, each from a curated output
    (the second frozen), a quote by role and a table, and their summary points."""
    table = json.dumps(TABLE)
    sections = [
        (
            "section",
            {
                "heading": title,
                "content": streamfield(
                    [
                        ("paragraph", rich_text(f"<p>{learned}</p>")),
                        (
                            "curated_output",
                            {
                                "output": str(output.pk),
                                "freeze": "on" if i == 1 else "",
                                "frozen_title": "",
                                "frozen_summary": "",
                            },
                        ),
                        *([("quote", {"text": QUOTE, "role": ROLE})] if i == 0 else []),
                        *([("table", table)] if i == 2 else []),
                    ]
                ),
                "summary_points": points(learned),
            },
        )
        for i, (output, (title, learned)) in enumerate(zip(outputs, INSIGHTS, strict=True))
    ]
    return nested_form_data(
        {
            "title": "Learning from the first phase",
            "slug": "learning-from-the-first-phase",
            "summary": "What the first phase learned about individual service funds.",
            "body": rich_text(EXECUTIVE_SUMMARY),
            "sections": streamfield(sections),
            "conclusion": rich_text(CONCLUSION),
            "themes": f'"{ISFS}"',
            "publication_date": "2026-05-04",
            "licence": "CC-BY-4.0",
            "files": inline_formset([]),
            "comments": inline_formset([]),
            **extra,
        }
    )


def test_a_convener_writes_a_report_from_three_curated_insights_and_publishes_it(
    programme, hub, client
):
    learning_hub_open_to_conveners(hub)
    outputs = [add_output(hub, title, summary=learned) for title, learned in INSIGHTS]
    client.force_login(programme.convener.user)
    add = reverse("wagtailadmin_pages:add", args=["learning", "learningreportpage", hub.pk])
    assert client.get(add).status_code == 200

    response = client.post(
        add,
        {
            **report_form(outputs, **{"action-publish": "action-publish"}),
            "sources": [programme.pages["insight"].pk],
        },
    )
    assert response.status_code == 302, response.context["form"].errors

    report = LearningReportPage.objects.get(slug="learning-from-the-first-phase")
    assert report.live and report.kind == "report" and report.owner == programme.convener.user
    assert [s.value["heading"] for s in report.sections] == [t for t, _ in INSIGHTS]
    frozen = report.sections[1].value["content"][1].value
    assert (frozen["frozen_title"], frozen["frozen_summary"]) == INSIGHTS[1]
    assert [source.pk for source in report.sources.all()] == [programme.pages["insight"].pk]

    client.logout()
    html = html_of(client, report.url)
    for output, (title, learned) in zip(outputs, INSIGHTS, strict=True):
        assert f'<a href="{output.url}">{title}</a>' in html
        assert f"<li>{learned}</li>" in html
    assert "<caption>Steps members took</caption>" in html
    assert programme.pages["insight"].url not in html  # sources are for members only
    assert report.title in client.get("/learning/feed/").content.decode()

    # The reader downloads the PDF from the page: a contents page, and page numbers.
    assert f'href="{report.pdf.url}"' in html
    download = client.get(report.pdf.url)
    pdf = PdfReader(io.BytesIO(b"".join(download.streaming_content)))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Contents" in text and f"Page 2 of {len(pdf.pages)}" in text  # the cover has none
    for title, learned in INSIGHTS:
        assert title in text and learned in text


def test_the_report_editor_shows_a_members_name_in_context(programme, hub, client):
    learning_hub_open_to_conveners(hub)
    outputs = [add_output(hub, title, summary=learned) for title, learned in INSIGHTS]
    client.force_login(programme.convener.user)
    add = reverse("wagtailadmin_pages:add", args=["learning", "learningreportpage", hub.pk])
    data = report_form(outputs, **{"action-publish": "action-publish"})
    data["sections-0-value-content-2-value-role"] = "Amina Okafor"

    response = client.post(add, data)
    assert response.status_code == 200
    assert "Amina Okafor" in str(response.context["form"].errors)
    assert not LearningReportPage.objects.filter(live=True).exists()


def test_a_plain_outputs_editor_no_longer_offers_the_report_kind(programme, hub, admin_client):
    output = add_output(hub, "Boards that share power")
    for url in (
        reverse("wagtailadmin_pages:edit", args=[output.pk]),
        reverse("wagtailadmin_pages:add", args=["learning", "publicoutputpage", hub.pk]),
    ):
        response = admin_client.get(url)
        assert response.status_code == 200
        choices = dict(response.context["form"].fields["kind"].choices)
        assert "insight" in choices and "report" not in choices
        assert 'value="report"' not in response.content.decode()


def test_a_reports_kind_is_always_report(hub):
    report = add_report(hub, kind=PublicOutputPage.Kind.INSIGHT)
    assert report.kind == PublicOutputPage.Kind.REPORT
    assert PublicOutputPage.objects.get(pk=report.pk).get_kind_display() == "Learning report"
