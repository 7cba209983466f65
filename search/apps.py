from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Site search: one interface over the configured engine (search/backends/), kept up to
    date as pages are published, unpublished, moved and deleted (search/indexing.py,
    search/signal_handlers.py)."""

    name = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
