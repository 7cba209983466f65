"""A learning report's PDF: made from the same content as its web page each time the report is
published, and a public output like any other.

- Made with WeasyPrint as PDF/UA-1 (tagged, with the document's language, title and outline),
  from templates/learning/report_pdf.html and its print stylesheet
  (templates/static/css/report-pdf.css, inlined so nothing is fetched: WeasyPrint may read
  data: URLs only).
- Checked before it is stored: the words of the rendered document go through the
  non-attribution check once more, as the last check on anonymous responses would check a web
  page (the report's own consents, and those live pages rely on). The gate has already read the
  report's fields; this catches what the PDF adds to them, such as the current words of the
  curated outputs it pulls in.
- Stored as a Wagtail document in the "Learning reports" collection, which has no view
  restriction so anyone may download it, under the report's slug. Republishing rewrites the
  same document, so its address stays the same.
- Any failure (the renderer's, a blocked name, storage) takes the previous PDF down, since it
  may hold words the convener has just removed, records why in `pdf_problem` (never the blocked
  words), and never stops the web page from publishing: the editor tells the convener
  (knowledge/wagtail_hooks.py).
- Unpublishing or deleting the report deletes its PDF.

`pdf` and `pdf_problem` belong to the report as a whole, not to a revision: they are written
here only, with queryset updates (no revision, no signals), and a save of the page keeps the
stored values (`keep_the_stored_pdf`), so publishing an older revision cannot point the page at
a deleted PDF, nor leave the current one behind as an orphan anyone could still download.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.rich_text import expand_db_html

from attribution.check import BLOCK, check
from attribution.gate import GateResult, log_blocked
from attribution.html_text import html_to_text
from attribution.last_check import consented_public_names, html_text
from attribution.public_text import PageText, is_publicly_visible
from attribution.registry import registry_cached
from learning.public_cache import public_cache_clear

from .models import LearningReportPage
from .report_blocks import curated_output_shown, organisations_by_type

logger = logging.getLogger(__name__)

TEMPLATE = "learning/report_pdf.html"
STYLESHEET = "css/report-pdf.css"  # found by the static files finders: no web server needed
COLLECTION = "Learning reports"  # a child of the root collection, with no view restriction
FOLDER = "documents/learning-reports"  # one file per report, named after its slug
PDF_VARIANT = "pdf/ua-1"  # tagged, with /Lang, /MarkInfo and the title shown as the title
AUTHOR = "Practice Commons"  # the programme publishes, never a person

_HEADING_RE = re.compile(r"<(/?)h([1-5])\b", re.IGNORECASE)
_IMG_WITHOUT_ALT_RE = re.compile(r"<img\b(?![^>]*\balt\s*=)", re.IGNORECASE)


class PdfWithheld(Exception):
    """The PDF may not be made or stored; the message says why, in words for the convener."""


# --- the document -----------------------------------------------------------------------------


def report_pdf_html(report: LearningReportPage) -> str:
    """The report as the HTML document its PDF is printed from."""
    html = render_to_string(TEMPLATE, report_pdf_context(report))
    return _IMG_WITHOUT_ALT_RE.sub('<img alt="" ', html)  # none today: rich text has no images


def report_pdf_bytes(report: LearningReportPage, html: str | None = None) -> bytes:
    """The report as an accessible PDF (PDF/UA-1: tagged, language, title, outline)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    if html is None:
        html = report_pdf_html(report)
    document = HTML(
        string=html,
        base_url=_base_url(report),  # relative links in rich text become absolute in the PDF
        url_fetcher=URLFetcher(allowed_protocols={"data"}),  # never fetch anything at publish
    )
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def report_pdf_context(report: LearningReportPage) -> dict:
    base = _base_url(report)
    organisations = None  # counted once, and only if a section shows them

    def content(child) -> dict:
        nonlocal organisations
        kind, value = child.block_type, child.value
        item = {"type": kind}
        if kind == "paragraph":
            item["html"] = expand_db_html(value.source)
        elif kind == "table":
            item.update(_table(value))
        elif kind == "quote":
            item.update(text=value["text"], role=value["role"])
        elif kind == "curated_output":
            shown = curated_output_shown(value)
            item.update(shown, url=urljoin(base, shown["url"]) if shown["url"] else "")
        elif kind == "participating_organisations":
            if organisations is None:
                organisations = organisations_by_type()
            item.update(caption=value["caption"], rows=organisations)
        return item

    sections = [
        {
            "id": f"section-{number}",
            "heading": block.value["heading"],
            "content": [content(child) for child in block.value["content"]],
            "summary_points": [point for point in block.value["summary_points"] if point],
        }
        for number, block in enumerate(report.sections, start=1)
        if block.block_type == "section"
    ]
    return {
        "page": report,
        "programme": AUTHOR,
        # The executive summary sits under an h2: its own headings go one level down.
        "body_html": _headings_down(expand_db_html(report.body)) if report.body else "",
        "conclusion_html": expand_db_html(report.conclusion) if report.conclusion else "",
        "sections": sections,
        "themes": [theme.name for theme in report.themes.all()],
        "licence_name": report.get_licence_display(),
        "licence_url": report.licence_url,
        "report_url": report.get_full_url() or urljoin(base, report.url or ""),
        "stylesheet": _stylesheet(),
    }


