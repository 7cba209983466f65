"""The admin screen behind "Create public output" (knowledge/curation.py holds the rules).

GET shows what curating copies and what it leaves behind, with the two choices: a new draft
output, or an existing draft output to add the page to. POST does it and goes to the output's
editor. The front-end knowledge page posts here too, from its convener-only form.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import curation
from .models import KnowledgePage, PublicOutputPage, SharedTool


class CurateView(WagtailAdminTemplateMixin, View):
    template_name = "knowledge/admin/curate.html"
    page_title = "Create public output"
    header_icon = "globe"

    def dispatch(self, request, page_id):
        self.source = get_object_or_404(KnowledgePage, pk=page_id).specific
        if not curation.may_curate(request.user, self.source):
            raise PermissionDenied  # Wagtail's admin says so and goes home
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.source.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_pages:edit", args=[self.source.pk]),
             "label": self.source.get_admin_display_title()},
            {"url": "", "label": self.page_title},
        ]

    def get(self, request, page_id):
        problem = curation.curation_problem(self.source)
        if problem is None and curation.learning_hub() is None:
            problem = curation.NO_HUB
        return self.render_to_response(self.get_context_data(
            source=self.source,
            problem=problem,
            kind=curation.KIND_OF_SOURCE.get(type(self.source)),
            themes=self.source.themes.all(),
            has_files=isinstance(self.source, SharedTool) and self.source.files.exists(),
            drafts=curation.draft_outputs() if problem is None else [],
        ))

    def post(self, request, page_id):
        try:
            if request.POST.get("action") == "add":
                output = get_object_or_404(PublicOutputPage, pk=_int(request.POST.get("output")))
                output = curation.output_source_add(
                    output=output, source=self.source, by=request.user
                )
                messages.success(
                    request,
                    f"Added “{self.source.title}” to the sources of the draft “{output.title}”: "
                    "check it reads without attribution, then publish.",
                )
            else:
                output = curation.output_curate(source=self.source, by=request.user)
                messages.success(
                    request,
                    f"Draft public output created from “{self.source.title}”: check it reads "
                    "without attribution, then publish.",
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self._back(request))
        return redirect("wagtailadmin_pages:edit", output.pk)

    def _back(self, request):
        back = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
            return back
        return request.path


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
