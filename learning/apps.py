from django.apps import AppConfig


class LearningConfig(AppConfig):
    """The public side: the learning hub, outputs, reports and their PDFs, curation,
    syndication, and the public page cache."""

    name = "learning"
    verbose_name = "Learning"

    def ready(self):
        # The public cache's purges and the report PDF's receivers, for commands that publish
        # (publish_scheduled_checked, load_demo) as well as for web processes.
        from . import public_cache, report_pdf  # noqa: F401
