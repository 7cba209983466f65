"""Members' contributions and the convener's review: sub-routes of a community's section.

The section's view restriction already keeps everyone else out (Wagtail's privacy check runs
before these views), so they read the request, call a form or services/contributions.py, and
render.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from members.params import id_from

from ..forms.contributions import InsightForm, ToolForm
from ..forms.preview import form_or_preview, is_submitted
from ..permissions import may_review
from ..selectors import contributions_awaiting_review
from ..services import contributions

TEMPLATES = "knowledge/contributions/"


def insight_record(request, *, section):
    form, preview = form_or_preview(
        request, InsightForm, markdown_field="learning", section=section
    )
    if is_submitted(form, preview):
        insight = contributions.insight_record(
            section=section, user=request.user, **form.cleaned_data
        )
        messages.success(
            request,
            f"Thank you: ‘{insight.title}’ has gone to your convener, who will review it "
            "and publish it for the community.",
        )
        return redirect(section.url)
    return section.render(
        request,
        template=TEMPLATES + "insight_form.html",
        context_overrides={"form": form, "preview": preview},
    )


def tool_share(request, *, section):
    form = ToolForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        tool = contributions.tool_share(section=section, user=request.user, **form.cleaned_data)
        messages.success(
            request,
            f"Thank you: ‘{tool.title}’ has gone to your convener, who will review it and "
            "publish it for the community.",
        )
        return redirect(section.url)
    return section.render(
        request, template=TEMPLATES + "tool_form.html", context_overrides={"form": form}
    )


def review(request, *, section):
    if not may_review(section=section, user=request.user):
        # A member of this community, so not the privacy hook's "another community" page.
        response = section.render(request, template=TEMPLATES + "review_forbidden.html")
        response.status_code = 403
        return response
    if request.method == "POST":
        try:
            page = contributions.contribution_publish(
                section=section, page_id=id_from(request.POST.get("page")), user=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Published ‘{page.title}’ for the community.")
        return redirect(request.path)
    return section.render(
        request,
        template=TEMPLATES + "review.html",
        context_overrides={"drafts": contributions_awaiting_review(section=section)},
    )
