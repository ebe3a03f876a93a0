"""The REST API of the case machinery: the task lists and acting on tasks, and the errors of every
endpoint. What each process's case endpoint shares is `api_cases` (`CaseViewSet`, the registration of
its steps) and `api_fields` (people, files, timeline, history). API sign-in and tokens are `accounts.api`.

Thin, like the pages: a claim goes through `workflows.services.claim`, a completion through the service
the process declares for the step (its `CaseType.api`), so a decision made through the API is the one
made on the case page. Services raise Django's `ValidationError` (400), `PermissionDenied` (403) and
`TaskAlreadyDone` (409); `api_errors.exception_handler` turns them into the API's one error body.
"""
from __future__ import annotations

import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.api import error_responses
from accounts.permissions import may

from .api_cases import case_api_for, completion_for, completion_json_bodies, completion_serializers
from .api_actions import claim_action, endpoint_actions
from .api_fields import ActionSerializer, PersonSerializer, StoredDateTimeField, absolute
from .pagination import CountedPagination
from .types import case_flows
from .services import Refused, can_act_on, claim, refuse_conflict_of_interest, refuse_unless_open
from .tasks import LISTS, inbox, is_overdue, task_list, with_owners

OPEN = (STATUS.NEW, STATUS.ASSIGNED)


# One of the steps' bodies: which one a task takes, its `actions` name (`request`, the component's name).
TASK_COMPLETION = PolymorphicProxySerializer(component_name="TaskCompletion", serializers=completion_json_bodies,
                                             resource_type_field_name=None)


class TaskCompletionFormSerializer(serializers.Serializer):
    """A step's body as a form, for the steps that take files: the fields of every step's body, each required
    where every step requires it (a form has no `oneOf`; the task's action names the step's own body)."""

    def get_fields(self) -> dict:
        bodies = [serializer_class().fields for serializer_class in completion_serializers()]
        fields: dict = {}
        for body in bodies:
            for name, body_field in body.items():
                fields.setdefault(name, copy.deepcopy(body_field))
        for name, merged in fields.items():
            merged.required = all(name in body and body[name].required for body in bodies)
        return fields


# Tasks


class CaseSummarySerializer(serializers.Serializer):
    type = serializers.CharField()
    id = serializers.IntegerField()
    number = serializers.CharField()
    status = serializers.CharField(allow_null=True, help_text=gettext_lazy(
        "The case's status code, one of its process's statuses (the `status` of its endpoint)."))
    status_display = serializers.CharField(allow_null=True)
    url = serializers.CharField(allow_null=True, help_text=gettext_lazy("The case in the API."))
    page_url = serializers.CharField(help_text=gettext_lazy("The case page."))
    author = serializers.CharField()
    organisation = serializers.CharField()


class TaskSerializer(serializers.Serializer):
    """A row of a task list. With `listed` in the context the task came from the user's own lists, so
    whether it can be taken is read from its status, without a query per row."""

    id = serializers.IntegerField()
    process = serializers.SerializerMethodField()
    node = serializers.CharField(source="flow_task.name", help_text=gettext_lazy(
        "The step of the process; `actions` say what is done at it."))
    step = serializers.SerializerMethodField()
    status = serializers.CharField()
    owner = PersonSerializer(allow_null=True)
    created = serializers.DateTimeField()
    due_at = StoredDateTimeField(source="data.due_at", allow_null=True, read_only=True)
    overdue = serializers.SerializerMethodField()
    claimable = serializers.SerializerMethodField()
    case = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()

    def get_process(self, task) -> str:
        return str(task.flow_task.flow_class.process_title)

    def get_step(self, task) -> str:
        return task.data.get("step_title") or str(task.flow_task.task_title)

    def get_overdue(self, task) -> bool:
        return is_overdue(task)

    def get_claimable(self, task) -> bool:
        if task.status != STATUS.NEW:
            return False
        if self.context.get("listed"):
            return True
        return task.flow_task.can_assign(self.context["request"].user, task)

    @extend_schema_field(CaseSummarySerializer)
    def get_case(self, task) -> dict:
        case = task.process.artifact
        case_api = case_api_for(task.flow_task.flow_class)
        request = self.context.get("request")
        status_display = getattr(case, "get_status_display", None)
        return {
            "type": case_api.type if case_api else case._meta.model_name,
            "id": case.pk,
            "number": case.number,
            "status": getattr(case, "status", None),
            "status_display": str(status_display()) if status_display else None,
            "url": absolute(request, reverse(case_api.detail_url_name, kwargs={"pk": case.pk})) if case_api else None,
            "page_url": absolute(request, case.get_absolute_url()),
            "author": str(case.author),
            "organisation": str(case.organisation),
        }

    @extend_schema_field(ActionSerializer(many=True))
    def get_actions(self, task) -> list[dict]:
        """Claiming it, if it can be taken, and what is done at its step, each with its method, URL and body."""
        request = self.context["request"]
        claimable = self.get_claimable(task)
        actions = [claim_action(task, request)] if claimable else []
        case_api = case_api_for(task.flow_task.flow_class)
        if task.status in OPEN and (task.owner_id == request.user.pk or claimable) and case_api:
            actions += endpoint_actions(case_api, case_api.steps.get(task.flow_task.name, ()), task.process.artifact,
                                        task, request)
        return actions


