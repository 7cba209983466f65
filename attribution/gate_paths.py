"""The gate's front doors on the admin's other ways to make a page public: bulk publish, move
(one page or in bulk) and copy.

The save and move guards in signals.py refuse these whatever happens, but a refusal there is an
exception in the middle of an admin view: a server error, and for a bulk action the whole batch
rolled back. These hooks ask the gate first and answer as the admin does, with a message
naming the pages and a redirect; each refusal is written to the page's history (log_blocked).
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from wagtail.models import Page

from members.params import id_from

from .gate import (
    GateResult,
    gate_check,
    log_blocked,
    pages_made_public,
    refusal_message,
    refusals_for,
)
from .public_text import is_publicly_visible, page_texts

Refusals = list[tuple[Page, GateResult]]


def _refuse(request, refused: Refusals, *, action: str, reason: str) -> None:
    for page, result in refused:
        log_blocked(page, result, reason=reason, user=request.user)
    messages.error(request, refusal_message(refused, action))


def _withhold(objects: list, keep: list) -> None:
    # Wagtail's BulkAction.form_valid() hands the hooks the very list it then passes to
    # execute_action(), so narrowing it in place lets the rest of the batch through. Should a
    # later Wagtail pass a copy, the save guard still refuses (as a server error, whole batch
    # rolled back), and tests/attribution/test_gate_paths.py fails loudly.
    objects[:] = keep


# --- bulk publish ----------------------------------------------------------------------------


def _revision_refusal(page: Page) -> GateResult | None:
    """What blocks publishing this page's latest revision, if the page would be public."""
    if not is_publicly_visible(page):
        return None
    revision = page.get_latest_revision()
    candidate = revision.as_object() if revision else page.specific
    result = gate_check(candidate)
    return None if result.publishable else result


def _draft_descendants(page: Page, user) -> list[Page]:
    """The subpages bulk publish publishes with `page` when asked to include them."""
    return [
        descendant
        for descendant in page.get_descendants().not_live().specific()
        if descendant.permissions_for_user(user).can_publish()
    ]


def check_bulk_publish(request, action_type, objects, view):
    """Publish the selected pages that pass the gate; refuse, name and log the rest.

    Only the failing pages are held back (the issue asks bulk publish to report the pages that
    failed, not to fail them all). Subpages published "with descendants" cannot be held back one
    by one, because Wagtail publishes them inside its own loop, so a selected page whose draft
    subpages include one that blocks is held back with all its subpages.
    """
    if action_type != "publish" or not issubclass(view.model, Page):
        return None  # other models' bulk actions (snippets, say) are not pages
    with_descendants = view.cleaned_form.cleaned_data.get("include_descendants", False)
    refused: Refusals = []
    held_back: list[Page] = []
    keep = []
    for page in objects:
        candidates = [page.specific_deferred]
        if with_descendants:
            candidates += _draft_descendants(page, request.user)
        failing = [(p, result) for p in candidates if (result := _revision_refusal(p))]
        if failing:
            refused += failing
            if all(p.pk != page.pk for p, _result in failing):
                held_back.append(page)
        else:
            keep.append(page)
    if not refused:
        return None
    _refuse(request, refused, action="published", reason="bulk publish")
    for page in held_back:
        messages.error(
            request,
            f"“{page.title}” was not published either: its subpages would have been published "
            "with it.",
        )
    _withhold(objects, keep)
    if not objects:
        return redirect(view.next_url)
    return None


# --- move ------------------------------------------------------------------------------------


def _move_refusals(page: Page, destination: Page) -> Refusals:
    return refusals_for(pages_made_public(page, parent=destination))


def check_move(request, page, destination):
    """Refuse a move that would make live pages public while they name someone."""
    refused = _move_refusals(page, destination)
    if refused:
        _refuse(request, refused, action="moved", reason="move")
        return redirect("wagtailadmin_explore", page.get_parent().id)
    return None


def check_bulk_move(request, action_type, objects, view):
    """Move the selected pages whose move makes nothing public that names someone; refuse,
    name and log the rest (as bulk publish does)."""
    if action_type != "move" or not issubclass(view.model, Page):
        return None
    destination = view.cleaned_form.cleaned_data["chooser"]
    refused: Refusals = []
    keep = []
    for page in objects:
        failing = _move_refusals(page, destination)
        refused += failing
        if not failing:
            keep.append(page)
    if not refused:
        return None
    _refuse(request, refused, action="moved", reason="bulk move")
    _withhold(objects, keep)
    if not objects:
        return redirect("wagtailadmin_explore", destination.id)
    return None


# --- copy ------------------------------------------------------------------------------------


def copy_refusals(
    page: Page,
    destination: Page,
    *,
    recursive: bool,
    title: str | None = None,
    slug: str | None = None,
) -> Refusals:
    """The live pages whose copies under `destination` would be live and public while naming
    someone. A copy is a new page: consents given for the original do not cover it. The copies
    are saved before Wagtail copies the original's view restriction onto them, so only a
    restriction at the destination (or above) keeps them private."""
    if not is_publicly_visible(Page(), parent=destination):
        return []
    pages = [page.specific]
    if recursive:
        pages += list(page.get_descendants().specific())
    refused = []
    for source in pages:
        if not source.live:
            continue
        if source.pk == page.pk and (title or slug):
            source.title, source.slug = title or source.title, slug or source.slug
        result = gate_check(Page(), texts=page_texts(source))  # no pk: no consents
        if not result.publishable:
            refused.append((source, result))
    return refused


def check_copy(request, page):
    """Refuse a copy that would publish live copies naming someone in a public place.

    The hook runs before the copy form is read, so it reads the same fields Wagtail will use:
    copies stay live only if "publish copies" is ticked (or an alias is made) and the user may
    publish at the destination."""
    if request.method != "POST":
        return None
    destination = Page.objects.filter(pk=id_from(request.POST.get("new_parent_page"))).first()
    if destination is None:
        return None  # the form reports it
    live_copies = bool(request.POST.get("alias")) or (  # an alias is live if its original is
        bool(request.POST.get("publish_copies"))
        and destination.permissions_for_user(request.user).can_publish_subpage()
    )
    if not live_copies:
        return None
    alias = bool(request.POST.get("alias"))  # an alias keeps the original's title
    refused = copy_refusals(
        page,
        destination,
        recursive=bool(request.POST.get("copy_subpages")),
        title=None if alias else request.POST.get("new_title"),
        slug=request.POST.get("new_slug"),
    )
    if refused:
        _refuse(request, refused, action="copied", reason="copy")
        return redirect("wagtailadmin_explore", page.get_parent().id)
    return None
