"""The REST API of methodical materials and the public bank of practices.

Thin, like the pages (`materials.views`): every action goes through `materials.services`, with
the permission rules of the pages. A material you may not see is 404, an action you may not take 403.
The completeness check and the decision are completed from the task list (`/api/tasks/{id}/complete/`),
registered below; the representations are `materials.serializers`. Experts stay anonymous to the
authors: the reviews come from `visible_reviews`, the timeline from `visible_events`, and the expert
assignments are shown to nobody among the authors.
"""
from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from accounts.models import Municipality, Role, RoleAssignment, User
from accounts.api import error_responses
from accounts.api_people import choosable, municipalities_where
from scoring.services import experts_of
from scoring.api import ExpertEndpointWords, expert_endpoints
from workflows.api_actions import Endpoint
from workflows.api_cases import (CaseApi, CaseViewSet, Completion, case_schema, case_step, completed,
                                   drafting)
from workflows.pagination import ValidatedPagination

from . import services
from .api_practice import PracticeActions, PracticeStageSerializer
from .bank import published_materials, search_bank
from .forms import co_authors_for
from .models import Material
from .serializers import (BankQuerySerializer, CriterionSerializer, DeclineSerializer, ExpertCandidateSerializer,
    ExpertsSerializer, MaterialCheckSerializer, MaterialDecisionSerializer, MaterialDetailSerializer,
    MaterialInputSerializer, MaterialSerializer, PracticeDetailSerializer,
    PracticeSerializer, ProposalQuerySerializer, ReplaceExpertSerializer, ReviewInputSerializer, ReviseSerializer,
    save_material)

Status = Material.Status


def complete_check(material: Material, user, data: dict):
    return services.check(material, user, data["decision"], data["comment"])


def complete_decision(material: Material, user, data: dict):
    return services.final_decision(material, user, data["decision"], data["comment"])


CHECK = Completion(MaterialCheckSerializer, complete_check)
DECISION = Completion(MaterialDecisionSerializer, complete_decision)

MATERIAL_API = CaseApi(
    completions={"check": CHECK, "decision": DECISION},
    endpoints={
        **drafting(MaterialInputSerializer),
        "check": completed(CHECK),
        "decide": completed(DECISION),
        "assign_experts": Endpoint("POST", "experts", ExpertsSerializer),
        "replace_expert": Endpoint("POST", "replace-expert", ReplaceExpertSerializer),
        "review": Endpoint("POST", "review", ReviewInputSerializer),
        "decline": Endpoint("POST", "decline", DeclineSerializer),
        "revise": Endpoint("POST", "revise", ReviseSerializer),
        "manage_practice": Endpoint("POST", "practice-stage", PracticeStageSerializer),
    },
    steps={"check": ("check",), "decision": ("decide",), "revision": ("edit", "submit"),
           "assign_experts": ("assign_experts",), "replace_expert": ("replace_expert",),
           "expert_review": ("review", "decline"), "revise": ("revise",)},
)


def co_authors_of(user) -> QuerySet[User]:
    """Whom a teacher may name as co-authors: the page's choice (`forms.co_authors_for`)."""
    return co_authors_for(user) if services.may_submit_materials(user) else User.objects.none()


def experts_for(user) -> QuerySet[User]:
    """The experts a methodist may assign: those of the municipalities they work for."""
    municipalities = municipalities_where(user, Role.METHODIST)
    return reduce(or_, (experts_of(pk) for pk in municipalities), User.objects.none())


choosable("co_author", co_authors_of)
choosable("expert", experts_for)


# Endpoints

MATERIAL_EXPERTS = expert_endpoints(MaterialDetailSerializer, ExpertEndpointWords(
    experts=gettext_lazy("Assign experts"), experts_description=gettext_lazy(
        "At least as many as the municipality requires, none with a conflict of interest."),
    decline=gettext_lazy("Decline the review (the expert), with a reason"),
    review=gettext_lazy("Submit the review (the expert)")))


@case_schema(submit_summary=gettext_lazy("Send the material for the completeness check"),
             timeline_description=gettext_lazy("The authors see who acted at every step except the experts."))
