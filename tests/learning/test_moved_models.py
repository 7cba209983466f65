"""The public side's models moved from knowledge/ and themes/ to learning/ (ThemedPage from
themes/ to knowledge/), keeping their tables and their content types' ids. Data built through
the historical models before the move is all there after migrating forward: pages, revisions,
log entries, the reference index, themes and permissions."""

import uuid

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from knowledge.models import KnowledgePage
from learning.models import LearningHubPage, PublicOutputPage

from ..migrating import migrate

BEFORE_THE_MOVE = [
    ("knowledge", "0011_nonattributionreviewtask_moved"),
    ("themes", "0003_public_outputs"),
]


def _page(old, model, parent, *, title, slug, **fields):
    """A page made through a historical model under `parent`, its tree position by hand."""
    content_type = old.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label=model._meta.app_label, model=model._meta.model_name
    )[0]
    locale = old.get_model("wagtailcore", "Locale").objects.get_or_create(language_code="en")[0]
    depth = parent.depth + 1
    pages = old.get_model("wagtailcore", "Page").objects
    last = pages.filter(path__startswith=parent.path, depth=depth).order_by("-path").first()
    path = parent.path + f"{int(last.path[-4:]) + 1 if last else 1:04d}"
    pages.filter(pk=parent.pk).update(numchild=parent.numchild + 1)
    return model.objects.create(
        title=title,
        draft_title=title,
        slug=slug,
        path=path,
        depth=depth,
        url_path=f"{parent.url_path}{slug}/",
        content_type=content_type,
        locale=locale,
        live=True,
        **fields,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pages_revisions_log_entries_references_and_permissions_survive_the_move():
    old = migrate(BEFORE_THE_MOVE)
    root = old.get_model("wagtailcore", "Page").objects.get(depth=1)
    hub = _page(
        old,
        old.get_model("knowledge", "LearningHubPage"),
        root,
        title="Learning",
        slug="learning",
        intro="",
    )
    output = _page(
        old,
        old.get_model("knowledge", "PublicOutputPage"),
        hub,
        title="Start small",
        slug="start-small",
        summary="Start with one ward.",
        kind="insight",
        licence="CC-BY-4.0",
        body="",
    )
    note = _page(
        old,
        old.get_model("knowledge", "KnowledgePage"),
        root,
        title="A note",
        slug="a-note",
        summary="What we heard.",
    )
    theme = old.get_model("themes", "Theme").objects.get_or_create(
        slug="commissioning", defaults={"name": "Commissioning"}
    )[0]
    old.get_model("themes", "ThemedOutput").objects.create(tag=theme, content_object=output)
    old.get_model("themes", "ThemedPage").objects.create(tag=theme, content_object=note)
    page_type = old.get_model("contenttypes", "ContentType").objects.get(
        app_label="wagtailcore", model="page"
    )
    revision = old.get_model("wagtailcore", "Revision").objects.create(
        content_type=output.content_type,
        base_content_type=page_type,
        object_id=str(output.pk),
        object_str="Start small",
        created_at=timezone.now(),
        content={"pk": output.pk, "title": "Start small"},
    )
    old.get_model("wagtailcore", "PageLogEntry").objects.create(
        content_type=output.content_type,
        page_id=output.pk,
        revision=revision,
        action="wagtail.publish",
        label="Start small",
        timestamp=timezone.now(),
    )
    old.get_model("wagtailcore", "ReferenceIndex").objects.create(
        content_type=output.content_type,
        base_content_type=page_type,
        object_id=str(output.pk),
        to_content_type=page_type,
        to_object_id=str(hub.pk),
        model_path="sources.item",
        content_path="sources.1",
        content_path_hash=uuid.uuid4(),
    )
    permission = old.get_model("auth", "Permission").objects.get_or_create(
        content_type=output.content_type,
        codename="add_publicoutputpage",
        defaults={"name": "Can add public output page"},
    )[0]
    editors = old.get_model("auth", "Group").objects.create(name="Learning editors")
    editors.permissions.add(permission)
    output_type_id = output.content_type_id

    migrate()

    assert LearningHubPage.objects.get(pk=hub.pk).title == "Learning"
    moved = Page.objects.get(pk=output.pk).specific
    assert isinstance(moved, PublicOutputPage) and moved.summary == "Start with one ward."
    assert moved.content_type_id == output_type_id
    assert ContentType.objects.get_for_model(PublicOutputPage).pk == output_type_id
    assert [t.name for t in moved.themes.all()] == ["Commissioning"]
    assert [t.name for t in KnowledgePage.objects.get(pk=note.pk).themes.all()] == ["Commissioning"]
    assert Revision.objects.get(pk=revision.pk).content_object == moved
    assert PageLogEntry.objects.get(page=moved).content_type.model_class() is PublicOutputPage
    reference = ReferenceIndex.objects.get(object_id=str(output.pk))
    assert reference.content_type.model_class() is PublicOutputPage
    assert Group.objects.get(name="Learning editors").permissions.get() == Permission.objects.get(
        content_type__app_label="learning", codename="add_publicoutputpage"
    )
    assert not ContentType.objects.filter(
        app_label__in=["knowledge", "themes"],
        model__in=["learninghubpage", "publicoutputpage", "themedoutput"],
    )
