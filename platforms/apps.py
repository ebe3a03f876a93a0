from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlatformsConfig(AppConfig):
    """Innovation, base, internship and support sites: calls, applications, the register, reports, internships.

    The label is not `sites`: `django.contrib.sites` owns it."""

    name = "platforms"
    verbose_name = _("Sites")

    def ready(self) -> None:
        from . import rules_register  # noqa: F401  who reads the register and acts on the annual reports
