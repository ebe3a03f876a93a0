"""The REST API of individual educational routes (ИОМ): thin, every action goes through routes.services
with the permission checks of the pages (`views.route_pages`): a route you may not see is 404, an action you
may not take is 403.
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response
from viewflow.workflow.models import Task

from accounts.api import error_responses
from accounts.api_people import choosable
from accounts.models import User
from accounts.permissions import may
from workflows.api_actions import Endpoint
from workflows.api_cases import (CaseApi, CaseViewSet, Completion, case_schema, case_step, completed,
                                   drafting)
from workflows.api_fields import (BlankAsNullChoiceField, BlankAsNullURLField, CaseStateFields, PersonSerializer,
                                  RefSerializer, absolute)
from workflows.files import download_url
from workflows.models import CaseEvent, Decision

from . import services
from .models import IndividualRoute, RouteActivity
from .forms.route import RouteForm

# Representations


class RouteActivitySerializer(serializers.ModelSerializer):
    form_display = serializers.CharField(source="get_form_display", read_only=True)
    evidence = serializers.SerializerMethodField()
    evidence_link = BlankAsNullURLField(read_only=True, allow_null=True)

    class Meta:
        model = RouteActivity
        fields = ["id", "form", "form_display", "title", "provider", "starts_on", "ends_on", "expected_result",
                  "amendment", "agreed", "done_at", "evidence", "evidence_link", "methodist_comment"]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_evidence(self, activity) -> str | None:
        """The evidence file's download link (it checks who asks), not where the file is stored."""
        return absolute(self.context.get("request"), download_url(activity)) if activity.evidence else None


class RouteSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    author = PersonSerializer(read_only=True)
    organisation = RefSerializer(read_only=True)
    mentor = PersonSerializer(read_only=True, allow_null=True)
    assignee = PersonSerializer(read_only=True, allow_null=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:route-detail")

    class Meta:
        model = IndividualRoute
        fields = ["id", "url", "number", "status", "status_display", "kind", "topic", "author", "organisation",
                  "mentor", "period_start", "period_end", "current_step", "assignee", "due_at", "created_at",
                  "updated_at"]
        read_only_fields = fields


class RouteDetailSerializer(CaseStateFields, RouteSerializer):
    activities = RouteActivitySerializer(many=True, read_only=True)
    result = BlankAsNullChoiceField(choices=IndividualRoute.Result.choices, read_only=True, allow_null=True,
                                    help_text=gettext_lazy("The evaluation of the results; null until evaluated."))
    case_actions = services.ACTIONS

    class Meta(RouteSerializer.Meta):
        fields = [*RouteSerializer.Meta.fields, "participants", "goals", "expected_product", "presentation_level",
                  "deficits", "self_analysis", "product", "presentations", "result", "activities", "actions",
                  "current_task"]
        read_only_fields = fields

    def actions_of(self, route, user) -> set[str]:
        return services.available_actions(route, user)

    def open_task(self, route, user) -> Task | None:
        return services.current_human_task(route)


# Input


class ActivityInputSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(required=False, help_text=gettext_lazy(
        "An activity of the route to change; leave it out for a new one."))

    class Meta:
        model = RouteActivity
        fields = ["id", "form", "title", "provider", "starts_on", "ends_on", "expected_result"]


class RouteInputSerializer(serializers.ModelSerializer):
    """A draft's content. Mentors and deficits are offered as on the page: the mentors of the author's
    school, the deficits of the author's diagnostics."""

    activities = ActivityInputSerializer(many=True, allow_empty=False, help_text=gettext_lazy(
        "The whole plan, at least one activity: activities left out of the list are removed (on PATCH, leave "
        "the list out to keep the plan)."))

    class Meta:
        model = IndividualRoute
        fields = ["kind", "participants", "mentor", "period_start", "period_end", "topic", "deficits", "goals",
                  "expected_product", "presentation_level", "activities"]

    def __init__(self, *args, author=None, **kwargs):
        super().__init__(*args, **kwargs)
        if author is not None:
            form = RouteForm(author=author)
            self.fields["mentor"].queryset = form.fields["mentor"].queryset
            self.fields["deficits"].child_relation.queryset = form.fields["deficits"].queryset
            self.fields["participants"].child_relation.queryset = form.fields["participants"].queryset


def save_route(route: IndividualRoute, data: dict, user, partial: bool) -> IndividualRoute:
    """Put validated input on the route and save it through `services.save_draft`."""
    data = dict(data)
    activities = data.pop("activities", None if partial else [])
    deficits = data.pop("deficits", None if partial else [])
    participants = data.pop("participants", None if partial else [])
    for name, value in data.items():
        setattr(route, name, value)
    plan = None if activities is None else planned_activities(route, activities)
    return services.save_draft(route, user, activities=plan, deficits=deficits, participants=participants)


def planned_activities(route: IndividualRoute, items: list[dict]) -> list[RouteActivity]:
    existing = {activity.pk: activity for activity in route.activities.all()} if route.pk else {}
    plan = []
    for item in items:
        item = dict(item)
        pk = item.pop("id", None)
        if pk is None:
            plan.append(RouteActivity(**item))
            continue
        if pk not in existing:
            raise ValidationError({"activities": _("The route has no activity %(id)s.") % {"id": pk}})
        activity = existing[pk]
        for name, value in item.items():
            setattr(activity, name, value)
        plan.append(activity)
    return plan


class ActivityDoneSerializer(serializers.Serializer):
    evidence = serializers.FileField(required=False, help_text=gettext_lazy("A file proving the activity done."))
    link = serializers.URLField(required=False, allow_blank=True, default="",
                                help_text=gettext_lazy("Or a link to the evidence."))
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ReportSerializer(serializers.Serializer):
    self_analysis = serializers.CharField()
    product = serializers.CharField()
    presentations = serializers.CharField(required=False, allow_blank=True, default="")
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class AmendmentSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text=gettext_lazy("What changes and why."))
    activities = ActivityInputSerializer(many=True, allow_empty=False, help_text=gettext_lazy("The activities to add."))


