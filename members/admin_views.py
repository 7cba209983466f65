"""Snippet views for people that ask the permission policy about each object (permissions.py).

Every view that takes an object's id answers 404 for one outside the user's reach, as for one
that does not exist, so walking the ids tells a convener nothing of another community.
"""

from django.http import Http404
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views import chooser, snippets

from .permissions import POLICIES, within_reach


class ObjectWithinReachMixin:
    """Fetch the object, then ask the policy about it for the actions the view asks about the
    model."""

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        actions = self.any_permission_required or [self.permission_required]
        policy, user = self.permission_policy, self.request.user
        # Without the model permission, Wagtail's own refusal answers (the view checks it next).
        if policy.user_has_any_permission(user, actions) and not (
            policy.user_has_any_permission_for_instance(user, actions, instance)
        ):
            raise Http404
        return instance


class PeopleFilterSet(WagtailFilterSet):
    """A listing's filters offer only the people and communities within the user's reach."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        for list_filter in self.filters.values():
            queryset = getattr(list_filter, "queryset", None)
            if queryset is not None and queryset.model in POLICIES:
                list_filter.queryset = within_reach(request.user, queryset.model)


class IndexView(snippets.IndexView):
    base_filterset_class = PeopleFilterSet


class EditView(ObjectWithinReachMixin, snippets.EditView):
    pass


class DeleteView(ObjectWithinReachMixin, snippets.DeleteView):
    pass


class InspectView(ObjectWithinReachMixin, snippets.InspectView):
    pass


class HistoryView(ObjectWithinReachMixin, snippets.HistoryView):
    pass


class UsageView(ObjectWithinReachMixin, snippets.UsageView):
    pass


class ChooserWithinReachMixin:
    def get_object_list(self):
        return within_reach(self.request.user, self.model_class)


class ChooseView(ChooserWithinReachMixin, chooser.ChooseView):
    pass


class ChooseResultsView(ChooserWithinReachMixin, chooser.ChooseResultsView):
    pass


class ChosenView(chooser.SnippetChosenView):
    def get_object(self, pk):
        return within_reach(self.request.user, self.model_class).get(pk=pk)


class ChosenMultipleView(chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return within_reach(self.request.user, self.model_class).filter(pk__in=pks)


class ChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView


class PeopleViewSet(snippets.SnippetViewSet):
    """A snippet viewset whose every view, list and chooser keeps to the user's reach."""

    copy_view_enabled = False  # people, memberships and consents are each made afresh
    index_view_class = IndexView
    edit_view_class = EditView
    delete_view_class = DeleteView
    inspect_view_class = InspectView
    history_view_class = HistoryView
    usage_view_class = UsageView
    chooser_viewset_class = ChooserViewSet

    def get_queryset(self, request):
        return within_reach(request.user, self.model)


class WithinReachBulkActionMixin:
    """A bulk action acts on, and names, only what the user may see: Wagtail's confirmation
    screen would list the others by name as "no access". When none is left, it answers as for
    ids that do not exist."""

    @cached_property
    def _within_reach(self):
        objects, extra = BulkAction.get_actionable_objects(self)
        no_access = extra["items_with_no_access"]
        seen = set(
            within_reach(self.request.user, self.model)
            .filter(pk__in=[instance.pk for instance in [*objects, *no_access]])
            .values_list("pk", flat=True)
        )
        objects = [instance for instance in objects if instance.pk in seen]
        no_access = [instance for instance in no_access if instance.pk in seen]
        if not objects and not no_access:
            raise Http404
        return objects, {**extra, "items_with_no_access": no_access}

    def get_actionable_objects(self):
        return self._within_reach


def within_reach_bulk_action(action_class, models=None):
    """Wagtail's bulk action, keeping to the user's reach (to register after Wagtail's own)."""
    attributes = {"models": models} if models is not None else {}
    return type(action_class.__name__, (WithinReachBulkActionMixin, action_class), attributes)


PeopleDeleteBulkAction = within_reach_bulk_action(DeleteBulkAction, models=list(POLICIES))
