"""The admin screen behind "Create public output" (learning/curation.py holds the rules).

GET shows what curating copies and what it leaves behind, with the two choices: a new draft
output, or an existing draft output to add the page to. The title and summary it would copy are
in a form, already checked, with what the check found shown on each field: the convener edits
them (or has the suggestions written in) before anything is saved. POST does it and goes to the
output's editor, or shows the form again, as typed, while the copy still names someone. The
front-end knowledge page posts here too, from its convener-only form (without the fields: the
page's own title and summary are checked, and the form shown if they name someone).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from attribution.gate import finding_message
from knowledge.models import KnowledgePage, SharedTool
from members.params import id_from

from . import curation
from .models import PublicOutputPage


class CopyForm(forms.Form):
    """What a new draft output starts with, as the convener edits it before it is saved."""

    title = forms.CharField(max_length=255, help_text="Edit it to read well for the wider sector.")
    summary = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What a reader learns, in role language only.",
    )
    warnings_accepted = forms.BooleanField(
        required=False,
        label="The warnings are fine: these words identify no one",
    )

    def show_findings(self, result) -> None:
        """Each finding on the field it was found in, worded as the page editor words it."""
        for where, finding in result.findings:
            self.add_error(where.field, finding_message(where, finding))
        if result.warnings and not result.blocks:
            self.add_error("warnings_accepted", "Check the warnings, then tick this to go on.")


class CurateView(WagtailAdminTemplateMixin, View):
    template_name = "learning/curate.html"
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
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.source.pk]),
                "label": self.source.get_admin_display_title(),
            },
            {"url": "", "label": self.page_title},
        ]

    def get(self, request, page_id):
        form = None
        if self._problem() is None:
            form = CopyForm({"title": self.source.title, "summary": self.source.summary})
            if form.is_valid():  # shown checked: the findings come before anything is saved
                form.show_findings(
                    curation.copy_check(
                        title=form.cleaned_data["title"], summary=form.cleaned_data["summary"]
                    )
                )
        return self._render(form)

    def post(self, request, page_id):
        if request.POST.get("action") == "add":
            return self._add(request)
        data = request.POST.copy()
        data.setdefault("title", self.source.title)  # the front end's button sends no fields
        data.setdefault("summary", self.source.summary)
        if "apply" in data:
            data["title"], data["summary"] = curation.copy_with_suggestions(
                title=data["title"], summary=data["summary"]
            )
            data.pop("warnings_accepted", None)
        form = CopyForm(data)
        if not form.is_valid() or "apply" in data:
            if form.is_valid():
                form.show_findings(
                    curation.copy_check(
                        title=form.cleaned_data["title"], summary=form.cleaned_data["summary"]
                    )
                )
            return self._render(form)
        try:
            output = curation.output_curate(
                source=self.source, by=request.user, **form.cleaned_data
            )
        except curation.CopyNeedsChecking as refusal:
            form.show_findings(refusal.result)
            return self._render(form)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self._back(request))
        messages.success(
            request,
            f"Draft public output created from “{self.source.title}”: check it reads "
            "without attribution, then publish.",
        )
        return redirect("wagtailadmin_pages:edit", output.pk)

    def _add(self, request):
        try:
            output = get_object_or_404(PublicOutputPage, pk=id_from(request.POST.get("output")))
            output = curation.output_source_add(output=output, source=self.source, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self._back(request))
        messages.success(
            request,
            f"Added “{self.source.title}” to the sources of the draft “{output.title}”: "
            "check it reads without attribution, then publish.",
        )
        return redirect("wagtailadmin_pages:edit", output.pk)

    def _problem(self):
        problem = curation.curation_problem(self.source)
        if problem is None and curation.learning_hub() is None:
            problem = curation.NO_HUB
        return problem

    def _render(self, form):
        problem = self._problem()
        return self.render_to_response(
            self.get_context_data(
                source=self.source,
                problem=problem,
                form=form,
                kind=curation.KIND_OF_SOURCE.get(type(self.source)),
                themes=self.source.themes.all(),
                has_files=isinstance(self.source, SharedTool) and self.source.files.exists(),
                drafts=curation.draft_outputs() if problem is None else [],
            )
        )

    def _back(self, request):
        back = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return back
        return request.path
