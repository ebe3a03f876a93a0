from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlatformsConfig(AppConfig):
    """Innovation, base, internship and support sites: calls, applications, the register, reports, internships.

    The label is not `sites`: `django.contrib.sites` owns it."""

    name = "platforms"
    verbose_name = _("Sites")
    site_sections = ["platforms.viewsets_applications.SiteApplicationsApp",
                     "platforms.viewsets_register.RegisterApp",
                     "platforms.viewsets_internships.InternshipsApp"]
    api_routes = [("site-calls", "platforms.api_applications.CallViewSet", "site-call"),
                  ("site-applications", "platforms.api_applications.SiteApplicationViewSet", "site_application"),
                  ("internship-programmes", "platforms.internships_api.InternshipProgrammeViewSet", "internship-programme"),
                  ("internships", "platforms.internships_api.InternshipViewSet", "internship"),
                  ("sites", "platforms.api_register.SiteViewSet", "site"),
                  ("site-reports", "platforms.api_register.SiteReportViewSet", "site-report")]
    urls = "platforms.urls"  # the public page of a municipality's current sites
    start_panels = "platforms.register_start.panels"  # the annual reports waiting for me

    def ready(self) -> None:
        from . import rules_register  # noqa: F401  who reads the register and acts on the annual reports
        from . import rules_internships  # noqa: F401  who publishes, takes and decides internships
        from workflows.types import register

        from . import rules_applications  # noqa: F401  who announces calls, applies, checks and decides
        from .types import SITE_APPLICATION

        register(SITE_APPLICATION)  # the application's flow, chain, statuses, API and files, declared once
