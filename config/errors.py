"""Error pages: the API's addresses answer in the API's shape, the rest with the site's Russian pages
(templates/400.html, 403.html, 404.html, 500.html)."""
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework.exceptions import APIException, NotFound, PermissionDenied
from rest_framework.settings import api_settings


def api_answer(exception: APIException) -> JsonResponse:
    """The problem details the API's exception handler builds for `exception`."""
    answer = api_settings.EXCEPTION_HANDLER(exception, {})
    return JsonResponse(answer.data, status=answer.status_code, content_type=answer.content_type or "application/json",
                        json_dumps_params={"ensure_ascii": False})


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """An address that matches nothing: under /api/ the same problem details as a missing object (the API's
    exception handler builds them), so a client cannot tell a wrong path from a hidden case; elsewhere the
    site's 404 page (it names no model)."""
    if request.path.startswith("/api/"):
        return api_answer(NotFound())
    return defaults.page_not_found(request, exception)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A refusal that reached no view's own answer: the site's 403 page, or the API's problem details."""
    if request.path.startswith("/api/"):
        return api_answer(PermissionDenied())
    return defaults.permission_denied(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """An unexpected error: the static 500 page (it needs no database or template context), or under /api/
    the API's problem details."""
    if request.path.startswith("/api/"):
        return api_answer(APIException())
    return defaults.server_error(request)


class SiteNotFoundMiddleware:
    """With DEBUG on (`make run`, the demo), Django answers a missing page with its English technical page,
    which lists the site's URL patterns; whoever tries the demo gets the site's Russian 404 page instead."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.DEBUG and response.status_code == 404 and response.get("Content-Type", "").startswith("text/html"):
            return not_found(request)
        return response
