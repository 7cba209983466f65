"""Keeping the search index in step with the site, whatever path a change takes.

Every change comes down to one operation, `reindex_pages(ids)`: remove what the index holds for
these pages and add what documents_for() says it should hold now. So publish, unpublish, delete
and move need no logic of their own, and a move that changes a page's audience (public to
members-only, one community to another) cannot leave the old document behind.

Receivers (connected in SearchConfig.ready()): a page published, unpublished, deleted or moved
(with its descendants); a view restriction added or lifted (the public outputs beneath it); a
theme renamed or deleted, or a community renamed (documents hold their names); a reply posted,
edited, withdrawn or deleted (its thread's document holds the replies). The glossary is read
at each search; an engine whose analyzers also hold it (Elasticsearch's synonym graph) is sent
it again when a term is saved or deleted.

Every configured engine is kept in step (with Elasticsearch, the embedded engine too, so it
can answer when the cluster cannot). Inline by default: an embedded engine in the same
transaction as the change, so a change rolled back leaves its index as it was; an engine outside
the database (Elasticsearch) once the transaction commits, so a rolled-back publish never
reaches it. With SEARCH_INDEX_IN_BACKGROUND, a django_tasks task is enqueued when the
transaction commits instead, and a worker (TASKS) brings the indexes up to date.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django_tasks import task
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .backends import get_search_backends
from .documents import all_documents, documents_for

CHUNK = 500  # pages re-indexed together
FEW = 5  # up to this many pages, one by one; more, in bulk


def reindex_pages(page_ids: Iterable[int], backend=None) -> int:
    """Make the index (this engine's, or every configured engine's) hold exactly what it should
    for these pages now; returns how many documents they have. Pages that no longer exist, or
    are not searchable, leave it."""
    ids = sorted({int(pk) for pk in page_ids})
    backends = [backend] if backend else get_search_backends()
    indexed = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        if len(chunk) <= FEW:
            documents = [
                d
                for page in Page.objects.filter(pk__in=chunk).specific()
                for d in documents_for(page)
            ]
        else:
            documents = list(all_documents(page_ids=chunk))
        for engine in backends:
            _write(engine, lambda e=engine, c=chunk, d=documents: _replace(e, c, d))
        indexed += len(documents)
    return indexed


def _replace(engine, page_ids, documents) -> None:
    with transaction.atomic():
        engine.remove(page_ids)
        engine.index(documents)


def _write(engine, write) -> None:
    """Write now (an engine in the database: rolled back with the change), or once the change
    commits (an engine outside it, which a rollback could not undo)."""
    if getattr(engine, "in_database", True):
        write()
    else:
        transaction.on_commit(write, robust=True)


@task()
def reindex_pages_task(page_ids: list[int]) -> int:
    return reindex_pages(page_ids)


def update(page_ids: Iterable[int]) -> None:
    """Re-index these pages: now, or through a task once this transaction commits."""
    ids = sorted({int(pk) for pk in page_ids})
    if not ids:
        return
    if getattr(settings, "SEARCH_INDEX_IN_BACKGROUND", False):
        transaction.on_commit(lambda: reindex_pages_task.enqueue(ids))
    else:
        reindex_pages(ids)


def _subtree(page_or_path, model=Page) -> list[int]:
    path = page_or_path if isinstance(page_or_path, str) else page_or_path.path
    return list(model.objects.filter(path__startswith=path).values_list("pk", flat=True))


# --- receivers ----------------------------------------------------------------------------------


def page_changed(sender, instance, **kwargs):
    update([instance.pk])


def page_deleted(sender, instance, **kwargs):
    if getattr(settings, "SEARCH_INDEX_IN_BACKGROUND", False):
        update([instance.pk])
    else:
        for engine in get_search_backends():  # gone: nothing to read, only to remove
            _write(engine, lambda e=engine: e.remove([instance.pk]))


def page_moved(sender, instance, **kwargs):
    moved = Page.objects.filter(pk=instance.pk).only("path").first()
    if moved is not None:
        update(_subtree(moved))


def restriction_changed(sender, instance, origin=None, **kwargs):
    """A restriction added or lifted changes who may read the public outputs beneath it (the
    members' pages beneath a section are members-only whatever their restrictions)."""
    from learning.models import PublicOutputPage

    if isinstance(origin, Page):
        return  # deleted with its page: the page's own deletion re-indexes
    page = Page.objects.filter(pk=instance.page_id).only("path").first()
    if page is not None:
        update(_subtree(page, PublicOutputPage))


def _theme_pages(theme) -> list[int]:
    from knowledge.models import ThemedPage
    from learning.models import ThemedOutput

    return [
        *ThemedPage.objects.filter(tag=theme).values_list("content_object_id", flat=True),
        *ThemedOutput.objects.filter(tag=theme).values_list("content_object_id", flat=True),
    ]


def theme_saved(sender, instance, created=False, **kwargs):
    if not created:
        update(_theme_pages(instance))


def theme_deleting(sender, instance, **kwargs):
    instance._search_pages = _theme_pages(instance)


def theme_deleted(sender, instance, **kwargs):
    update(getattr(instance, "_search_pages", ()))


def community_saving(sender, instance, **kwargs):
    if instance.pk:
        instance._search_old_name = (
            type(instance).objects.filter(pk=instance.pk).values_list("name", flat=True).first()
        )


def community_saved(sender, instance, created=False, **kwargs):
    from knowledge.models import CommunityHomePage

    old = getattr(instance, "_search_old_name", None)
    if created or old is None or old == instance.name:
        return
    for section in CommunityHomePage.objects.filter(community=instance).only("path"):
        update(_subtree(section))


def reply_changed(sender, instance, **kwargs):
    update([instance.thread_id])


def glossary_changed(sender, instance, **kwargs):
    """Engines whose analyzers hold the glossary (Elasticsearch's synonym graph) are sent it
    again once the edit commits; the others read it at each search."""
    from .synonyms import synonym_groups

    def send():
        groups = synonym_groups()
        for engine in get_search_backends():
            if hasattr(engine, "glossary_changed"):
                engine.glossary_changed(groups)

    transaction.on_commit(send, robust=True)


def connect() -> None:
    from knowledge.models import Reply
    from members.models import Community
    from themes.models import GlossaryTerm, Theme

    page_published.connect(page_changed, dispatch_uid="search:published")
    page_unpublished.connect(page_changed, dispatch_uid="search:unpublished")
    post_page_move.connect(page_moved, dispatch_uid="search:moved")
    # Sent for the Page row of every deleted page, whatever its type and however deleted.
    post_delete.connect(page_deleted, sender=Page, dispatch_uid="search:deleted")
    post_save.connect(
        restriction_changed, sender=PageViewRestriction, dispatch_uid="search:restricted"
    )
    post_delete.connect(
        restriction_changed, sender=PageViewRestriction, dispatch_uid="search:unrestricted"
    )
    post_save.connect(theme_saved, sender=Theme, dispatch_uid="search:theme")
    pre_delete.connect(theme_deleting, sender=Theme, dispatch_uid="search:theme-deleting")
    post_delete.connect(theme_deleted, sender=Theme, dispatch_uid="search:theme-deleted")
    pre_save.connect(community_saving, sender=Community, dispatch_uid="search:community-saving")
    post_save.connect(community_saved, sender=Community, dispatch_uid="search:community")
    post_save.connect(reply_changed, sender=Reply, dispatch_uid="search:reply")
    post_delete.connect(reply_changed, sender=Reply, dispatch_uid="search:reply-deleted")
    post_save.connect(glossary_changed, sender=GlossaryTerm, dispatch_uid="search:glossary")
    post_delete.connect(
        glossary_changed, sender=GlossaryTerm, dispatch_uid="search:glossary-deleted"
    )
