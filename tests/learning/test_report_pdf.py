"""A learning report's PDF (learning/report_pdf.py): made when the report is published, from
the same content, accessible (tagged PDF/UA, language, outline), public like the report, made
again at the same address when the report changes, taken down when the report is, and never
naming anyone who took part. A PDF that cannot be made never stops the web page."""

import datetime
import io
import json
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader
from selectolax.lexbor import LexborHTMLParser
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction, PageLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from attribution.gate import BLOCKED, AttributionBlocked
from learning import report_pdf
from learning.models import LearningReportPage, PublicOutputPage
from members.models import Member, Organisation

from ..factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db

TITLE = "Phase one: paying for outcomes"
HEADINGS = ("Starting with one ward", "What commissioners changed")
POINTS = (
    "Start with one provider and one ward before scaling.",
    "Agree outcomes with the people who draw on care first.",
    "Share the contract clauses early.",
)
QUOTE = (
    "We stopped counting visits and started asking what mattered.",
    "a commissioner in a county council",
)
ORGANISATION = "Larkspur Care Co-operative"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """A media folder of its own, so file names are as the report's and nothing is left over."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def named_organisation(programme):
    """The member's organisation, with a name distinctive enough to look for in the PDF."""
    organisation = programme.member.organisation
    organisation.name = ORGANISATION
    organisation.save()
    return organisation


@pytest.fixture
def output(hub):
    page = hub.add_child(
        instance=PublicOutputPage(
            title="Outcomes contracts in practice",
            slug="outcomes-contracts",
            live=False,
            summary="Two councils moved home care to outcomes over a year.",
        )
    )
    page.save_revision().publish()
    return page


def sections(*, points=POINTS, quote=QUOTE, output=None) -> str:
    """Two sections as stored (raw StreamField JSON): every kind of block once."""
    first = [
        {
            "type": "paragraph",
            "value": "<p>Members began small.</p><h3>The first year</h3>"
            "<p>One ward, one provider.</p>",
        },
        {
            "type": "table",
            "value": {
                "data": [
                    ["Approach", "Councils"],
                    ["Outcomes contract", "2"],
                    ["Spot purchase", "5"],
                ],
                "first_row_is_table_header": True,
                "first_col_is_header": True,
                "table_header_choice": "both",
                "table_caption": "How care was bought",
            },
        },
        {"type": "quote", "value": {"text": quote[0], "role": quote[1]}},
    ]
    if output is not None:
        first.append(
            {
                "type": "curated_output",
                "value": {
                    "output": output.pk,
                    "freeze": False,
                    "frozen_title": "",
                    "frozen_summary": "",
                },
            }
        )
    second = [
        {
            "type": "participating_organisations",
            "value": {"caption": "Participating organisations, by type"},
        }
    ]
    return json.dumps(
        [
            {
                "type": "section",
                "value": {
                    "heading": HEADINGS[0],
                    "content": first,
                    "summary_points": list(points[:2]),
                },
            },
            {
                "type": "section",
                "value": {
                    "heading": HEADINGS[1],
                    "content": second,
                    "summary_points": list(points[2:]),
                },
            },
        ]
    )


def draft_report(hub, **fields) -> LearningReportPage:
    fields.setdefault("summary", "What two communities learned about outcomes contracts.")
    fields.setdefault(
        "body",
        "<p>The executive summary of the first phase.</p><h2>In brief</h2><p>Start small.</p>",
    )
    fields.setdefault("conclusion", "<p>Outcomes contracts work when they start small.</p>")
    fields.setdefault("sections", sections())
    report = hub.add_child(
        instance=LearningReportPage(
            title=TITLE,
            slug="phase-one",
            live=False,
            publication_date=datetime.date(2026, 3, 2),
            **fields,
        )
    )
    report.themes.add("Individual service funds (ISFs)")
    return report


def published_report(hub, **fields) -> LearningReportPage:
    draft_report(hub, **fields).save_revision().publish()
    return LearningReportPage.objects.get(slug="phase-one")


