"""What every process's API has in common: its part of the task endpoints (`CaseApi`, declared in the
process's `CaseType`), and `CaseViewSet`,
the base of each process's case endpoint (the list and one case, by visibility; the timeline; the
history; the open-step check made before a body is read).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from viewflow.workflow.models import Task

from accounts.api import error_responses
from accounts.permissions import may, visible, visible_or_404

from .api_actions import COMPLETE, Endpoint, json_body
from .api_fields import CaseEventSerializer, HistoryRecordSerializer, NamedChoiceField, StreamEventSerializer
from .history import HISTORY_EXCLUDED, readable_changes, timeline_of
from .models import CaseEvent
from .pagination import ValidatedPagination
from .services import active_task, can_act_on
from .types import case_type_for, case_types

HISTORY_KINDS = {"+": ("created", gettext_lazy("created")), "~": ("changed", gettext_lazy("changed")),
                 "-": ("deleted", gettext_lazy("deleted"))}
SUBMISSIONS = (CaseEvent.Kind.SUBMITTED, CaseEvent.Kind.RESUBMITTED)

# The fields no history shows: bookkeeping, and the chain snapshot a case takes when it starts.


@dataclass(frozen=True)
class Completion:
    """How a step is completed through the API: the body it takes and the service it calls with
    `(case, user, validated data)`."""

    serializer: type[serializers.Serializer]
    perform: Callable[[Any, Any, dict], Any]


@dataclass
class CaseApi:
    """A process's part of the API: how its steps are completed from the task list (by node name), its short
    case type and the name of its case endpoint (by default its `CaseType`'s key, and the router's
    `api:<key>-detail`: the app's `api_routes` use the key as the basename)."""

    completions: Mapping[str, Completion] = field(default_factory=dict)
    # What is done over the API, by the action names of the process's `available_actions` (`api_actions`),
    # and at each step (a task's node) the actions done there.
    endpoints: Mapping[str, Endpoint] = field(default_factory=dict)
    steps: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    type: str = ""
    detail_url_name: str = ""

    def named(self, key: str) -> None:
        self.type = self.type or key
        self.detail_url_name = self.detail_url_name or f"api:{key}-detail"


def case_api_for(flow_class: type) -> CaseApi | None:
    """The API part a process declares in its `CaseType` (`workflows.types`)."""
    try:
        return case_type_for(flow_class).api
    except KeyError:
        return None


def completed(completion: Completion) -> Endpoint:
    """The endpoint of an action done by completing the task with `completion`'s body."""
    return Endpoint("POST", COMPLETE, json_body(completion.serializer))


def drafting(body: type[serializers.Serializer]) -> dict[str, Endpoint]:
    """The actions of an author's draft or returned case: edit it (PATCH the case with `body`) and submit it."""
    return {"edit": Endpoint("PATCH", "detail", body), "submit": Endpoint("POST", "submit")}


def completion_for(task: Task) -> Completion | None:
    case_api = case_api_for(task.flow_task.flow_class)
    return case_api.completions.get(task.flow_task.name) if case_api else None


def completion_serializers() -> list[type[serializers.Serializer]]:
    return [completion.serializer for case_type in case_types() if case_type.api
            for completion in case_type.api.completions.values()]


def completion_json_bodies() -> list[type[serializers.Serializer]]:
    """The steps' bodies as JSON sends them (`json_body`)."""
    return [json_body(serializer_class) for serializer_class in completion_serializers()]


SUMMARIES = {
    "list": gettext_lazy("{cases} you may see"),
    "detail": "{Case}",
    "timeline": gettext_lazy("Timeline: {case}"),
    "history": gettext_lazy("Who changed what: {case}"),
    "create": gettext_lazy("A new draft: {case}"),
    "edit": gettext_lazy("Edit a draft or a returned case: {case}"),
    "submit": gettext_lazy("Submit: {case}"),
    "delete": gettext_lazy("Delete a draft never sent: {case}"),
    "events": gettext_lazy("Every event: {case}"),
}


def case_schema(*, timeline_description: str | None = None, **summaries: str):
    """The OpenAPI description of a `CaseViewSet`'s shared endpoints: summaries named after the case model
    (`SUMMARIES`) unless the process words one itself (`submit_summary=…`); the bodies are the viewset's own
    serializers."""
    def describe(viewset: type[CaseViewSet]) -> type[CaseViewSet]:
        names = viewset.model._meta
        said = {endpoint: summaries.get(f"{endpoint}_summary") or format_lazy(
            summary, cases=capfirst(names.verbose_name_plural), Case=capfirst(names.verbose_name),
            case=names.verbose_name) for endpoint, summary in SUMMARIES.items()}
        detail = viewset.detail_serializer_class
        given = viewset.input_serializer_class
        body = {media: given for media in viewset.input_media} if viewset.input_media else given
        return extend_schema_view(
            create=extend_schema(summary=said["create"], request=body, responses={
                201: detail, **error_responses(400, 401, 403)}),
            partial_update=extend_schema(summary=said["edit"], request=body, responses={
                200: detail, **error_responses(400, 401, 403, 404)}),
            submit=extend_schema(summary=said["submit"], request=None, responses={
                200: detail, **error_responses(400, 401, 403, 404, 409)}),
            destroy=extend_schema(summary=said["delete"], description=gettext_lazy(
                "Only its author deletes a draft (404 for anyone else); once sent it is 409."), responses={
                204: None, **error_responses(401, 404, 409)}),
            list=extend_schema(summary=said["list"], parameters=[viewset.list_query_serializer_class], responses={
                200: viewset.serializer_class(many=True), **error_responses(400, 401, 404)}),
            retrieve=extend_schema(summary=said["detail"], responses={
                200: viewset.detail_serializer_class, **error_responses(401, 404)}),
            timeline=extend_schema(summary=said["timeline"], description=timeline_description, responses={
                200: CaseEventSerializer(many=True), **error_responses(401, 404)}),
            event_stream=extend_schema(summary=said["events"], description=gettext_lazy(
                "The timeline's decisions, comments and files, and (for whoever may read the history) the changes "
                "of the case's fields, oldest first, each with its actor, step, comment, files and links."),
                responses={200: StreamEventSerializer(many=True), **error_responses(401, 404)}),
            history=extend_schema(summary=said["history"], responses={
                200: HistoryRecordSerializer(many=True), **error_responses(401, 403, 404)}),
        )(viewset)
    return describe


def case_step(summary: str, request, detail: type[serializers.Serializer], *, description: str | None = None,
              **action_options):
    """A POST endpoint on one case that moves it on (`/<pk>/<name>/`): it answers the case as it now stands
    (`detail`), or 400, 401, 403, 404, or 409 when someone has acted on the step first."""
    def wrap(method):
        return extend_schema(summary=summary, description=description, request=request, responses={
            200: detail, **error_responses(400, 401, 403, 404, 409)})(
                action(detail=True, methods=["post"], **action_options)(method))
    return wrap


def status_query(model: type[Model]) -> type[serializers.Serializer]:
    """The query of a case list: the cases of one status (of the model's `Status`, its own enum in the schema)."""
    return type(f"{model.__name__}ListQuerySerializer", (serializers.Serializer,), {
        "status": NamedChoiceField(choices=model.Status.choices, enum_name=f"{model.__name__}StatusEnum",
                                   required=False)})


class CaseViewSet(viewsets.GenericViewSet):
    """The cases of one process that the person may see. A subclass names its list and detail serializers
    (the model is the list serializer's) and the relations they read; a case the person may not see is
    404, so its existence is not revealed."""

    model: type[Model]
    serializer_class: type[serializers.Serializer]
    detail_serializer_class: type[serializers.Serializer]
    list_query_serializer_class: type[serializers.Serializer]  # by default a filter by the model's `Status`
    # The body of a new case and of an edit, and the media it comes in (none named: JSON).
    input_serializer_class: type[serializers.Serializer]
    input_media: tuple[str, ...] = ()
    list_related: tuple[str, ...] = ("author", "organisation")
    list_prefetched: tuple[str, ...] = ()
    detail_related: tuple[str, ...] = ("author", "organisation", "municipality")
    detail_prefetched: tuple[str, ...] = ()
    history_excluded: tuple[str, ...] = HISTORY_EXCLUDED
    # The 403s in the process's words: a step the person may not act on, a history they may not read.
    not_yours = ""
    history_refused = ""
    create_refused = ""
    edit_refused = ""
    pagination_class = ValidatedPagination
    lookup_value_converter = "int"

    def __init_subclass__(cls, **kwargs) -> None:
        # The router names the endpoints and the schema types `{pk}` from `queryset`; the cases a person
        # sees are `get_queryset`'s.
        super().__init_subclass__(**kwargs)
        cls.model = cls.serializer_class.Meta.model
        cls.queryset = cls.model.objects.all()
        if "list_query_serializer_class" not in cls.__dict__:
            cls.list_query_serializer_class = status_query(cls.model)

    def get_queryset(self) -> QuerySet:
        return visible(self.request.user, "view", self.model.objects.all()).select_related(
            *self.list_related).prefetch_related(*self.list_prefetched)

    def get_object(self):
        return visible_or_404(self.request.user, "view", self.model.objects.select_related(*self.detail_related),
                              pk=self.kwargs["pk"])

    def respond(self, case, code: int = status.HTTP_200_OK) -> Response:
        """The case as it is now, read again: a service may have changed it through another instance."""
        case = self.model.objects.select_related(*self.detail_related).prefetch_related(
            *self.detail_prefetched).get(pk=case.pk)
        return Response(self.detail_serializer_class(case, context=self.get_serializer_context()).data, status=code)

    def acting_on(self, case, *nodes: str) -> Task:
        """The open step among `nodes` (400 if the case is elsewhere), if the user may act on it (403)."""
        task = active_task(case, *nodes)
        if not can_act_on(task, self.request.user):
            raise PermissionDenied(self.not_yours or _("You may not act on this task."))
        return task

    def body(self, serializer_class: type[serializers.Serializer], *args, **kwargs) -> dict:
        """The request body read through `serializer_class` (400 when invalid); `args` and `kwargs` go to it."""
        body = serializer_class(*args, data=self.request.data, **kwargs)
        body.is_valid(raise_exception=True)
        return body.validated_data

    # Drawing up, editing and submitting a case: the process answers who may, and saves through its services.

    def may_create(self, user) -> bool:
        return False

    def may_edit(self, user, case) -> bool:
        return may(user, "edit", case)

    def save_case(self, case, data: dict, user, partial: bool):
        """Put the validated body on the case and save it through the process's service (every process's
        viewset answers it: routes/api.py, materials/api.py)."""
        raise NotImplementedError(f"{type(self).__name__} must save a case through its process's service")

    def submit_case(self, case, user):
        """The process's service that sends a draft or a returned case on."""
        raise NotImplementedError(f"{type(self).__name__} must submit a case through its process's service")

    def delete_draft(self, case, user) -> None:
        """The process's service that deletes a draft its author never sent."""
        raise NotImplementedError(f"{type(self).__name__} must delete a draft through its process's service")

    def create(self, request: Request) -> Response:
        if not self.may_create(request.user):
            raise PermissionDenied(self.create_refused)
        data = self.body(self.input_serializer_class, author=request.user)
        return self.respond(self.save_case(self.model(), data, request.user, False), status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk=None) -> Response:
        return self.edit(request, partial=True)

    def edit(self, request: Request, partial: bool) -> Response:
        case = self.get_object()
        if not self.may_edit(request.user, case):
            raise PermissionDenied(self.edit_refused)
        data = self.body(self.input_serializer_class, case, partial=partial, author=request.user)
        return self.respond(self.save_case(case, data, request.user, partial=partial))

    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk=None) -> Response:
        return self.respond(self.submit_case(self.get_object(), request.user))

    def destroy(self, request: Request, pk=None) -> Response:
        case = self.get_object()
        if not may(request.user, "delete", case):
            raise Http404(_("Not found."))
        self.delete_draft(case, request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def events(self, case) -> QuerySet | list:
        """The timeline the person may read; a process with anonymous steps narrows it."""
        return timeline_of(case)

    def list(self, request: Request) -> Response:
        query = self.list_query_serializer_class(data=request.query_params)
        query.is_valid(raise_exception=True)
        cases = self.get_queryset()
        if "status" in query.validated_data:
            cases = cases.filter(status=query.validated_data["status"])
        page = self.paginate_queryset(cases)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request: Request, pk=None) -> Response:
        return self.respond(self.get_object())

    @action(detail=True, methods=["get"], pagination_class=None)
    def timeline(self, request: Request, pk=None) -> Response:
        events = self.events(self.get_object())
        return Response(CaseEventSerializer(events, many=True, context=self.get_serializer_context()).data)

    @action(detail=True, methods=["get"], pagination_class=None)
    def history(self, request: Request, pk=None) -> Response:
        case = self.get_object()
        if not may(request.user, "view_history", case):
            raise PermissionDenied(self.history_refused or _("You may not see the history of this case."))
        rows = readable_changes(case, request.user, self.history_excluded)
        return Response(HistoryRecordSerializer(rows, many=True, context=self.get_serializer_context()).data)

    def event_links(self, case, events: list[CaseEvent]) -> dict[int, list[str]]:
        """The links given with timeline events, by event id; a process whose events carry links answers it."""
        return {}

    @action(detail=True, methods=["get"], pagination_class=None, url_path="events")
    def event_stream(self, request: Request, pk=None) -> Response:
        case = self.get_object()
        events = list(self.events(case))
        # An actor the person may not know (an expert, to the authors) was taken off the event read.
        named = dict(CaseEvent.objects.filter(pk__in=[event.pk for event in events]).values_list("pk", "actor_id"))
        links = self.event_links(case, events)
        stream = [{
            "at": event.created_at, "source": "timeline", "kind": event.kind, "kind_display": event.get_kind_display(),
            "step": event.step_title or (_("Submission") if event.kind in SUBMISSIONS else ""), "actor": event.actor,
            "actor_kind": "person" if event.actor else "hidden" if named.get(event.pk) else "system",
            "comment": event.comment, "files": list(event.files.all()), "links": links.get(event.pk, []),
            "changes": [],
        } for event in events]
        if may(request.user, "view_history", case):
            for row in readable_changes(case, request.user, self.history_excluded):
                kind, label = HISTORY_KINDS[row["type"]]
                stream.append({"at": row["date"], "source": "history", "kind": kind, "kind_display": label,
                               "step": "", "actor": row["user"], "actor_kind": "person" if row["user"] else "system",
                               "comment": "", "files": [], "links": [], "changes": row["changes"]})
        stream.sort(key=lambda item: item["at"])
        return Response(StreamEventSerializer(stream, many=True, context=self.get_serializer_context()).data)
