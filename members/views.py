"""A member's own account pages (their consent to be named, their diversity answers), accepting
an invitation, and applying to join a recruiting community.

Consent is the member's own act: they give it for one page at a time, see what they and their
organisation have given, and withdraw their own. The rules live in models and services.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from . import joining
from .forms import ConsentForm, DiversityForm, EligibilityForm, application_section_form
from .models import Application, Community, DiversityAnswers, Member, NamingConsent
from .private_links import private_link_page, shown_to
from .selectors import outputs_open_to, page_ids_viewable
from .services import invitation_user

NOT_PUBLIC_YET = "A page that is not public yet"

TEMPLATES = "members/"


def _member(request) -> Member | None:
    return Member.objects.select_related("organisation").filter(user=request.user).first()


def _not_a_member(request):
    return render(request, TEMPLATES + "consent_not_member.html", status=403)


@login_required
def consent(request):
    member = _member(request)
    if member is None:
        return _not_a_member(request)
    form = ConsentForm(
        request.POST if request.method == "POST" else None,
        member=member,
        initial={"output": request.GET.get("output")},
    )
    if request.method == "POST" and form.is_valid():
        given = NamingConsent.give(
            output=form.cleaned_data["output"], by=request.user, member=member
        )
        messages.success(request, f"You consented to be named in “{given.output.title}”.")
        return redirect("members:consent")

    own = list(member.naming_consents.select_related("output"))
    organisation = (
        list(member.organisation.naming_consents.select_related("output"))
        if member.organisation
        else []
    )
    outputs = [c.output for c in own + organisation]
    viewable = page_ids_viewable(request, outputs)
    # A consent may be for a page this member may not read (a draft public output, recorded by
    # a convener): its title stays members-only until the page passes the gate.
    titled = viewable | _open_ids(member, outputs)
    return render(
        request,
        TEMPLATES + "consent.html",
        {
            "member": member,
            "form": form,
            "own_consents": own,
            "organisation_consents": organisation,
            "viewable": viewable,
            "titled": titled,
            "not_public_yet": NOT_PUBLIC_YET,
        },
    )


@login_required
@require_POST
def consent_withdraw(request, consent_id):
    member = _member(request)
    if member is None:
        return _not_a_member(request)
    consent = get_object_or_404(
        NamingConsent.objects.select_related("output"), pk=consent_id, member=member
    )
    consent.withdraw()
    title = (
        consent.output.title
        if _open_ids(member, [consent.output]) | page_ids_viewable(request, [consent.output])
        else NOT_PUBLIC_YET.lower()
    )
    messages.success(request, f"You withdrew your consent for “{title}”.")
    return redirect("members:consent")


def _open_ids(member, pages) -> set[int]:
    """Which of these pages the member may consent for now, so may read the title of."""
    ids = [page.pk for page in pages]
    return set(outputs_open_to(member).filter(pk__in=ids).values_list("pk", flat=True))


@private_link_page
def invitation(request, token):
    """Someone invited by a convener chooses their first password, then is signed in. The page
    is theirs alone (reached by the link in their email), and greets them by name."""
    user = invitation_user(token)
    if user is None:
        return render(request, TEMPLATES + "invitation_invalid.html", status=404)
    member = user.member
    shown_to(
        request,
        name=member.display_name,
        organisation=member.organisation.name if member.organisation_id else None,
        email=user.email,
    )
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome to Practice Commons: your password is set.")
        return redirect("/")
    communities = [m.community for m in member.memberships.select_related("community")]
    return render(
        request,
        TEMPLATES + "invitation.html",
        {"form": form, "member": member, "communities": communities},
    )


@login_required
def diversity(request):
    """A member's own equality and diversity answers: optional, theirs to change or delete, and
    only ever counted with others' (members/small_numbers.py)."""
    member = _member(request)
    if member is None:
        return _not_a_member(request)
    answers = DiversityAnswers.objects.filter(member=member).first()
    if request.method == "POST" and "delete" in request.POST:
        if answers is not None:
            answers.delete()
        messages.success(request, "Your diversity answers are deleted.")
        return redirect("members:diversity")
    form = DiversityForm(request.POST or None, instance=answers or DiversityAnswers(member=member))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Thank you: your answers are saved.")
        return redirect("members:diversity")
    return render(request, TEMPLATES + "diversity.html", {"form": form, "answers": answers})


