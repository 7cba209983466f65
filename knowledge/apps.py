from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = "Knowledge"

    def ready(self):
        # Session guests who have not consented to be named are protected like members.
        from attribution.registry import register_people_source

        from . import signal_handlers
        from .models import guests_to_protect

        signal_handlers.connect()
        register_people_source(guests_to_protect)
