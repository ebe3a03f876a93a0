"""The REST API of calls and applications for a site's status: thin like the pages, every action through
the platforms services with the pages' permission rules (403 before the body is read; an application you
may not see is 404). The completeness check is also completed from the task list (`/api/tasks/{id}/complete/`)."""
from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from accounts.api import error_responses
from accounts.permissions import may
from scoring.api import (DeclineSerializer, ExpertEndpointWords, ExpertsSerializer, ReplaceExpertSerializer,
    ReviewInputSerializer, expert_endpoints)
from workflows.api_actions import Endpoint
from workflows.api_cases import CaseApi, CaseViewSet, Completion, case_schema, case_step, completed, drafting
from workflows.pagination import ValidatedPagination

from . import applications_council as council
from . import services
from .calls import municipalities_announcing, save_call, visible_calls
from .models import Call, ProjectStage, SiteApplication
from .serializers_applications import (CallInputSerializer, CallSerializer, CheckSerializer, OrderDecisionSerializer,
    ProtocolInputSerializer, SiteApplicationDetailSerializer, SiteApplicationInputSerializer,
    SiteApplicationSerializer)


def complete_check(application: SiteApplication, user, data: dict):
    return services.check(application, user, data["decision"], data["comment"])


CHECK = Completion(CheckSerializer, complete_check)

SITE_APPLICATION_API = CaseApi(
    completions={"check": CHECK},
    endpoints={
        **drafting(SiteApplicationInputSerializer),
        "check": completed(CHECK),
        "assign_experts": Endpoint("POST", "experts", ExpertsSerializer),
        "replace_expert": Endpoint("POST", "replace-expert", ReplaceExpertSerializer),
        "review": Endpoint("POST", "review", ReviewInputSerializer),
        "decline": Endpoint("POST", "decline", DeclineSerializer),
        "protocol": Endpoint("POST", "protocol", ProtocolInputSerializer),
        "order": Endpoint("POST", "order", OrderDecisionSerializer),
    },
    steps={"check": ("check",), "revision": ("edit", "submit"), "revise": ("edit", "submit"),
           "assign_experts": ("assign_experts",), "replace_expert": ("replace_expert",),
           "expert_review": ("review", "decline"), "protocol": ("protocol",), "order": ("order",)},
)


def save_application(application: SiteApplication, data: dict, user, partial: bool) -> SiteApplication:
    data = dict(data)
    files = data.pop("files", [])
    team = data.pop("team", None if partial else [])
    partners = data.pop("partner_organisations", None if partial else [])
    stages = data.pop("stages", None if partial else [])
    for name, value in data.items():
        setattr(application, name, value)
    return services.save_application(
        application, user, files=files, team=team, partner_organisations=partners,
        stages=None if stages is None else [ProjectStage(**stage) for stage in stages])


COUNCIL_EXPERTS = expert_endpoints(SiteApplicationDetailSerializer, ExpertEndpointWords(
    experts=gettext_lazy("Assign the council's experts"), experts_description=gettext_lazy(
        "At least as many as the municipality requires, none from the applicant organisation or the project's team."),
    decline=gettext_lazy("Decline the scoring (the expert), with a reason"),
    review=gettext_lazy("Submit the scores (the expert)"),
    review_description=gettext_lazy("A score for every criterion of the call, by criterion id.")))


@case_schema(submit_summary=gettext_lazy("Send the application to the methodical centre"),
             timeline_description=gettext_lazy("The applicant sees who acted at every step except the experts."))
