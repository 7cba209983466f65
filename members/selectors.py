"""Reads about people and communities that views, forms and other apps build on."""

from django.db.models import Count, Q
from wagtail.models import Page, PageViewRestriction, Site

from .models import Community, DiversityAnswers, Member, Membership, Organisation
from .small_numbers import Table, suppressed


def memberships_listed(community: Community):
    """A community's directory: its memberships, by name, with each member's organisation."""
    return (
        Membership.objects.filter(community=community)
        .select_related("member__organisation")
        .order_by("member__display_name")
    )


def outputs_within(communities, *, unpublished_outside: bool = True):
    """The pages a naming consent may be for, seen from these communities: the pages inside
    their sections (live or draft), and the pages outside every community's section (the public
    site), never a site's root or home page. Another community's pages are never among them.

    With unpublished_outside=False, a page outside every section counts only once it has passed
    the gate: live and under no view restriction. Until then its title (often copied from one
    community's thread) is members-only, so it is not listed to members of every community."""
    sections = dict(
        Community.objects.filter(section__isnull=False).values_list("pk", "section__path")
    )
    own = set(communities.filter(section__isnull=False).values_list("pk", flat=True))
    outside_every_section = Q(depth__gt=1)
    inside_own_sections = Q(pk__in=[])
    for community_id, path in sections.items():
        outside_every_section &= ~Q(path__startswith=path)
        if community_id in own:
            inside_own_sections |= Q(path__startswith=path, depth__gt=len(path) // Page.steplen)
    if not unpublished_outside:
        outside_every_section &= Q(live=True)
        for restricted in PageViewRestriction.objects.values_list("page__path", flat=True):
            outside_every_section &= ~Q(path__startswith=restricted)
    return (
        Page.objects.filter(depth__gt=1)
        .exclude(pk__in=Site.objects.values("root_page"))
        .filter(outside_every_section | inside_own_sections)
        .order_by("path")
    )


def outputs_open_to(member: Member):
    """The pages a member may consent to be named in: their own communities' pages, and public
    pages that have passed the gate (never a draft outside the sections: see outputs_within)."""
    return outputs_within(
        Community.objects.filter(memberships__member=member), unpublished_outside=False
    )


def outputs_recordable_by(user):
    """The pages a convener may record an organisation's consent for: those of the communities
    they convene, and public ones, drafts included, since consent is recorded before the page
    goes through the gate (site admins: every page)."""
    return outputs_within(Community.objects.convened_by(user))


def organisations_recordable_by(user):
    """The organisations whose consent this user may record (see may_record_consent)."""
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(
        members__memberships__community__in=Community.objects.convened_by(user)
    ).distinct()


def page_ids_viewable(request, pages) -> set[int]:
    """Which of these pages the request's user may open: live, and let through by every view
    restriction on the page or its ancestors (a community's section, a password, a login)."""
    live = [page for page in pages if page.live]
    if not live:
        return set()
    ancestor_paths = {
        page.path[:end]
        for page in live
        for end in range(Page.steplen, len(page.path) + 1, Page.steplen)
    }
    restrictions = (
        PageViewRestriction.objects.filter(page__path__in=ancestor_paths)
        .select_related("page")
        .prefetch_related("groups")
    )
    # Each restriction is judged once, however many pages sit under it.
    refused = [r.page.path for r in restrictions if not r.accept_request(request)]
    return {page.pk for page in live if not any(page.path.startswith(p) for p in refused)}


def diversity_report(community: Community) -> tuple[int, list[tuple[str, Table]]]:
    """How many of a community's members answered the diversity questions, and each question's
    answers counted through the small-numbers rule: never a person's own."""
    answers = DiversityAnswers.objects.filter(member__memberships__community=community).distinct()
    respondents = answers.count()
    report = []
    for field, (question, choices) in DiversityAnswers.QUESTIONS.items():
        counted = dict(answers.values_list(field).annotate(n=Count("pk")).order_by())
        rows = [(label, counted.get(value, 0)) for value, label in choices]
        rows.append(("Not answered", counted.get("", 0)))
        report.append((question, suppressed(rows)))
    return respondents, report
