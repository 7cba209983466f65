from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "People and communities"

    def ready(self):
        from . import signals  # noqa: F401  (connects the group sync receivers)