def _table(value) -> dict:
    rows = [[str(cell or "").strip() for cell in row] for row in (value or {}).get("data") or []]
    choice = (value or {}).get("table_header_choice") or ""
    header_row = bool(value.get("first_row_is_table_header")) or choice in ("row", "both")
    header_col = bool(value.get("first_col_is_header")) or choice in ("col", "column", "both")
    header = rows[0] if header_row and rows else None
    return {
        "caption": (value or {}).get("table_caption") or "",
        "header": header,
        "rows": rows[1:] if header is not None else rows,
        "header_col": header_col,
    }


def _headings_down(html: str) -> str:
    return _HEADING_RE.sub(lambda m: f"<{m[1]}h{int(m[2]) + 1}", html)


def _stylesheet() -> str:
    path = finders.find(STYLESHEET)
    if not path:
        raise FileNotFoundError(STYLESHEET)
    return Path(path).read_text(encoding="utf-8")


def _base_url(report: LearningReportPage) -> str:
    site = report.get_site()
    root = site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL
    return root.rstrip("/") + "/"


def report_pdf_title(report: LearningReportPage) -> str:
    return f"{report.title} (PDF)"


def report_pdf_file_name(report: LearningReportPage) -> str:
    return f"{report.slug}.pdf"


# --- the last check ---------------------------------------------------------------------------


def report_pdf_blocks(report: LearningReportPage, html: str) -> GateResult:
    """What the non-attribution check blocks in the words of the PDF (and its document's title
    and file name): names allowed are those the report's own consents and live pages allow."""
    from members.models import NamingConsent

    consented = {
        consent.named
        for consent in NamingConsent.objects.for_output(report).select_related(
            "member", "organisation"
        )
    }
    consented.update(consented_public_names())
    registry = registry_cached()
    result = GateResult()
    for where in (
        PageText("pdf", "PDF", html_text(html)),
        PageText("pdf", "PDF document title", report_pdf_title(report)),
        PageText("pdf", "PDF file name", report_pdf_file_name(report)),
    ):
        for finding in check(where.text, registry, sorted(consented)):
            if finding.severity == BLOCK:
                result.findings.append((where, finding))
    return result


# --- publishing -------------------------------------------------------------------------------


