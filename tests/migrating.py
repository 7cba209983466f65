"""Migrating the test database backwards and forwards, for tests of migrations that move models
between apps (Django's migration executor, on whichever database the suite runs)."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets=None):
    """Migrate to these nodes (every leaf when none), and return the historical models there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    nodes = [node for node in targets or () if node[1] is not None]
    return executor.loader.project_state(nodes).apps if nodes else None
