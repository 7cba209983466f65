"""Models that moved app keep everything: data built through the historical models before the
move (Django's migration executor) is all there after migrating forward, under the same content
type id, so Wagtail's workflows, task states and permissions still find it."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Task, WorkflowTask

from attribution.models import NonAttributionReviewTask

from ..migrating import migrate

BEFORE_THE_MOVE = [("knowledge", "0010_markdown_stored_html")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_review_task_keeps_its_rows_content_type_and_permissions_when_it_moves():
    old = migrate([*BEFORE_THE_MOVE, ("attribution", None)])
    old_content_type = old.get_model("contenttypes", "ContentType")
    content_type, _ = old_content_type.objects.get_or_create(
        app_label="knowledge", model="nonattributionreviewtask"
    )
    permission = old.get_model("auth", "Permission").objects.get_or_create(
        content_type_id=content_type.pk,
        codename="change_nonattributionreviewtask",
        defaults={"name": "Can change non-attribution review"},
    )[0]
    reviewers = old.get_model("auth", "Group").objects.create(name="Reviewers")
    reviewers.permissions.add(permission)
    task = old.get_model("knowledge", "NonAttributionReviewTask").objects.create(
        name="Non-attribution review", content_type_id=content_type.pk, active=True
    )
    task.groups.add(reviewers)
    workflow = old.get_model("wagtailcore", "Workflow").objects.create(name="Public pages")
    old.get_model("wagtailcore", "WorkflowTask").objects.create(
        workflow=workflow, task_id=task.pk, sort_order=0
    )

    migrate()

    moved = NonAttributionReviewTask.objects.get(pk=task.pk)
    assert moved.name == "Non-attribution review"
    assert list(moved.groups.values_list("name", flat=True)) == ["Reviewers"]
    assert ContentType.objects.get_for_model(NonAttributionReviewTask).pk == content_type.pk
    assert not ContentType.objects.filter(app_label="knowledge", model="nonattributionreviewtask")
    assert Task.objects.get(pk=task.pk).specific == moved  # Wagtail finds it by content type
    assert WorkflowTask.objects.get(workflow__name="Public pages").task.specific == moved
    assert Group.objects.get(name="Reviewers").permissions.get() == Permission.objects.get(
        content_type__app_label="attribution", codename="change_nonattributionreviewtask"
    )
