"""Rebuild the search index from the pages as they are now, while the site serves.

In place, in batches: each batch of pages has its documents replaced in one short transaction
(the pages' rows removed, their documents as they are now added), so a search during the rebuild
finds every page, in its old form or its new one, and no write lock is held for long (on SQLite,
readers wait at most one batch). Then the documents of pages no longer searchable (deleted,
unpublished, restricted) are swept out (each asked again, in case it changed meanwhile), and
the engine compacts its index if it can.

An engine that cannot list the pages it holds (no `page_ids()`) is cleared and filled in one
transaction instead; on PostgreSQL readers keep the old index until that commits.
`--in-one-transaction` asks for that on any engine. An engine with its own `rebuild()`
(Elasticsearch) fills new indexes and switches to them in one atomic step.

Every configured engine is rebuilt (SEARCH_BACKENDS), or only the one named with --backend.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from search.backends import get_search_backend
from search.backends.base import PUBLIC
from search.documents import all_documents
from search.indexing import reindex_pages


class Command(BaseCommand):
    help = "Rebuild the search index from the live pages, without taking the site down."

    def add_arguments(self, parser):
        parser.add_argument("--backend", help="Only this SEARCH_BACKENDS alias (default: all).")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=500,
            help="Documents written per transaction (default 500).",
        )
        parser.add_argument(
            "--in-one-transaction",
            action="store_true",
            help="Clear and fill the index in a single transaction.",
        )

    def handle(self, *args, backend, batch_size, in_one_transaction, **options):
        for alias in [backend] if backend else list(settings.SEARCH_BACKENDS):
            self.rebuild(alias, batch_size, in_one_transaction, options["verbosity"])

    def rebuild(self, alias, batch_size, in_one_transaction, verbosity):
        started = time.monotonic()
        engine = get_search_backend(alias)
        documents = all_documents(chunk_size=batch_size)
        total = len(documents)
        self.stdout.write(f"Indexing {total} pages with {type(engine).__name__} ({alias})…")
        listing = getattr(engine, "page_ids", None)
        progress = tqdm(
            total=total, unit="page", file=self.stderr, disable=verbosity == 0, mininterval=0.5
        )
        counts = {"public": 0, "members": 0}
        with progress:
            if hasattr(engine, "rebuild"):
                held_before = listing()
                engine.rebuild(_counted(documents, counts), progress)
                stale = len(held_before - listing())
            elif in_one_transaction or listing is None:
                with transaction.atomic():
                    engine.clear()
                    self._fill(engine, documents, batch_size, progress, counts)
                stale = 0
            else:
                held_before = listing()
                rebuilt = self._fill(engine, documents, batch_size, progress, counts)
                # Held before, not rebuilt: gone or no longer searchable, unless it changed
                # meanwhile, so each is asked again rather than simply removed.
                stale_ids = held_before - rebuilt
                reindex_pages(stale_ids, backend=engine)
                stale = len(stale_ids - listing())
        optimize = getattr(engine, "optimize", None)
        if optimize is not None:
            optimize()
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {counts['public'] + counts['members']} documents "
                f"({counts['public']} public, {counts['members']} members-only) in {seconds:.1f}s; "
                f"removed {stale} no longer searchable. The index holds {engine.count()}."
            )
        )

    def _fill(self, engine, documents, batch_size, progress, counts) -> set[int]:
        rebuilt: set[int] = set()
        batch = []

        def flush():
            ids = {d.page_id for d in batch}
            with transaction.atomic():
                engine.remove(ids)
                engine.index(batch)
            rebuilt.update(ids)
            progress.update(len(batch))
            batch.clear()

        for document in documents:
            batch.append(document)
            counts["public" if document.audience == PUBLIC else "members"] += 1
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
        return rebuilt


def _counted(documents, counts):
    for document in documents:
        counts["public" if document.audience == PUBLIC else "members"] += 1
        yield document