class MaterialViewSet(PracticeActions, MATERIAL_EXPERTS, CaseViewSet):
    """Methodical materials you may see: drafts, submission, expertise, the timeline and the history."""

    serializer_class = MaterialSerializer
    detail_serializer_class = MaterialDetailSerializer
    input_serializer_class = MaterialInputSerializer
    input_media = ("multipart/form-data", "application/json")
    list_prefetched = ("co_authors",)
    detail_prefetched = ("co_authors", "files")
    expert_services = services
    not_yours = gettext_lazy("You may not act on this step of the material.")
    create_refused = gettext_lazy("Only teachers submit methodical materials.")
    edit_refused = gettext_lazy("The material can be edited by its author only in draft or when returned.")

    def events(self, material: Material) -> list:
        """The experts stay anonymous to the authors."""
        return services.visible_events(material, self.request.user)

    def may_create(self, user) -> bool:
        return services.may_submit_materials(user)

    def may_edit(self, user, material: Material) -> bool:
        # As on the edit page: after expertise the author revises through `revise`, not an edit.
        return "edit" in services.available_actions(material, user)

    def save_case(self, material: Material, data: dict, user, partial: bool) -> Material:
        return save_material(material, data, user, partial=partial)

    def submit_case(self, material: Material, user) -> Material:
        return services.submit(material, user)

    def delete_draft(self, material: Material, user) -> None:
        services.delete_draft(material, user)

    @extend_schema(summary=gettext_lazy("Experts proposed for the material"), description=gettext_lazy(
        "Free of conflict of interest and not yet on this round, by subject first, then by current load. "
        "For the methodist assigning experts."), parameters=[ProposalQuerySerializer],
        responses={200: ExpertCandidateSerializer(many=True), **error_responses(400, 401, 403, 404)})
    @action(detail=True, methods=["get"], url_path="proposed-experts", pagination_class=None)
    def proposed_experts(self, request, pk=None):
        material = self.get_object()
        self.acting_on(material, "assign_experts", "replace_expert")
        query = ProposalQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        count = query.validated_data.get("count") or services.expertise_rules(material.municipality).experts
        experts = services.propose_experts(material, count)
        return Response(ExpertCandidateSerializer(experts, many=True).data)

    @case_step(gettext_lazy("Upload the revised version and send it back"),
               {"multipart/form-data": ReviseSerializer}, MaterialDetailSerializer)
    def revise(self, request, pk=None):
        material = self.get_object()
        services.refuse_revision(material, request.user)
        data = self.body(ReviseSerializer)
        return self.respond(services.revise(material, request.user, data["files"]))

    @extend_schema(summary=gettext_lazy("The expertise criteria of your municipality"),
                   responses={200: CriterionSerializer(many=True), **error_responses(401)})
    @action(detail=False, methods=["get"], pagination_class=None)
    def criteria(self, request):
        municipality = municipality_of(request.user)
        found = services.criteria(municipality) if municipality is not None else []
        return Response(CriterionSerializer(found, many=True).data)


def municipality_of(user) -> Municipality | None:
    if user.organisation_id:
        return user.organisation.municipality
    assignment = (RoleAssignment.objects.active().filter(user=user, municipality__isnull=False)
                  .select_related("municipality").first())
    return assignment.municipality if assignment else None


class BankViewSet(viewsets.GenericViewSet):
    """The public bank of practices: no sign-in to search and read it."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    queryset = Material.objects.none()
    serializer_class = PracticeSerializer
    pagination_class = ValidatedPagination
    lookup_value_converter = "int"

    @extend_schema(summary=gettext_lazy("Search the bank of practices"), parameters=[BankQuerySerializer],
                   responses={200: PracticeSerializer(many=True), **error_responses(400, 404)}, auth=[])
    def list(self, request):
        query = BankQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        page = self.paginate_queryset(search_bank(query.validated_data))
        return self.get_paginated_response(PracticeSerializer(page, many=True,
                                                              context=self.get_serializer_context()).data)

    @extend_schema(summary=gettext_lazy("A practice of the bank"),
                   responses={200: PracticeDetailSerializer, **error_responses(404)}, auth=[])
    def retrieve(self, request, pk=None):
        practice = get_object_or_404(published_materials(), pk=pk)
        return Response(PracticeDetailSerializer(practice, context=self.get_serializer_context()).data)
