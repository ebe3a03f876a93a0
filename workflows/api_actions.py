"""What a person can do with a case or a task over the API, as objects a client follows without reading the
source: `{action, method, url, request}`, `request` naming the schema component of the body (or null).

Each process declares its endpoints in its `CaseApi` (`endpoints`: action name → `Endpoint`; `steps`: a task's
node → the action names done at it); nothing here names a process.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.urls import reverse
from rest_framework import serializers

# The `url_name` of an action done by completing the task (`/api/tasks/{id}/complete/`).
COMPLETE = "complete"
CLAIM = "claim"
METHODS = ("GET", "POST", "PATCH", "PUT", "DELETE")


@dataclass(frozen=True)
class Endpoint:
    """An action over the API: its HTTP method; the case endpoint's route it goes to (`submit` for
    `api:<key>-submit`, `detail` for the case itself) or `COMPLETE` for the task's completion; the
    serializer of its body (None: no body); and for an action on one row of the case (an activity) the URL
    arguments of each row it may be done to."""

    method: str
    url_name: str
    request: type[serializers.Serializer] | None = None
    rows: Callable[[object], Iterable[dict]] | None = None


@cache
def json_body(serializer_class: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """A step's body as JSON, which carries no files: `serializer_class` without its file fields (the same
    class when it has none)."""
    files = [name for name, body_field in serializer_class().fields.items()
             if isinstance(getattr(body_field, "child", body_field), serializers.FileField)]
    if not files:
        return serializer_class
    name = serializer_class.__name__.removesuffix("Serializer")
    return type(f"{name}JsonSerializer", (serializer_class,), dict.fromkeys(files))


def component_name(serializer_class: type[serializers.Serializer] | None) -> str | None:
    """The name drf-spectacular gives a request body's component."""
    if serializer_class is None:
        return None
    name = serializer_class.__name__.removesuffix("Serializer")
    return f"{name}Request" if settings.SPECTACULAR_SETTINGS.get("COMPONENT_SPLIT_REQUEST") else name


def absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if request is not None else url


def endpoint_actions(case_api, names: Iterable[str], case, task, request) -> Iterator[dict]:
    """The action objects of `names` on `case` (and its open `task`, for a completion), as `case_api`
    declares them; an action it does not declare, or a completion with no task, is left out."""
    for name in names:
        endpoint = case_api.endpoints.get(name)
        if endpoint is None:
            continue
        if endpoint.url_name == COMPLETE:
            if task is None:
                continue
            urls = [reverse("api:task-complete", kwargs={"pk": task.pk})]
        else:
            route = f"api:{case_api.type}-{endpoint.url_name}"
            urls = [reverse(route, kwargs={"pk": case.pk, **row})
                    for row in (endpoint.rows(case) if endpoint.rows else [{}])]
        for url in urls:
            yield {"action": name, "method": endpoint.method, "url": absolute(request, url),
                   "request": component_name(endpoint.request)}


def claim_action(task, request) -> dict:
    return {"action": CLAIM, "method": "POST", "url": absolute(request, reverse("api:task-claim", kwargs={"pk": task.pk})),
            "request": None}
