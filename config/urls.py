"""The site: each app's sections of the menu, its public pages and its API, as its AppConfig declares them
(`config.sections`); the administration last."""
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog
from viewflow.contrib.admin import Admin
from viewflow.urls import Site

from .health import healthz
from .sections import declared, site_sections

admin.site.site_header = _("Methodical service: administration")
admin.site.site_title = _("Methodflow")

site = Site(
    title=_("Methodical service"),
    primary_color="#1a5a96",
    secondary_color="#3f7fbf",
    viewsets=[*site_sections(), Admin()],
)

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    *(path("", include(module)) for module in declared("urls")),
    path("jsi18n/", login_not_required(JavaScriptCatalog.as_view()), name="javascript-catalog"),
    path("api/", include("config.api_urls")),
    path("", site.urls),
]

handler403 = "config.errors.permission_denied"
handler404 = "config.errors.not_found"
handler500 = "config.errors.server_error"
