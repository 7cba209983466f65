"""The configured search engine, empty of anything but what a test puts in it."""

import pytest

from search.backends import get_search_backend, reset_search_backends


@pytest.fixture
def engine(db):
    """Whatever SEARCH_BACKENDS chooses (SQLite FTS5 here, PostgreSQL in CI's second run)."""
    reset_search_backends()
    backend = get_search_backend()
    backend.clear()  # rolled back with the test: other tests' pages are not ours
    yield backend
    reset_search_backends()