class SiteApplicationViewSet(COUNCIL_EXPERTS, CaseViewSet):
    """Applications for a site's status you may see: drafts, submission, the council, the order."""

    serializer_class = SiteApplicationSerializer
    detail_serializer_class = SiteApplicationDetailSerializer
    input_serializer_class = SiteApplicationInputSerializer
    input_media = ("multipart/form-data", "application/json")
    list_related = ("author", "organisation")
    detail_related = ("author", "organisation", "municipality", "call")
    detail_prefetched = ("team", "partner_organisations", "files", "stages", "protocols__members_present")
    expert_services = services
    not_yours = gettext_lazy("You may not act on this step of the application.")
    create_refused = gettext_lazy("Only directors apply for their organisation's status.")
    edit_refused = gettext_lazy("The application is edited by its director only in draft or when returned.")

    def events(self, application: SiteApplication) -> list:
        return services.visible_events(application, self.request.user)

    def may_create(self, user) -> bool:
        return services.may_apply(user)

    def may_edit(self, user, application: SiteApplication) -> bool:
        return may(user, "edit", application) and may(user, "apply", application)

    def save_case(self, application: SiteApplication, data: dict, user, partial: bool) -> SiteApplication:
        return save_application(application, data, user, partial)

    def submit_case(self, application: SiteApplication, user) -> SiteApplication:
        return services.submit(application, user)

    def delete_draft(self, application: SiteApplication, user) -> None:
        services.delete_draft(application, user)

    @case_step(gettext_lazy("The completeness check (the methodical centre)"), CheckSerializer,
               SiteApplicationDetailSerializer)
    def check(self, request, pk=None):
        application = self.get_object()
        self.acting_on(application, "check")
        data = self.body(CheckSerializer)
        complete_check(application, request.user, data)
        return self.respond(application)

    @case_step(gettext_lazy("Record the expert council's protocol (its secretary)"), ProtocolInputSerializer,
               SiteApplicationDetailSerializer, description=gettext_lazy(
                   "No more votes than members present; a recommendation to return sends it back to the director."))
    def protocol(self, request, pk=None):
        application = self.get_object()
        council.acting_at(application, request.user, "protocol")
        council.record_protocol(application, request.user, **self.body(ProtocolInputSerializer))
        return self.respond(application)

    @case_step(gettext_lazy("The department's order: grant (the order is signed, the site enters the register) "
                            "or refuse"), OrderDecisionSerializer, SiteApplicationDetailSerializer)
    def order(self, request, pk=None):
        application = self.get_object()
        council.acting_at(application, request.user, "order")
        data = self.body(OrderDecisionSerializer)
        if data["decision"] == "refuse":
            council.refuse(application, request.user, data["reason"])
        else:
            council.grant(application, request.user, date=data["date"], signatory=data["signatory"],
                          number=data.get("number") or None, starts_on=data.get("starts_on"), text=data["text"])
        return self.respond(application)


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("Calls for site projects you may see, the open ones first"),
                       responses={200: CallSerializer(many=True), **error_responses(400, 401, 404)}),
    retrieve=extend_schema(summary=gettext_lazy("A call for site projects"),
                           responses={200: CallSerializer, **error_responses(401, 404)}),
    create=extend_schema(summary=gettext_lazy("Announce a call (the department or the methodical centre)"),
                         request=CallInputSerializer, responses={201: CallSerializer, **error_responses(400, 401, 403)}),
    partial_update=extend_schema(summary=gettext_lazy("Edit a call"), request=CallInputSerializer,
                                 responses={200: CallSerializer, **error_responses(400, 401, 403, 404)}),
)
class CallViewSet(viewsets.GenericViewSet):
    queryset = Call.objects.all()
    serializer_class = CallSerializer
    pagination_class = ValidatedPagination
    lookup_value_converter = "int"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return visible_calls(self.request.user)

    def get_object(self) -> Call:
        call = visible_calls(self.request.user).filter(pk=self.kwargs["pk"]).first()
        if call is None:
            raise Http404(_("Not found."))
        return call

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(CallSerializer(page, many=True, context=self.get_serializer_context()).data)

    def retrieve(self, request, pk=None):
        return Response(CallSerializer(self.get_object(), context=self.get_serializer_context()).data)

    def create(self, request):
        if not municipalities_announcing(request.user).exists():
            raise PermissionDenied(_("Only the department of education or the methodical centre announces calls."))
        return self.saved(Call(), status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        call = self.get_object()
        if not may(request.user, "manage", call):
            raise PermissionDenied(_("Only the department of education or the methodical centre announces calls."))
        return self.saved(call, status.HTTP_200_OK, partial=True)

    def saved(self, call: Call, code: int, partial: bool = False) -> Response:
        body = CallInputSerializer(call, data=self.request.data, partial=partial)
        body.fields["municipality"].queryset = municipalities_announcing(self.request.user)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        criteria = [(item["name"], item["max_score"]) for item in data.pop("criteria", [])]
        for name, value in data.items():
            setattr(call, name, value)
        call = save_call(call, self.request.user, criteria)
        return Response(CallSerializer(call, context=self.get_serializer_context()).data, status=code)
