"""One JSON line per request: method, path, status, duration, the signed-in person and the case the URL names.

`RequestLogMiddleware` (first in MIDDLEWARE, so the time covers every other middleware) writes a record to
the `methodflow.request` logger; `JsonFormatter` turns any record into one JSON object on one line, with
the record's `extra` fields. With several app servers behind a proxy the lines of all of them can be
merged and searched by `user_id` or `case`:

    {"time": "2026-12-01T22:31:07.412+00:00", "level": "INFO", "logger": "methodflow.request",
     "message": "GET /routes/12/ 200", "method": "GET", "path": "/routes/12/", "status": 200,
     "duration_ms": 41.7, "user_id": 7, "case": "ИОМ-2026-000012", "case_id": 12}

The case number is taken from the case the view itself loaded (a `post_init` receiver on the case models
notes the instance whose key the URL names), so logging adds no query; when the view never loaded it (a
404) only `case_id` is written.
"""
from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from django.apps import apps
from django.db.models import Model
from django.db.models.signals import post_init
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject, empty

logger = logging.getLogger("methodflow.request")

# The attributes every LogRecord has; whatever else a record carries came from `extra`.
STANDARD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """A log record as one line of JSON: time (UTC, ISO 8601), level, logger, message, its extra fields and,
    for an error, the traceback."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update({key: value for key, value in vars(record).items() if key not in STANDARD_ATTRIBUTES})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class _NamedCase:
    """What the current request's URL names and the number of that case once the view has loaded it."""

    def __init__(self, model: type[Model] | None, pk: int | None) -> None:
        self.model = model
        self.pk = pk
        self.number: str | None = None


_named: ContextVar[_NamedCase | None] = ContextVar("methodflow_named_case", default=None)


def case_models() -> list[type[Model]]:
    """The concrete case models: those that number themselves (workflows' Case and what extends it)."""
    return [model for model in apps.get_models()
            if getattr(model, "number_prefix", None) is not None and any(f.name == "number" for f in model._meta.fields)]


def note_loaded_case(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    named = _named.get()
    if named is None or named.number is not None or named.model is None or named.pk is None:
        return
    if isinstance(instance, named.model) and instance.pk == named.pk:
        named.number = instance.__dict__.get("number")  # never load a deferred field for the log


def connect() -> None:
    """Listen for loaded cases (from the project's AppConfig.ready, once every model is known)."""
    for model in case_models():
        post_init.connect(note_loaded_case, sender=model, dispatch_uid=f"request_log:{model._meta.label}")


def view_model(view: Callable) -> type[Model] | None:
    """The model of a class-based page or of a DRF viewset, or the model of the page an action view posts to."""
    view_class = getattr(view, "view_class", None) or getattr(view, "cls", None)
    if view_class is None:
        return None
    for candidate in (view_class, getattr(view_class, "detail_view", None)):
        model = getattr(candidate, "model", None) or getattr(getattr(candidate, "queryset", None), "model", None)
        if isinstance(model, type) and issubclass(model, Model):
            return model
    return None


def named_case(view: Callable, kwargs: dict[str, Any]) -> _NamedCase:
    model = view_model(view)
    if model is None or getattr(model, "number_prefix", None) is None:
        return _NamedCase(None, None)
    try:
        pk = int(kwargs.get("pk"))
    except (TypeError, ValueError):
        return _NamedCase(None, None)
    return _NamedCase(model, pk)


def known_user_id(request: HttpRequest) -> int | None:
    """The signed-in person's id if the request has already found out who it is: the log never reads the
    session for a public page or a health probe that did not."""
    user = getattr(request, "user", None)
    if isinstance(user, SimpleLazyObject):
        if user._wrapped is empty:
            return None
        user = user._wrapped
    return user.pk if user is not None and user.is_authenticated else None


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        token = _named.set(None)
        try:
            response = self.get_response(request)
            self.log(request, response.status_code, started)
            return response
        except Exception:
            self.log(request, 500, started)
            raise
        finally:
            _named.reset(token)

    def process_view(self, request: HttpRequest, view: Callable, args: tuple, kwargs: dict) -> None:
        _named.set(named_case(view, kwargs))

    @staticmethod
    def log(request: HttpRequest, status: int, started: float) -> None:
        named = _named.get()
        fields: dict[str, Any] = {
            "method": request.method,
            "path": request.path,
            "status": status,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            "user_id": known_user_id(request),
        }
        if named is not None and named.pk is not None:
            fields.update(case=named.number, case_id=named.pk)
        level = logging.ERROR if status >= 500 else logging.INFO
        logger.log(level, "%s %s %s", request.method, request.path, status, extra=fields)
