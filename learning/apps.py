from django.apps import AppConfig


class LearningConfig(AppConfig):
    """The public side: the learning hub, outputs, reports and their PDFs, curation,
    syndication, and the public page cache."""

    name = "learning"
    verbose_name = "Learning"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
