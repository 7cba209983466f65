from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = "Knowledge"

    def ready(self):
        # signals: the privacy guards and the gate on knowledge's pages. Session guests who
        # have not consented to be named are protected by the non-attribution registry.
        from attribution.registry import register_people_source

        from . import signals  # noqa: F401
        from .models import guests_to_protect

        register_people_source(guests_to_protect)
