"""Wagtail admin views narrowed to what the signed-in user may see (knowledge/admin_scope.py).

Where Wagtail offers a hook (the page chooser's and explorer's querysets) wagtail_hooks.py uses
it. Where it offers none (the listings' user filters, the reports, bulk-action confirmations,
the chooser's browse and chosen views, and every view addressed by a page id) these views
stand in for Wagtail's own, on the same addresses (config/urls.py puts them first).
"""

import functools

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.http import Http404
from django.urls import path, re_path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import permission_denied, require_admin_access
from wagtail.admin.urls import pages as wagtail_page_urls
from wagtail.admin.views import chooser
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.views.pages.listing import ExplorableIndexView, GenericPageFilterSet
from wagtail.admin.views.pages.usage import ContentTypeUseView
from wagtail.admin.views.reports.aging_pages import AgingPagesView
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.admin.views.reports.locked_pages import LockedPagesReportFilterSet, LockedPagesView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import (
    WorkflowReportFilterSet,
    WorkflowTasksReportFilterSet,
    WorkflowTasksView,
    WorkflowView,
)
from wagtail.admin.viewsets.pages import base_page_viewset
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import Page
from wagtail.utils.urlpatterns import decorate_urlpatterns

from members.params import id_from

from ..admin_scope import (
    log_entries_visible_in_admin,
    page_visible_in_admin,
    pages_visible_in_admin,
    users_visible_in_admin,
)

# --- Every view addressed by a page id -------------------------------------------------------

PAGE_ID_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "pk")


def refuse_unseen_pages(view):
    """Answer as Wagtail answers a page the user may not touch, before the view runs: some of
    Wagtail's views and hooks (a move's slug check, a placement message) name the page first."""

    @functools.wraps(view)
    def inner(request, *args, **kwargs):
        ids = [kwargs[name] for name in PAGE_ID_KWARGS if name in kwargs]
        for page in Page.objects.filter(pk__in=ids).only("path"):
            if not page_visible_in_admin(request.user, page):
                return permission_denied(request)
        return view(request, *args, **kwargs)

    return inner


def _page_id_patterns():
    """Wagtail's page admin addresses that name a page, each wrapped in refuse_unseen_pages."""
    patterns = []
    for pattern in wagtail_page_urls.urlpatterns:
        route = str(pattern.pattern)
        if any(f"{name}>" in route or f"<{name}>" in route for name in PAGE_ID_KWARGS):
            make = re_path if route.startswith("^") else path
            route = route.lstrip("^")
            view = refuse_unseen_pages(pattern.callback)
            patterns.append(make(f"pages/{route}", view, name=pattern.name))
    return patterns


# --- Listings' user filters: only people the user may see ------------------------------------

USER_FILTERS = ("owner", "edited_by", "user", "locked_by", "requested_by")


class PeopleInScopeFilterSet:
    """A filterset whose user choices name only the people the user may see."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in USER_FILTERS:
            if name not in self.filters:
                continue
            choices = self.filters[name]
            if choices.queryset is None:  # set on the filter directly (history views)
                choices.extra["queryset"] = self._in_scope(choices.extra["queryset"])
            else:
                queryset = choices.queryset
                choices.queryset = lambda request, qs=queryset: self._in_scope(
                    qs(request) if callable(qs) else qs
                )

    def _in_scope(self, users):
        return users.filter(pk__in=users_visible_in_admin(self.request.user).values("pk"))


class ScopedPageFilterSet(PeopleInScopeFilterSet, GenericPageFilterSet):
    pass


class ScopedLockedPagesFilterSet(PeopleInScopeFilterSet, LockedPagesReportFilterSet):
    pass


class ScopedWorkflowFilterSet(PeopleInScopeFilterSet, WorkflowReportFilterSet):
    pass


class ScopedWorkflowTasksFilterSet(PeopleInScopeFilterSet, WorkflowTasksReportFilterSet):
    pass


class ScopedSiteHistoryFilterSet(PeopleInScopeFilterSet, SiteHistoryReportFilterSet):
    pass


def _listing(view_class, **kwargs):
    """One of the base page viewset's listings, with the scoped filters."""
    return base_page_viewset.construct_view(
        view_class,
        **base_page_viewset.get_index_view_kwargs(filterset_class=ScopedPageFilterSet),
        **kwargs,
    )


