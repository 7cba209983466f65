"""Keeping the search index in step with the site, whatever path a change takes.

Every change comes down to one operation, `reindex_pages(ids)`: remove what the index holds for
these pages and add what documents_for() says it should hold now. So publish, unpublish, delete
and move need no logic of their own, and a move that changes a page's audience (public to
members-only, one community to another) cannot leave the old document behind.

Receivers (signal_handlers.py, connected in SearchConfig.ready()): a page published,
unpublished, deleted or moved (with its descendants); a view restriction added or lifted (the
public outputs beneath it); a theme renamed or deleted, or a community renamed (documents hold
their names); a reply posted, edited, withdrawn or deleted (its thread's document holds the
replies). The glossary is read
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
from django_tasks import task
from wagtail.models import Page

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


def remove(page_ids: list[int]) -> None:
    """Take deleted pages out of the index: now, or through a task once this transaction commits
    (which finds them gone, and so removes them)."""
    if getattr(settings, "SEARCH_INDEX_IN_BACKGROUND", False):
        update(page_ids)
    else:
        for engine in get_search_backends():  # gone: nothing to read, only to remove
            _write(engine, lambda e=engine: e.remove(list(page_ids)))
