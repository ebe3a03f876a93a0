from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo region (`manage.py seed_demo`): it builds on every app, so no app depends on it."""

    name = "demo"
    verbose_name = "Demo"
