from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = "Knowledge"

    def ready(self):
        # signals: the privacy guards and the gate. public_guard: the public cache's purges,
        # for commands that publish (publish_scheduled_checked, load_demo) as well as for web
        # processes, which load it as middleware.
        from . import public_guard, report_pdf, signals  # noqa: F401
