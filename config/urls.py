from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog
from viewflow.contrib.admin import Admin
from viewflow.contrib.auth import AuthViewset
from viewflow.urls import Site

from accounts import signin
from accounts.viewsets import CabinetApp
from routes.viewsets import DiagnosticsApp, RoutesApp
from workflows import files
from materials.views import PracticeBankView, PracticeView
from materials.viewsets import MaterialsApp
from workflows.viewsets import TasksApp

admin.site.site_header = _("Methodical service: administration")
admin.site.site_title = _("Methodflow")

site = Site(
    title=_("Methodical service"),
    primary_color="#1a5a96",
    secondary_color="#3f7fbf",
    viewsets=[CabinetApp(), TasksApp(), RoutesApp(), DiagnosticsApp(), MaterialsApp(), Admin()],
)

urlpatterns = [
    path(
        "accounts/",
        AuthViewset(
            with_profile_view=False,
            # The lockout after repeated failures and the limit on reset e-mails (accounts.throttling).
            login_view=signin.LoginView.as_view(),
            pass_reset_view=signin.PasswordResetView.as_view(),
        ).urls,
    ),
    path("bank/", login_not_required(PracticeBankView.as_view()), name="bank"),
    path("bank/<int:pk>/", login_not_required(PracticeView.as_view()), name="practice"),
    path("jsi18n/", login_not_required(JavaScriptCatalog.as_view()), name="javascript-catalog"),
    # Attached files: the view asks the case's permission rules (bank files are public), never MEDIA_ROOT by URL.
    path("files/<slug:kind>/<int:pk>/", login_not_required(files.download), name="download"),
    path("api/", include("config.api_urls")),
    path("", site.urls),
]

handler404 = "config.errors.not_found"
