"""The REST API under /api/: what each app declares (`config.sections`), the OpenAPI schema and its docs pages."""
from django.contrib.auth.decorators import login_not_required
from django.urls import URLResolver, include, path
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from workflows.schema import SchemaView

from .sections import api_routes, declared

app_name = "api"

# Path converters (`<int:pk>`), so the schema types ids as integers.
router = SimpleRouter(use_regex_path=False)
for prefix, viewset, basename in api_routes():
    router.register(prefix, viewset, basename=basename)

urlpatterns = [
    *(path("", include(module)) for module in declared("api_urls")),
    path("schema/", SchemaView.as_view(), name="schema"),
    # The split view serves its start-up script from ?script, not inline, under the Content-Security-Policy.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    *router.urls,
]

# LoginRequiredMiddleware would send token clients to the login page: DRF authenticates API requests
# itself and answers 401/403, so no API view is behind the site's login.
def exempt_from_site_login(patterns) -> None:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            exempt_from_site_login(pattern.url_patterns)
        else:
            login_not_required(pattern.callback)


exempt_from_site_login(urlpatterns)
