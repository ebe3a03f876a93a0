"""Error pages: the API's addresses answer in the API's shape, the rest with the site's Russian pages."""
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """An address that matches nothing: under /api/ the same `{"detail": …}` as a missing object, so a client
    cannot tell a wrong path from a hidden case; elsewhere the site's 404 page (it names no model)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)
