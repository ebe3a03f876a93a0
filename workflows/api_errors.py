"""The one error body of the API: RFC 9457 problem details (`application/problem+json`), in Russian, with a
stable code per rule, for every 4xx: DRF's own refusals (validation, parse errors, 401, 403, 404, 405, 406,
415, 429), what the services raise (Django's `ValidationError` → 400, `PermissionDenied` → 403,
`TaskAlreadyDone` and `CaseConflict` → 409) and a body over `DATA_UPLOAD_MAX_MEMORY_SIZE` (413).

    {"type": "about:blank", "title": "Неверный запрос", "status": 400, "detail": "Обязательное поле.",
     "code": "required", "errors": [{"field": "activities[0].starts_on", "code": "required",
                                     "message": "Обязательное поле."}]}

`errors` lists every error (at least one): `field` is the path of the field, rows of a list by index, null
for the request as a whole. The schema documents the shape once (`accounts.api.ProblemSerializer`).
"""
from __future__ import annotations

from collections.abc import Iterator

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import set_rollback

from accounts.api import PROBLEM_MEDIA_TYPE

from .services import TaskAlreadyDone

TITLES = {
    400: gettext_lazy("Invalid request"),
    401: gettext_lazy("Not signed in"),
    403: gettext_lazy("Forbidden"),
    404: gettext_lazy("Not found"),
    405: gettext_lazy("Method not allowed"),
    406: gettext_lazy("Not acceptable"),
    409: gettext_lazy("Conflict"),
    413: gettext_lazy("Request too large"),
    415: gettext_lazy("Unsupported media type"),
    429: gettext_lazy("Too many requests"),
}


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("Someone else has already acted on this task.")
    default_code = "conflict"


class TooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = gettext_lazy("The request body is too large.")
    default_code = "too_large"


# DRF messages that no catalogue translates (they are not marked for translation): by their code.
UNTRANSLATED = {
    "null": ("No data provided", "no_data", gettext_lazy("The request has no data.")),
    "parse_error": ("Multipart form parse error", "parse_error", gettext_lazy("The request body cannot be read.")),
    "permission_denied": ("CSRF Failed", "csrf_failed", gettext_lazy(
        "The CSRF check failed: send the CSRF token with a session sign-in, or use an API token.")),
}


def as_api_exception(exc: Exception) -> exceptions.APIException | None:
    """The DRF exception that stands for `exc`, or None when it is none of the API's 4xx (a 500 stays a 500)."""
    if isinstance(exc, exceptions.APIException):
        return exc
    if isinstance(exc, Http404):
        # The same «Не найдено.» for what does not exist and what is not yours: DRF would pass on the
        # message, which for `get_object_or_404` names the model.
        return exceptions.NotFound()
    if isinstance(exc, DjangoValidationError):
        detail = serializers.as_serializer_error(exc)
        if NON_FIELD_ERRORS in detail:
            detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
        return Conflict(detail) if isinstance(exc, TaskAlreadyDone) else exceptions.ValidationError(detail)
    if isinstance(exc, PermissionDenied):
        message = exc.args[0] if exc.args else None
        return exceptions.PermissionDenied(message, code=getattr(exc, "code", None))
    if isinstance(exc, RequestDataTooBig):
        return TooLarge()
    if isinstance(exc, SuspiciousOperation):  # too many fields or files in a form
        return exceptions.ValidationError(_("The request has too many fields or files."), code="too_many_fields")
    return None


def entries(detail, path: str = "") -> Iterator[dict]:
    """Every error of a DRF error detail, with the path of its field: `activities[0].starts_on`."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            if key in (api_settings.NON_FIELD_ERRORS_KEY, NON_FIELD_ERRORS):
                yield from entries(value, path)
            elif isinstance(key, int):  # a row of a list (DRF's `ListField`); a mapping's keys are text
                yield from entries(value, f"{path}[{key}]")
            else:
                yield from entries(value, f"{path}.{key}" if path else str(key))
    elif isinstance(detail, list):
        rows = any(isinstance(item, (dict, list)) for item in detail)
        for index, item in enumerate(detail):
            yield from entries(item, f"{path}[{index}]" if rows else path)
    else:
        yield {"field": path or None, "code": getattr(detail, "code", None) or "invalid", "message": str(detail)}


def in_russian(error: dict) -> dict:
    known = UNTRANSLATED.get(error["code"])
    if known and error["message"].startswith(known[0]):
        return {**error, "code": known[1], "message": str(known[2])}
    return error


def problem(status_code: int, errors: list[dict], code: str | None = None) -> dict:
    """The problem details body of `errors` (each `{field, code, message}`)."""
    if len(errors) == 1:
        detail = errors[0]["message"]
    else:
        detail = ngettext("The request has %(count)d error; each is listed by its field.",
                          "The request has %(count)d errors; each is listed by its field.",
                          len(errors)) % {"count": len(errors)}
    return {
        "type": "about:blank",
        "title": str(TITLES.get(status_code, TITLES[400])),
        "status": status_code,
        "detail": detail,
        "code": code or (errors[0]["code"] if len(errors) == 1 else "invalid"),
        "errors": errors,
    }


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """Every 4xx of the API as problem details (the `EXCEPTION_HANDLER` of DRF's settings)."""
    api_exc = as_api_exception(exc)
    if api_exc is None:
        return None
    errors = [in_russian(error) for error in entries(api_exc.detail)] or [
        {"field": None, "code": api_exc.default_code, "message": str(api_exc.default_detail)}]
    code = None if isinstance(api_exc, exceptions.ValidationError) else errors[0]["code"]
    headers = {}
    if getattr(api_exc, "auth_header", None):
        headers["WWW-Authenticate"] = api_exc.auth_header
    if getattr(api_exc, "wait", None):
        headers["Retry-After"] = "%d" % api_exc.wait
    set_rollback()
    request = context.get("request")
    renderer = getattr(request, "accepted_renderer", None)
    as_problem = renderer is None or renderer.format == "json"
    return Response(problem(api_exc.status_code, errors, code), status=api_exc.status_code, headers=headers,
                    content_type=PROBLEM_MEDIA_TYPE if as_problem else None)