class TaskListQuerySerializer(serializers.Serializer):
    list = serializers.ChoiceField(
        choices=LISTS, required=False,
        help_text=gettext_lazy("mine, queue, overdue or done; without it, my tasks and the tasks I can take."))


def open_tasks(user) -> QuerySet:
    """My inbox and the tasks I can take, as one list, by due date."""
    return inbox(user)


def task_is_visible(task: Task, user) -> bool:
    """Mine, in my queue, or on a case I may see; anything else is answered with 404."""
    if task.owner_id == user.pk:
        return True
    if task.status == STATUS.NEW and task.flow_task.can_assign(user, task):
        return True
    return may(user, "view", task.process.artifact)


def refuse_unless_open_to(task: Task, user) -> None:
    """Whether `user` may complete the task now, asked before its body is read: 409 when it is done or
    someone else has it, 403 when it is not theirs to take or a case of their own."""
    refuse_conflict_of_interest(task.flow_task, task, user)
    refuse_unless_open(task, user)
    if not can_act_on(task, user):
        raise Refused(_("You may not act on this task."), "not_your_step")


class TaskViewSet(viewsets.GenericViewSet):
    """The task lists of every process, and taking and completing a task."""

    queryset = Task.objects.none()
    serializer_class = TaskSerializer
    pagination_class = CountedPagination
    lookup_value_converter = "int"

    def get_queryset(self) -> QuerySet:
        return Task.objects.coerce_for(case_flows()).filter(flow_task_type="HUMAN").select_related("process", "owner")

    def get_object(self) -> Task:
        task = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        if not task_is_visible(task, self.request.user):
            raise Http404
        return task

    def respond(self, task: Task) -> Response:
        task = self.get_queryset().get(pk=task.pk)
        return Response(TaskSerializer(task, context=self.get_serializer_context()).data)

    @extend_schema(summary=gettext_lazy("My tasks and the tasks I can take"), parameters=[TaskListQuerySerializer],
                   responses={200: TaskSerializer(many=True), **error_responses(400, 401, 404)})
    def list(self, request):
        query = TaskListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        which = query.validated_data.get("list")
        tasks = task_list(request.user, which) if which else open_tasks(request.user)
        page = with_owners(self.paginate_queryset(tasks), request.user)
        context = {**self.get_serializer_context(), "listed": which != "done"}
        return self.get_paginated_response(TaskSerializer(page, many=True, context=context).data)

    @extend_schema(summary=gettext_lazy("A task: its case and what I can do with it"),
                   responses={200: TaskSerializer, **error_responses(401, 404)})
    def retrieve(self, request, pk=None):
        return self.respond(self.get_object())

    @extend_schema(summary=gettext_lazy("Take a task from the queue"), request=None,
                   responses={200: TaskSerializer, **error_responses(401, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def claim(self, request, pk=None):
        task = self.get_object()
        claim(task, request.user)
        return self.respond(task)

    @extend_schema(
        summary=gettext_lazy("Complete a task: decide on it"),
        description=gettext_lazy(
            "The body is the one the task's `complete` action names in its `request` (the step's own body)."),
        request={"application/json": TASK_COMPLETION, "multipart/form-data": TaskCompletionFormSerializer},
        responses={200: TaskSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        task = self.get_object()
        completion = completion_for(task)
        if completion is None:
            raise DjangoValidationError(_("This step is not completed from the task list; use the case's own actions."),
                                        code="not_completed_here")
        refuse_unless_open_to(task, request.user)
        body = completion.serializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        # Under the process lock, so a second request for the same task finds it done instead of acting
        # on the step that follows it.
        with task.flow_task.flow_class.lock(task.process_id):
            task = self.get_queryset().get(pk=task.pk)
            refuse_unless_open(task, request.user)
            completion.perform(task.process.artifact, request.user, body.validated_data)
        return self.respond(task)

