"""Wagtail wiring for the public side: curation in the editor, and the report PDF's outcome."""

from django.contrib import messages
from wagtail import hooks

from . import curation
from .report_pdf import report_pdf_outcome

# Curation: copying members' knowledge into a draft public output (learning/curation.py).
hooks.register("register_admin_urls", curation.register_curation_urls)
hooks.register("after_create_page", curation.open_a_new_hub_to_conveners)
hooks.register("register_page_header_buttons", curation.curate_button)


@hooks.register("after_publish_page")
def tell_the_convener_about_the_report_pdf(request, page):
    # The PDF is made when the report is published (learning/report_pdf.py); say if it failed.
    outcome = report_pdf_outcome(page)
    if outcome is not None:
        level, message = outcome
        (messages.error if level == "error" else messages.success)(request, message)