# --- Reports ----------------------------------------------------------------------------------


class ScopedLockedPagesView(LockedPagesView):
    filterset_class = ScopedLockedPagesFilterSet

    def get_queryset(self):
        return pages_visible_in_admin(self.request.user, super().get_queryset())


class ScopedAgingPagesView(AgingPagesView):
    def get_queryset(self):
        return pages_visible_in_admin(self.request.user, super().get_queryset())


class ScopedWorkflowView(WorkflowView):
    filterset_class = ScopedWorkflowFilterSet


class ScopedWorkflowTasksView(WorkflowTasksView):
    filterset_class = ScopedWorkflowTasksFilterSet


class ScopedSiteHistoryView(LogEntriesView):
    """Site history of what the user may see: their pages, their communities' people."""

    filterset_class = ScopedSiteHistoryFilterSet

    def get_filtered_queryset(self):
        # As Wagtail's, with each log model's entries narrowed first.
        self.log_models = list(log_action_registry.get_log_entry_models())
        queryset = None
        for index, log_model in enumerate(self.log_models):
            entries = (
                log_entries_visible_in_admin(log_model, self.request.user)
                .values("pk", "timestamp")
                .annotate(log_model_index=Value(index, output_field=IntegerField()))
            )
            entries = self.filter_queryset(entries).order_by()
            queryset = entries if queryset is None else queryset.union(entries, all=True)
        return queryset.order_by("-timestamp")


class ScopedPageTypesUsageView(PageTypesUsageReportView):
    """Counts and the latest edited page of each type among the pages the user may see, so
    the report does not follow another community's new pages."""

    def get_queryset(self):
        queryset = super().get_queryset()
        pages = pages_visible_in_admin(self.request.user, Page.objects.filter(depth__gt=1))
        site_root_path = self.filters.form.cleaned_data.get("site")
        language_code = self.filters.form.cleaned_data.get("page_locale")
        if site_root_path:
            pages = pages.filter(path__startswith=site_root_path)
        if language_code:
            pages = pages.filter(locale__language_code=language_code)
        latest = pages.filter(content_type=OuterRef("pk")).order_by(
            F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
        )
        return queryset.annotate(
            count=Count("pages", filter=Q(pages__in=pages.values("pk"))),
            last_edited_page_id=Subquery(latest.values("pk")[:1]),
        ).order_by("-count", "app_label", "model")


# --- The page chooser -------------------------------------------------------------------------


class ScopedBrowseView(chooser.BrowseView):
    """Browsing into another community's section finds nothing there, not even its title."""

    def get(self, request, parent_page_id=None):
        if parent_page_id is not None:
            parent = Page.objects.filter(pk=parent_page_id).only("path").first()
            if parent is None or not page_visible_in_admin(request.user, parent):
                raise Http404
        return super().get(request, parent_page_id)


class ScopedChosenMultipleView(chooser.ChosenMultipleView):
    def get(self, request):
        request.GET = request.GET.copy()
        ids = [pk for pk in map(id_from, request.GET.getlist("id")) if pk is not None]
        visible = pages_visible_in_admin(request.user, Page.objects.filter(pk__in=ids))
        request.GET.setlist("id", [str(pk) for pk in visible.values_list("pk", flat=True)])
        return super().get(request)


# --- Bulk actions on pages ---------------------------------------------------------------------