def report_pdf_publish(report: LearningReportPage):
    """Make, check and store the PDF of a report just published; returns the document, or None
    when it could not be made (then the old PDF is down and `pdf_problem` says why). Never
    raises: the web page is published whatever happens here."""
    try:
        if not is_publicly_visible(report):
            raise PdfWithheld(
                "the report has a privacy restriction, and its PDF would be open to anyone"
            )
        html = report_pdf_html(report)
        result = report_pdf_blocks(report, html)
        if result.blocks:
            log_blocked(report, result, reason="PDF of the report")  # kinds only, never words
            kinds = ", ".join(dict.fromkeys(finding.kind for _, finding in result.blocks))
            raise PdfWithheld(
                "the non-attribution check found that its text would identify someone who "
                f"took part ({kinds}). The PDF includes the current words of the curated "
                "outputs the report pulls in: check those too"
            )
        try:
            data = report_pdf_bytes(report, html)
        except Exception as error:
            logger.exception("The PDF of report %s could not be rendered", report.pk)
            raise PdfWithheld(f"the PDF renderer failed ({type(error).__name__})") from error
        with transaction.atomic():  # a savepoint: a failure here leaves the publish intact
            document = _store(report, data)
    except PdfWithheld as withheld:
        _withdraw(report, str(withheld))
        return None
    except Exception as error:
        logger.exception("The PDF of report %s could not be made", report.pk)
        _withdraw(report, f"it could not be made or stored ({type(error).__name__})")
        return None
    logger.info("Made the PDF of report %s (%d bytes)", report.pk, len(data))
    return document


def report_pdf_collection() -> Collection:
    """The collection of report PDFs: public, so any view restriction put on it is removed."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=COLLECTION)
    restrictions = CollectionViewRestriction.objects.filter(collection=collection)
    if restrictions.exists():
        logger.warning(
            "Removed the view restriction on the %r collection: report PDFs are public outputs",
            COLLECTION,
        )
        restrictions.delete()
    if collection.get_view_restrictions().exists():  # the root collection is restricted
        raise PdfWithheld(
            f"the documents collection “{COLLECTION}” is not open to everyone, "
            "so readers could not download it"
        )
    return collection


def _store(report: LearningReportPage, data: bytes):
    """Write the PDF into the report's document (the same one each time), and link it."""
    Document = get_document_model()
    collection = report_pdf_collection()
    document = _stored_document(report) or Document(title="", collection=collection)
    storage = document.file.storage
    name = f"{FOLDER}/{report_pdf_file_name(report)}"
    old = document.file.name or ""
    if old and storage.exists(old):
        storage.delete(old)
    if re.fullmatch(rf"{re.escape(FOLDER)}/{re.escape(report.slug)}(_\w{{7}})?\.pdf", old):
        name = old  # the new file takes the old one's name, so the PDF keeps its address
    document.title = report_pdf_title(report)
    document.collection = collection
    document.file_size = len(data)
    document.file_hash = hashlib.sha1(data, usedforsecurity=False).hexdigest()
    document.file.name = storage.save(name, ContentFile(data))
    document.save()
    LearningReportPage.objects.filter(pk=report.pk).update(pdf=document, pdf_problem="")
    report.pdf, report.pdf_problem = document, ""
    public_cache_clear(instance=report)  # the web page now links this PDF
    return document


def _stored_document(report: LearningReportPage):
    pdf_id = LearningReportPage.objects.filter(pk=report.pk).values_list("pdf", flat=True)
    return get_document_model().objects.filter(pk__in=pdf_id).first()


def _withdraw(report: LearningReportPage, problem: str) -> None:
    """Take the report's PDF down (it may hold words just removed) and record why."""
    logger.warning("No PDF for report %s: %s", report.pk, problem)
    try:
        with transaction.atomic():
            report_pdf_delete(report)
            LearningReportPage.objects.filter(pk=report.pk).update(pdf_problem=problem)
            report.pdf_problem = problem
    except Exception:
        logger.exception("Could not take down the PDF of report %s", report.pk)