# Joining a recruiting community (members/joining.py) --------------------------------------


def join(request, slug):
    """A community's public application page: when it takes applications, and who may apply,
    asked first. An eligible applicant starts a draft and is sent its private link."""
    # Only a community that recruits has a public page: the others' names are members' only.
    community = get_object_or_404(Community, slug=slug, applications_open_at__isnull=False)
    if not joining.applications_open(community):
        return render(request, TEMPLATES + "join.html", {"community": community, "open": False})
    form = EligibilityForm(request.POST or None, community=community)
    reasons = []
    if request.method == "POST" and form.is_valid():
        reasons = joining.ineligible_reasons(community, form.cleaned_data)
        if not reasons:
            application = joining.application_start(
                community=community,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
            )
            return redirect(joining.application_url(application, joining.SECTIONS[0].slug))
    return render(
        request,
        TEMPLATES + "join.html",
        {"community": community, "open": True, "form": form, "reasons": reasons},
    )


def _application_or_404(request, token):
    application = joining.application_from(token)
    if application is None:
        raise Http404("This link does not open an application.")
    shown_to(
        request,
        name=application.name,
        organisation=application.organisation_name or None,
        email=application.email,
    )
    return application


@private_link_page
def application(request, token):
    """The applicant's own application: its sections, what is missing, and submitting it."""
    application = _application_or_404(request, token)
    problems = []
    if request.method == "POST" and joining.application_may_change(application):
        problems = [
            (section, name, Application._meta.get_field(name).verbose_name)
            for section in joining.SECTIONS
            for name in joining.missing(application, section)
        ]
        if not problems:
            joining.application_submit(application)
            messages.success(request, "Your application is submitted. Thank you.")
            return redirect(joining.application_url(application))
    sections = [
        (section, len(joining.missing(application, section))) for section in joining.SECTIONS
    ]
    return render(
        request,
        TEMPLATES + "application.html",
        {
            "application": application,
            "token": token,
            "sections": sections,
            "problems": problems,
            "may_change": joining.application_may_change(application),
        },
    )


@private_link_page
def application_section(request, token, section):
    """One section of the application, saved as a draft whatever is still missing."""
    application = _application_or_404(request, token)
    section = joining.SECTIONS_BY_SLUG.get(section)
    if section is None:
        raise Http404("No such section.")
    if not joining.application_may_change(application):
        return redirect(joining.application_url(application))
    form = application_section_form(section)(
        request.POST or None, request.FILES or None, instance=application
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        following = joining.SECTIONS.index(section) + 1
        if "continue" in request.POST and following < len(joining.SECTIONS):
            return redirect(joining.application_url(application, joining.SECTIONS[following].slug))
        messages.success(request, "Saved. You can come back to it by the link in your email.")
        return redirect(joining.application_url(application))
    return render(
        request,
        TEMPLATES + "application_section.html",
        {
            "application": application,
            "token": token,
            "section": section,
            "form": form,
            "sections": joining.SECTIONS,
            "number": joining.SECTIONS.index(section) + 1,
        },
    )


@private_link_page
def application_diversity(request, token):
    """The optional equality and diversity questions for an applicant: theirs, apart from the
    application (conveners never see them); they follow the applicant if accepted."""
    application = _application_or_404(request, token)
    answers = DiversityAnswers.objects.filter(application=application).first()
    here = reverse("joining:diversity", args=[token])
    if request.method == "POST" and "delete" in request.POST:
        if answers is not None:
            answers.delete()
        messages.success(request, "Your diversity answers are deleted.")
        return redirect(here)
    form = DiversityForm(
        request.POST or None, instance=answers or DiversityAnswers(application=application)
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Thank you: your answers are saved.")
        return redirect(here)
    return render(
        request,
        TEMPLATES + "diversity.html",
        {"form": form, "answers": answers, "back": joining.application_url(application)},
    )