def download(client, document) -> bytes:
    response = client.get(document.url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def names(programme) -> list[str]:
    return [
        *Member.objects.values_list("display_name", flat=True),
        *Organisation.objects.values_list("name", flat=True),
    ]


# --- the PDF ----------------------------------------------------------------------------------


def test_publishing_a_report_makes_a_public_pdf_from_the_same_content(
    programme, hub, output, named_organisation, client
):
    report = published_report(hub, sections=sections(output=output))

    document = report.pdf
    assert document is not None and not report.pdf_problem
    assert document.title == f"{TITLE} (PDF)"
    assert document.filename == "phase-one.pdf"
    assert document.collection.name == "Learning reports"
    assert not CollectionViewRestriction.objects.filter(collection=document.collection).exists()
    data = download(client, document)  # signed out
    assert data.startswith(b"%PDF")

    text = pdf_text(data)
    flat = " ".join(text.split())
    for words in (
        TITLE,
        "Contents",
        "Executive summary",
        "In brief",
        *HEADINGS,
        *POINTS,
        "Summary points",
        QUOTE[0],
        QUOTE[1],
        "How care was bought",
        "Outcomes contract",
        output.title,
        output.summary,
        "Care co-operative",
        "Participating organisations, by type",
        "Conclusion",
        "Published by the convener on 2 March 2026",
        "Practice Commons",
        "https://creativecommons.org/licenses/by-nc-sa/4.0/",
        "names no one who took part",
    ):
        assert words in flat, words
    pages = len(PdfReader(io.BytesIO(data)).pages)
    assert f"Page 2 of {pages}" in flat  # the cover has no running header or footer
    contents = flat[flat.index("Contents") : flat.index("Executive summary The executive")]
    assert re.search(rf"{re.escape(HEADINGS[0])} \.[. ]*\d+", contents)  # leader, page number
    for name in names(programme):
        assert name.casefold() not in flat.casefold(), name


def _section_words(html: str, sections_selector: str) -> list[list[str]]:
    """The words of each report section as a reader gets them, link addresses aside (the PDF
    prints them after "Read it online:", as paper cannot follow a link)."""
    out = []
    for node in LexborHTMLParser(html).css(sections_selector):
        text = re.sub(r"Read it online:\s*\S+", "", node.text(separator=" "))
        out.append(re.findall(r"\w[\w'’-]*", text))
    return out


def test_the_pdf_says_what_the_web_page_says_section_by_section(
    programme, hub, output, named_organisation, client
):
    """The web page and the PDF are written by two templates: this holds them to one text (they
    once disagreed on a kicker and a column heading)."""
    report = published_report(hub, sections=sections(output=output))
    web = _section_words(
        client.get(report.url).content.decode(), 'section[aria-labelledby^="section-"]'
    )
    pdf = _section_words(report_pdf.report_pdf_html(report), 'section[id^="section-"]')
    assert len(web) == len(pdf) == 2
    assert web == pdf


def test_the_pdf_is_tagged_for_accessibility(programme, hub):
    report = published_report(hub)

    with report.pdf.open_file() as file:
        reader = PdfReader(io.BytesIO(file.read()))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata.title == TITLE
    assert reader.metadata.author == "Practice Commons"
    top, nested = reader.outline[0], reader.outline[1]  # the title, and the parts under it
    assert top.title == TITLE
    assert [item.title for item in nested if not isinstance(item, list)] == [
        "Contents",
        "Executive summary",
        *HEADINGS,
        "Conclusion",
        "About this report",
    ]


def test_republishing_makes_the_pdf_again_at_the_same_address(programme, hub, client):
    report = published_report(hub)
    document, url = report.pdf, report.pdf.url

    report.sections = sections(points=("Begin with a single ward.", *POINTS[1:]))
    report.save_revision().publish()

    report = LearningReportPage.objects.get(pk=report.pk)
    assert report.pdf.pk == document.pk and report.pdf.url == url
    assert url.endswith("/phase-one.pdf")
    text = " ".join(pdf_text(download(client, report.pdf)).split())
    assert "Begin with a single ward." in text
    assert POINTS[0] not in text
    folder = report.pdf.file.storage.listdir("documents/learning-reports")[1]
    assert folder == ["phase-one.pdf"]  # the old file was replaced, not left behind


def test_publishing_an_older_revision_keeps_the_current_pdf(programme, hub):
    """A revision holds a copy of the PDF link from when it was saved: it must not win."""
    draft = draft_report(hub)
    first = draft.save_revision()  # saved before any PDF existed
    first.publish()
    document = LearningReportPage.objects.get(pk=draft.pk).pdf

    first.publish()

    report = LearningReportPage.objects.get(pk=draft.pk)
    assert report.pdf.pk == document.pk
    assert get_document_model().objects.filter(collection=document.collection).count() == 1


def test_unpublishing_the_report_takes_its_pdf_down(programme, hub, client):
    report = published_report(hub)
    document = report.pdf
    url = document.url

    report.unpublish()

    assert not get_document_model().objects.filter(pk=document.pk).exists()
    assert LearningReportPage.objects.get(pk=report.pk).pdf is None
    # Its address answers as any document address with nothing there (docs/decisions.md §2).
    taken_down, never_there = client.get(url), client.get("/documents/999999/phase-one.pdf")
    assert taken_down.status_code == never_there.status_code != 200
    assert taken_down["Location"] == never_there["Location"].replace("999999", str(document.pk))


def test_deleting_the_report_deletes_its_pdf(programme, hub):
    report = published_report(hub)
    document = report.pdf

    report.delete()

    assert not get_document_model().objects.filter(pk=document.pk).exists()


# --- when the PDF cannot be made --------------------------------------------------------------


def test_a_renderer_failure_leaves_the_web_page_published_without_a_pdf(
    programme, hub, client, monkeypatch
):
    report = published_report(hub)
    document = report.pdf

    def broken(report, html=None):
        raise RuntimeError("Pango fell over")

    monkeypatch.setattr(report_pdf, "report_pdf_bytes", broken)
    report.sections = sections(points=("A point the old PDF does not have.", *POINTS[1:]))
    report.save_revision().publish()

    report = LearningReportPage.objects.get(pk=report.pk)
    assert report.live
    assert report.pdf is None
    assert report.pdf_problem == "the PDF renderer failed (RuntimeError)"
    assert not get_document_model().objects.filter(pk=document.pk).exists()  # it was stale
    assert client.get(report.url).status_code == 200


def test_a_pdf_that_would_name_someone_is_withheld(programme, hub, output):
    """The last check reads what the PDF adds to the report, such as a curated output's words:
    here an output published before its words became a member's name."""
    report = published_report(hub, sections=sections(output=output))
    assert report.pdf is not None
    MemberFactory(user=UserFactory(username="newcomer"), display_name="Joan Whitfield")
    PublicOutputPage.objects.filter(pk=output.pk).update(
        summary="Joan Whitfield moved two wards to outcomes."
    )

    report.save_revision().publish()

    report = LearningReportPage.objects.get(pk=report.pk)
    assert report.live and report.pdf is None
    assert "non-attribution check" in report.pdf_problem
    assert "Joan" not in report.pdf_problem and "Whitfield" not in report.pdf_problem
    entry = PageLogEntry.objects.get(page=report, action=BLOCKED)
    assert entry.data["path"] == "PDF of the report"
    assert "Whitfield" not in json.dumps(entry.data)


# --- in the editor ----------------------------------------------------------------------------


def edit_data(report, *, points=POINTS) -> dict:
    def items(values):
        data = {
            str(n): {"value": v, "deleted": "", "order": str(n), "id": ""}
            for n, v in enumerate(values)
        }
        return {**data, "count": str(len(values))}

    return nested_form_data(
        {
            "title": report.title,
            "slug": report.slug,
            "summary": report.summary,
            "body": rich_text(report.body),
            "conclusion": rich_text(report.conclusion),
            "sections": streamfield(
                [
                    (
                        "section",
                        {
                            "heading": HEADINGS[0],
                            "content": streamfield(
                                [("paragraph", rich_text("<p>Members began small.</p>"))]
                            ),
                            "summary_points": items(points),
                        },
                    ),
                ]
            ),
            "themes": '"Individual service funds (ISFs)"',
            "publication_date": "2026-03-02",
            "licence": report.licence,
            "files": inline_formset([]),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )


def publish_in_editor(client, report, **kwargs):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[report.pk]),
        edit_data(report, **kwargs),
        follow=True,
    )


