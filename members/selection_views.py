"""Selecting members from applications, in the admin: each convener sees the submitted
applications of the communities they convene and no other (another community's answer 404,
as a missing one does), scores them, sees the balance of the group so far, and accepts or
declines with a message (members/joining.py)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from . import joining
from .models import Application, Community, is_site_admin


def _applications(request):
    applications = joining.applications_to_select(request.user)
    if not Community.objects.convened_by(request.user).exists():
        raise Http404
    return applications.select_related("community")


def application_list(request):
    applications = _applications(request)
    status = request.GET.get("status", Application.Status.SUBMITTED)
    if status in Application.Status.values:
        applications = applications.filter(status=status)
    rows = sorted(applications, key=lambda a: (-joining.application_total(a), a.submitted_at))
    return render(
        request,
        "members/admin/applications.html",
        {
            "rows": [(a, joining.application_total(a)) for a in rows],
            "status": status,
            "statuses": Application.Status.choices[1:],  # never drafts
        },
    )


def application_review(request, pk):
    application = get_object_or_404(_applications(request), pk=pk)
    if request.method == "POST":
        try:
            if "score" in request.POST:
                joining.application_score(
                    application,
                    by=request.user,
                    scores={
                        name: request.POST.get(f"score-{i}", 0)
                        for i, name in enumerate(settings.SELECTION_CRITERIA)
                        if request.POST.get(f"score-{i}", "").isdigit()
                    },
                )
                messages.success(request, "Scores saved.")
            elif "accept" in request.POST:
                joining.application_accept(
                    application, by=request.user, message=request.POST.get("message", "")
                )
                messages.success(
                    request, f"Accepted: {application.name} is invited to set a password."
                )
            elif "decline" in request.POST:
                message = request.POST.get("message", "").strip()
                if not message:
                    raise ValidationError("Write the message the applicant will receive.")
                joining.application_decline(application, by=request.user, message=message)
                messages.success(request, "Declined: the applicant is told.")
            return redirect("members_application", pk=application.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    criteria = [
        (i, name, application.scores.get(name))
        for i, name in enumerate(settings.SELECTION_CRITERIA)
    ]
    return render(
        request,
        "members/admin/application.html",
        {
            "application": application,
            "sections": joining.application_answers(application),
            "criteria": criteria,
            "total": joining.application_total(application),
            "balance": joining.balance(application.community),
            "may_decide": application.status == Application.Status.SUBMITTED,
            # Only a site admin learns that an organisation of that name was already here.
            "site_admin": is_site_admin(request.user),
        },
    )


def application_letter(request, pk):
    application = get_object_or_404(_applications(request), pk=pk)
    if not application.letter_of_support:
        raise Http404
    return FileResponse(
        application.letter_of_support.open("rb"),
        as_attachment=True,
        filename=application.letter_of_support.name.rsplit("/", 1)[-1],
    )