@functools.cache
def _scoped_bulk_action(action_class):
    """The bulk action, with the pages the user may not see left out of its confirmation (which
    would otherwise list them by title as 'no access') and out of the action itself."""

    class Scoped(action_class):
        def get_actionable_objects(self):
            objects, extra = super().get_actionable_objects()
            no_access = extra.get("items_with_no_access", [])
            visible = set(
                pages_visible_in_admin(
                    self.request.user,
                    Page.objects.filter(pk__in=[o.pk for o in [*objects, *no_access]]),
                ).values_list("pk", flat=True)
            )
            return [o for o in objects if o.pk in visible], {
                **extra,
                "items_with_no_access": [o for o in no_access if o.pk in visible],
            }

    Scoped.__name__ = Scoped.__qualname__ = f"Scoped{action_class.__name__}"
    return Scoped


def page_bulk_action(request, action):
    action_class = bulk_action_registry.get_bulk_action_class("wagtailcore", "page", action)
    if action_class is None:
        raise Http404
    child_of = request.GET.get("childOf")
    if child_of:
        parent = Page.objects.filter(pk=child_of).only("path").first()
        if parent is None or not page_visible_in_admin(request.user, parent):
            return permission_denied(request)
    return _scoped_bulk_action(action_class)(request, Page).dispatch(request)


# --- The addresses, placed before Wagtail's own in config/urls.py ------------------------------
# Named as Wagtail names them (code may ask which view answered: attribution/middleware.py), in a
# namespace of their own so that reversing a name still finds Wagtail's, at the same address.


def _listing_and_results(route, view_class, name):
    """A listing's address and its results' (which the listing's filters fetch), as Wagtail's."""
    return [
        path(route, view_class.as_view(), name=name),
        path(f"{route}results/", view_class.as_view(results_only=True), name=f"{name}_results"),
    ]


urlpatterns = [
    path("pages/", _listing(ExplorableIndexView), name="wagtailadmin_explore_root"),
    path(
        "pages/<int:parent_page_id>/",
        refuse_unseen_pages(_listing(ExplorableIndexView)),
        name="wagtailadmin_explore",
    ),
    path(
        "pages/<int:parent_page_id>/results/",
        refuse_unseen_pages(_listing(ExplorableIndexView, results_only=True)),
        name="wagtailadmin_explore_results",
    ),
    path(
        "pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/",
        _listing(ContentTypeUseView),
        name="type_use",
    ),
    path(
        "pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/results/",
        _listing(ContentTypeUseView, results_only=True),
        name="type_use_results",
    ),
    *_page_id_patterns(),
    path("bulk/wagtailcore/page/<str:action>/", page_bulk_action, name="wagtail_bulk_action"),
    path("choose-page/", ScopedBrowseView.as_view(), name="wagtailadmin_choose_page"),
    path(
        "choose-page/<int:parent_page_id>/",
        ScopedBrowseView.as_view(),
        name="wagtailadmin_choose_page_child",
    ),
    path(
        "choose-page/chosen-multiple/",
        ScopedChosenMultipleView.as_view(),
        name="wagtailadmin_choose_page_chosen_multiple",
    ),
    *_listing_and_results("reports/locked/", ScopedLockedPagesView, "locked_pages"),
    *_listing_and_results("reports/aging-pages/", ScopedAgingPagesView, "aging_pages"),
    *_listing_and_results("reports/workflow/", ScopedWorkflowView, "workflow"),
    *_listing_and_results("reports/workflow_tasks/", ScopedWorkflowTasksView, "workflow_tasks"),
    *_listing_and_results("reports/site-history/", ScopedSiteHistoryView, "site_history"),
    *_listing_and_results(
        "reports/page-types-usage/", ScopedPageTypesUsageView, "page_types_usage"
    ),
]
# As Wagtail decorates its own admin addresses.
urlpatterns = decorate_urlpatterns(urlpatterns, require_admin_access)
urlpatterns = decorate_urlpatterns(urlpatterns, never_cache)
