"""A member's own account pages: their consent to be named, their diversity answers, and
accepting an invitation.

Consent is the member's own act: they give it for one page at a time, see what they and their
organisation have given, and withdraw their own. The rules live in models and services.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .forms import ConsentForm, DiversityForm
from .models import DiversityAnswers, Member, NamingConsent
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
