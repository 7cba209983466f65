"""The embedded default (SQLite) takes concurrent writes: write-ahead logging, a busy timeout,
and transactions that take the write lock when they begin (config/settings/base.py). How many
replies fail under load with and without them is measured in bench/concurrency.py."""

import pytest
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = [
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite settings only"),
    pytest.mark.django_db,  # lets the test open a connection of its own
]


def test_sqlite_transactions_take_the_write_lock_at_once():
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_a_sqlite_database_file_is_opened_in_wal_mode_with_a_busy_timeout(tmp_path):
    """The test database lives in memory, where there is no journal to set: open a file
    database with the site's settings, as the site opens db.sqlite3."""
    settings = {**connection.settings_dict, "NAME": str(tmp_path / "db.sqlite3")}
    wrapper = DatabaseWrapper(settings, alias="wal-check")
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] >= 10_000  # milliseconds
    finally:
        wrapper.close()
