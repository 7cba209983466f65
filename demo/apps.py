from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo programme `make run` serves (`manage.py load_demo`). It builds every kind of
    page, so it sits above every other app and nothing imports it."""

    name = "demo"
    verbose_name = "Demo"
