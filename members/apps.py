from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "People and communities"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