class ActivityCommentSerializer(serializers.Serializer):
    comment = serializers.CharField()


# Completing the route's review steps from the task list


class RouteAgreementDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    comment = serializers.CharField(required=False, allow_blank=True, default="", help_text=gettext_lazy(
        "Required to return or reject."))
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class RouteEvaluationSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices, help_text=gettext_lazy(
        "approve with a result, or return the report for revision."))
    result = serializers.ChoiceField(choices=IndividualRoute.Result.choices, required=False)
    comment = serializers.CharField(required=False, allow_blank=True, default="")

    def validate(self, attrs: dict) -> dict:
        if attrs["decision"] == Decision.REJECT:
            raise serializers.ValidationError(
                {"decision": _("The results cannot be rejected; return the report for revision instead.")})
        if attrs["decision"] == Decision.APPROVE and not attrs.get("result"):
            raise serializers.ValidationError({"result": _("Choose an evaluation.")})
        return attrs


def complete_agreement(route: IndividualRoute, user, data: dict):
    return services.review(route, user, data["decision"], data["comment"], data["files"])


def complete_evaluation(route: IndividualRoute, user, data: dict):
    result = data["result"] if data["decision"] == Decision.APPROVE else Decision.RETURN
    return services.evaluate(route, user, result, data["comment"])


def mentors_for(user) -> QuerySet[User]:
    """The mentors a teacher may name on their route: the page's choice (`RouteForm`)."""
    if not services.may_draw_up_routes(user):
        return User.objects.none()
    return RouteForm(author=user).fields["mentor"].queryset


choosable("mentor", mentors_for)


AGREEMENT = Completion(RouteAgreementDecisionSerializer, complete_agreement)
EVALUATION = Completion(RouteEvaluationSerializer, complete_evaluation)


def agreed_activities(route: IndividualRoute) -> list[dict]:
    return [{"activity_id": activity.pk} for activity in route.activities.all() if activity.agreed]


ROUTE_API = CaseApi(
    completions={"agreement": AGREEMENT, "evaluation": EVALUATION},
    endpoints={
        **drafting(RouteInputSerializer),
        "decide": completed(AGREEMENT),
        "evaluate": completed(EVALUATION),
        "record_activity": Endpoint("POST", "activity-done", ActivityDoneSerializer, rows=agreed_activities),
        "amend": Endpoint("POST", "amendments", AmendmentSerializer),
        "report": Endpoint("POST", "report", ReportSerializer),
        "comment": Endpoint("POST", "activity-comment", ActivityCommentSerializer, rows=agreed_activities),
    },
    steps={"agreement": ("decide",), "evaluation": ("evaluate",), "revision": ("edit", "submit"),
           "implementation": ("record_activity", "amend", "report"), "report_revision": ("report",)},
)


# Endpoints


