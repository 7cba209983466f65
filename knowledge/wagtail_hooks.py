"""Wagtail wiring for knowledge: privacy responses and the guards on moving pages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from wagtail import hooks

from .admin_scope import pages_visible_in_admin
from .members_only import REFUSAL
from .privacy import placement_refusal


def _refuse_signed_in_outsiders(restrictions, request):
    # Wagtail answers every failed group restriction with a login redirect, which sends a
    # signed-in member of another community round in a loop. They are signed in: say no.
    if request.user.is_authenticated and any(
        not restriction.accept_request(request) for restriction in restrictions
    ):
        raise PermissionDenied(REFUSAL)


@hooks.register("on_serve_page", order=-1)
def forbid_other_communities(next_serve_page):
    def inner(page, request, serve_args, serve_kwargs):
        _refuse_signed_in_outsiders(page.get_view_restrictions(), request)
        return next_serve_page(page, request, serve_args, serve_kwargs)

    return inner


@hooks.register("before_serve_document", order=-1)
def forbid_other_communities_documents(document, request):
    _refuse_signed_in_outsiders(document.collection.get_view_restrictions(), request)


# The page chooser and the explorer list only the pages the user may see (admin_scope.py): a
# convener never meets another community's titles. Views with no hook: views/admin.py.
@hooks.register("construct_page_chooser_queryset")
def choose_only_pages_in_scope(pages, request):
    return pages_visible_in_admin(request.user, pages)


@hooks.register("construct_explorer_page_queryset")
def explore_only_pages_in_scope(parent_page, pages, request):
    return pages_visible_in_admin(request.user, pages)


# Friendly front doors for the pre_page_move guard in signals.py, which would otherwise
# surface as a server error in the admin.
@hooks.register("before_move_page")
def keep_knowledge_in_its_section(request, page, destination):
    refusal = placement_refusal(page, destination)
    if refusal:
        messages.error(request, refusal)
        return redirect("wagtailadmin_explore", page.get_parent().id)
    return None


@hooks.register("before_bulk_action")
def keep_knowledge_in_its_section_in_bulk(request, action_type, objects, view):
    if action_type != "move":
        return None
    destination = view.cleaned_form.cleaned_data["chooser"]
    refusals = [refusal for page in objects if (refusal := placement_refusal(page, destination))]
    if refusals:
        for refusal in refusals:
            messages.error(request, refusal)
        return redirect("wagtailadmin_explore", destination.id)
    return None
