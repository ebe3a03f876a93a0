"""The REST API under /api/: tokens, tasks, each process's cases, the OpenAPI schema and its docs page."""
from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from accounts.api import LogoutAllView, LogoutView, TokenView
from routes.api import RouteViewSet
from workflows.api import TaskViewSet
from materials.api import BankViewSet, MaterialViewSet

app_name = "api"

# Path converters (`<int:pk>`), so the schema types ids as integers.
router = SimpleRouter(use_regex_path=False)
router.register("tasks", TaskViewSet, basename="task")
router.register("routes", RouteViewSet, basename="route")
router.register("materials", MaterialViewSet, basename="material")
router.register("bank", BankViewSet, basename="practice")

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="token"),
    path("auth/logout/", LogoutView.as_view(), name="logout"),
    path("auth/logout-all/", LogoutAllView.as_view(), name="logout-all"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script from ?script, not inline, under the Content-Security-Policy.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    *router.urls,
]

# LoginRequiredMiddleware would send token clients to the login page: DRF authenticates API requests
# itself and answers 401/403, so no API view is behind the site's login.
for pattern in urlpatterns:
    login_not_required(pattern.callback)
