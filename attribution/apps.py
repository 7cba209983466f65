from django.apps import AppConfig


class AttributionConfig(AppConfig):
    """The non-attribution check and the gate: no public byte names a participant or their
    organisation without consent."""

    name = "attribution"
    verbose_name = "Non-attribution"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