@case_schema(submit_summary=gettext_lazy("Send the route for agreement"))
class RouteViewSet(CaseViewSet):
    """Individual educational routes you may see; their drafts, submission, timeline and history."""

    serializer_class = RouteSerializer
    detail_serializer_class = RouteDetailSerializer
    input_serializer_class = RouteInputSerializer
    list_related = ("author", "organisation", "mentor", "assignee")
    detail_related = ("author", "organisation", "municipality", "mentor", "assignee")
    detail_prefetched = ("activities",)
    history_refused = gettext_lazy("You may not see the history of this route.")
    create_refused = gettext_lazy("Only teachers draw up individual routes.")
    edit_refused = gettext_lazy("The route can be edited by its author only in draft or when returned.")

    def may_create(self, user) -> bool:
        return services.may_draw_up_routes(user)

    def save_case(self, route: IndividualRoute, data: dict, user, partial: bool) -> IndividualRoute:
        return save_route(route, data, user, partial)

    def submit_case(self, route: IndividualRoute, user) -> IndividualRoute:
        return services.submit(route, user)

    def delete_draft(self, route: IndividualRoute, user) -> None:
        services.delete_draft(route, user)

    def event_links(self, route: IndividualRoute, events: list) -> dict[int, list[str]]:
        """An activity recorded done carries its evidence: the link given and the file's download."""
        done = {activity.title: activity for activity in route.activities.all() if activity.done_at}
        request = self.request
        links = {}
        for event in events:
            activity = done.get(event.step_title) if event.kind == CaseEvent.Kind.ACTIVITY_DONE else None
            if activity is not None:
                links[event.pk] = [link for link in (
                    activity.evidence_link, activity.evidence and absolute(request, download_url(activity))) if link]
        return links

    @extend_schema(summary=gettext_lazy("Edit a draft or a returned route"), request=RouteInputSerializer,
                   responses={200: RouteDetailSerializer, **error_responses(400, 401, 403, 404)})
    def update(self, request, pk=None):
        return self.edit(request, partial=False)

    def require(self, route: IndividualRoute, action: str, authors_only: str = "") -> None:
        """Who may act (403 with `authors_only` for anyone but the author), then whether the route is at a step
        where `action` is done (400), before the body is read: a request that cannot succeed whatever it sends
        is not answered about its fields."""
        if authors_only and not may(self.request.user, action, route):
            raise PermissionDenied(authors_only)
        if action not in services.available_actions(route, self.request.user):
            raise ValidationError(_("The case is not at a step where this can be done."))

    def activity(self, route: IndividualRoute, pk) -> RouteActivity:
        return get_object_or_404(RouteActivity.objects.select_related("route"), pk=pk, route=route)

    @extend_schema(summary=gettext_lazy("Record an activity done, with a file or a link"),
                   request={"multipart/form-data": ActivityDoneSerializer,
                                                      "application/json": ActivityDoneSerializer},
                   responses={200: RouteActivitySerializer, **error_responses(400, 401, 403, 404)})
    @action(detail=True, methods=["post"], url_path="activities/<int:activity_id>/done")
    def activity_done(self, request, pk=None, activity_id=None):
        route = self.get_object()
        self.require(route, "record_activity", authors_only=_("Only the author records the route's activities."))
        activity = self.activity(route, activity_id)
        if not activity.agreed:
            raise ValidationError(_("Activities are recorded during implementation, once agreed."))
        data = self.body(ActivityDoneSerializer)
        services.record_activity_done(activity, request.user, data.get("evidence"), data["link"], data["comment"])
        activity.refresh_from_db()
        return Response(RouteActivitySerializer(activity, context=self.get_serializer_context()).data)

    @extend_schema(summary=gettext_lazy("Comment on an activity (the accompanying methodist)"),
                   request=ActivityCommentSerializer,
                   responses={200: RouteActivitySerializer, **error_responses(400, 401, 403, 404)})
    @action(detail=True, methods=["post"], url_path="activities/<int:activity_id>/comment")
    def activity_comment(self, request, pk=None, activity_id=None):
        route = self.get_object()
        if not may(request.user, "accompany", route):
            raise PermissionDenied(_("You may not comment on this route."))
        activity = self.activity(route, activity_id)
        self.require(route, "comment")
        data = self.body(ActivityCommentSerializer)
        services.comment_activity(activity, request.user, data["comment"])
        activity.refresh_from_db()
        return Response(RouteActivitySerializer(activity, context=self.get_serializer_context()).data)

    @case_step(gettext_lazy("Propose an amendment during implementation"), AmendmentSerializer, RouteDetailSerializer)
    def amendments(self, request, pk=None):
        route = self.get_object()
        self.require(route, "amend", authors_only=_("Only the author amends the route."))
        data = self.body(AmendmentSerializer)
        activities = [RouteActivity(**{name: value for name, value in item.items() if name != "id"})
                      for item in data["activities"]]
        services.propose_amendment(route, request.user, data["reason"], activities)
        return self.respond(route)

    @case_step(gettext_lazy("Send the final report for evaluation"),
               {"application/json": ReportSerializer, "multipart/form-data": ReportSerializer}, RouteDetailSerializer)
    def report(self, request, pk=None):
        route = self.get_object()
        self.require(route, "report", authors_only=_("Only the author reports on the route."))
        data = self.body(ReportSerializer)
        services.submit_report(route, request.user, data["self_analysis"], data["product"], data["presentations"],
                               data["files"])
        return self.respond(route)
