"""Every signal the public side listens to, connected in LearningConfig.ready().

The public page cache empties when anything it could hold changes (learning/public_cache.py
says which page changes do: `purge_needed`): public pages and what they list, who may see them
(view restrictions, sites), who is protected (every change to the registry stamps
RegistryVersion, consents included), the publisher's name and the feed author (Settings >
Publication), and the names of themes, and of the images and documents in public
collections, that public pages print. A learning report's PDF is made, taken down
and remade with the report and the outputs it cites (learning/report_pdf.py).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from wagtail.documents import get_document_model_string
from wagtail.images import get_image_model_string
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import public_cache, report_pdf
from .models import LearningReportPage, PublicOutputPage


def connect() -> None:
    cache, uid = public_cache, "public-cache"
    pre_save.connect(cache.remember_if_page_was_live, dispatch_uid=f"{uid}:page-saving")
    post_save.connect(cache.purge_after_page_save, dispatch_uid=f"{uid}:page-saved")
    page_published.connect(cache.purge_after_publish, dispatch_uid=f"{uid}:published")
    page_unpublished.connect(cache.purge_after_unpublish, dispatch_uid=f"{uid}:unpublished")
    post_page_move.connect(cache.public_cache_clear, dispatch_uid=f"{uid}:moved")
    post_delete.connect(cache.public_cache_clear, sender=Page, dispatch_uid=f"{uid}:deleted")
    m2m_changed.connect(
        cache.public_cache_clear,
        sender=PageViewRestriction.groups.through,
        dispatch_uid=f"{uid}:restriction-groups",
    )
    for label in (
        PageViewRestriction,
        Site,
        "members.RegistryVersion",
        "members.NamingConsent",
        "themes.Theme",
        "learning.PublicationSettings",
    ):
        post_save.connect(cache.public_cache_clear, sender=label, dispatch_uid=f"{uid}:{label}:s")
        post_delete.connect(cache.public_cache_clear, sender=label, dispatch_uid=f"{uid}:{label}:d")
    for label in (get_document_model_string(), get_image_model_string()):
        pre_save.connect(
            cache.remember_if_file_was_public, sender=label, dispatch_uid=f"{uid}:{label}:saving"
        )
        for signal, suffix in ((post_save, "saved"), (post_delete, "deleted")):
            signal.connect(
                cache.purge_after_file_change, sender=label, dispatch_uid=f"{uid}:{label}:{suffix}"
            )

    pdf, uid = report_pdf, "report-pdf"
    report = LearningReportPage
    page_published.connect(pdf.make_pdf_on_publish, sender=report, dispatch_uid=f"{uid}:pub")
    page_unpublished.connect(
        pdf.take_pdf_down_on_unpublish, sender=report, dispatch_uid=f"{uid}:unpub"
    )
    post_delete.connect(pdf.delete_pdf_with_report, sender=report, dispatch_uid=f"{uid}:deleted")
    pre_save.connect(pdf.keep_the_stored_pdf, sender=report, dispatch_uid=f"{uid}:keep")
    post_save.connect(
        pdf.recheck_pdfs_when_protection_changes,
        sender="members.RegistryVersion",
        dispatch_uid=f"{uid}:registry-changed",
    )
    for signal, suffix in ((page_published, "published"), (page_unpublished, "unpublished")):
        signal.connect(
            pdf.remake_pdfs_citing_output,
            sender=PublicOutputPage,
            dispatch_uid=f"{uid}:output-{suffix}",
        )