def report_pdf_delete(report: LearningReportPage) -> None:
    """Delete the report's PDF: the document and (when the transaction commits) its file."""
    document = _stored_document(report)
    LearningReportPage.objects.filter(pk=report.pk).update(pdf=None)
    report.pdf = None
    if document is not None:
        document.delete()  # Wagtail deletes the file on commit; the caches are purged
    public_cache_clear(instance=report)


def report_pdf_outcome(page) -> tuple[str, str] | None:
    """What to tell the convener who just published this page from the editor: ("error" or
    "success", message), or None when it is not a report published now (scheduled, say)."""
    if not isinstance(page, LearningReportPage) or not page.live:
        return None
    if page.live_revision_id != page.latest_revision_id:
        return None  # a later version is scheduled: its PDF is made when it goes live
    if page.pdf_problem:
        return (
            "error",
            f"The report is published on the web, but its PDF could not be made: "
            f"{html_to_text(page.pdf_problem)}. Readers see the web page without a "
            "PDF. Publish again to try again.",
        )
    if page.pdf_id:
        return (
            "success",
            f"The PDF of “{page.title}” was made from this version: readers "
            "can download it from the report's page.",
        )
    return None


# --- wiring (imported by KnowledgeConfig.ready) -----------------------------------------------


def make_pdf_on_publish(sender, instance, **kwargs):
    if instance.live:  # not a first publication scheduled for later
        report_pdf_publish(instance)


def reports_following(output) -> list[LearningReportPage]:
    """The live reports that pull this output in (Wagtail's reference index records every page
    a block chooses), whose PDFs must follow it as their web pages do."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex

    ids = (
        ReferenceIndex.get_references_to(output)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    return list(LearningReportPage.objects.live().filter(pk__in=[int(pk) for pk in ids]))


def remake_pdfs_citing_output(sender, instance, **kwargs):
    """An output published again, or taken down: remake the PDFs of reports pulling it in
    (a frozen block keeps its words either way; remaking costs a second or so each)."""
    for report in reports_following(instance):
        report_pdf_publish(report)


def recheck_report_pdfs() -> None:
    """Who is protected changed (a new member, a withdrawn consent): a PDF made before may now
    name someone. Re-read the words of each live report's PDF (the HTML it is made from: no
    rendering, tens of milliseconds each) and take down any that the check now blocks, as the
    last check on responses refuses the web page."""
    for report in LearningReportPage.objects.live().exclude(pdf=None):
        result = report_pdf_blocks(report, report_pdf_html(report))
        if result.blocks:
            log_blocked(report, result, reason="PDF of the report")
            _withdraw(
                report,
                "someone it names is now protected by the non-attribution "
                "check. Change the report's words, then publish it again",
            )


def recheck_pdfs_when_protection_changes(sender, **kwargs):
    connection = transaction.get_connection()
    if not any(func is recheck_report_pdfs for _, func, _ in connection.run_on_commit):
        transaction.on_commit(recheck_report_pdfs)  # once the change is real, once a transaction


def take_pdf_down_on_unpublish(sender, instance, **kwargs):
    try:
        with transaction.atomic():
            report_pdf_delete(instance)
    except Exception:
        logger.exception("Could not delete the PDF of unpublished report %s", instance.pk)


def delete_pdf_with_report(sender, instance, **kwargs):
    document = get_document_model().objects.filter(pk=instance.pdf_id).first()
    if document is not None:
        document.delete()


def keep_the_stored_pdf(sender, instance, raw=False, **kwargs):
    """A save keeps the PDF link and problem the database holds: a revision's copy of them is
    out of date as soon as the report is published again or taken down."""
    if raw:
        return
    stored = (
        LearningReportPage.objects.filter(pk=instance.pk).values("pdf", "pdf_problem").first()
        if instance.pk
        else None
    )
    instance.pdf_id = stored["pdf"] if stored else None
    instance.pdf_problem = stored["pdf_problem"] if stored else ""