def shown(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_the_editor_says_the_pdf_was_made(programme, hub, admin_client):
    report = draft_report(hub)

    response = publish_in_editor(admin_client, report)

    report = LearningReportPage.objects.get(pk=report.pk)
    assert report.live and report.pdf is not None
    assert any("The PDF of “Phase one: paying for outcomes” was made" in m for m in shown(response))


def test_the_editor_says_why_the_pdf_could_not_be_made(programme, hub, admin_client, monkeypatch):
    report = draft_report(hub)

    def broken(report, html=None):
        raise OSError("no fonts")

    monkeypatch.setattr(report_pdf, "report_pdf_bytes", broken)
    response = publish_in_editor(admin_client, report)

    report = LearningReportPage.objects.get(pk=report.pk)
    assert report.live and report.pdf is None
    messages = shown(response)
    assert (
        "The report is published on the web, but its PDF could not be made: the PDF "
        "renderer failed (OSError). Readers see the web page without a PDF. Publish again "
        "to try again."
    ) in messages
    assert any("has been published." in m for m in messages)  # Wagtail's own, as ever


def test_the_editor_refuses_a_summary_point_naming_a_member(programme, hub, admin_client):
    report = draft_report(hub)

    response = publish_in_editor(
        admin_client, report, points=("Amina Okafor started with one ward.",)
    )

    assert response.status_code == 200
    assert "Amina Okafor" in str(response.context["form"].errors.get("sections", ""))
    report = LearningReportPage.objects.get(pk=report.pk)
    assert not report.live and report.pdf is None


# --- the gate ---------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["summary point", "quote", "quote's role"])
def test_a_report_naming_a_member_cannot_be_published(programme, hub, where):
    name = programme.member.display_name
    points, quote = POINTS, QUOTE
    if where == "summary point":
        points = (f"{name} started with one ward.", *POINTS[1:])
    elif where == "quote":
        quote = (f"As {name} said, start small.", QUOTE[1])
    else:
        quote = (QUOTE[0], f"{name}, a co-operative director")
    report = draft_report(hub, sections=sections(points=points, quote=quote))

    with pytest.raises(AttributionBlocked) as refused:
        report.save_revision().publish()

    assert "sections" in refused.value.message_dict
    report = LearningReportPage.objects.get(pk=report.pk)
    assert not report.live and report.pdf is None
    assert not get_document_model().objects.filter(collection__name="Learning reports").exists()


def test_the_pdf_follows_a_curated_output_it_pulls_in(programme, hub, output, client):
    """The web page shows an output's current words; the PDF is remade when the output is
    published again or taken down, so the two never disagree."""
    report = published_report(hub, sections=sections(output=output))
    assert "Two councils moved home care" in pdf_text(download(client, report.pdf))

    output.summary = "Three councils now buy home care by outcomes."
    output.save_revision().publish()
    report.refresh_from_db()
    text = pdf_text(download(client, report.pdf))
    assert "Three councils now buy home care" in text
    assert "Two councils moved home care" not in text

    PublicOutputPage.objects.get(pk=output.pk).unpublish()  # the fixture's copy is stale
    report.refresh_from_db()
    assert "Three councils now buy home care" not in pdf_text(download(client, report.pdf))


# Committed for real: the re-check runs once the change to the registry commits.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_pdf_naming_someone_newly_protected_is_taken_down(programme, hub, client):
    """A report published when "Larkspur Trust" was nobody's name; then an organisation of that
    name joins: the PDF, like the web page, must stop naming it."""
    report = published_report(hub, conclusion="<p>The Larkspur Trust model travelled well.</p>")
    assert report.pdf is not None

    programme.member.organisation = Organisation.objects.create(
        name="Larkspur Trust", type=Organisation.Type.CHARITY, region="Wales"
    )
    programme.member.save()

    report.refresh_from_db()
    assert report.pdf is None
    assert "now protected" in report.pdf_problem and "Larkspur" not in report.pdf_problem
