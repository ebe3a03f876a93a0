"""A published practice's lifecycle over the API: its stage and the organisations that adopted it
(the methodist's «Практика» panel of the material page, `materials.services.manage_practice`)."""
from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.api import error_responses
from accounts.models import Organisation
from accounts.permissions import may, organisations_in_scope
from workflows.api_cases import case_step
from workflows.api_fields import BlankAsNullChoiceField, NamedChoiceField, RefSerializer
from workflows.services import Refused

from . import services
from .models import Material, PracticeStage


class PracticeStateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    practice_stage = BlankAsNullChoiceField(choices=PracticeStage.choices, allow_null=True,
                                            help_text=gettext_lazy("null until the methodist sets one."))
    practice_stage_display = serializers.CharField(source="get_practice_stage_display")
    adopted_by = RefSerializer(many=True, source="adopted_by.all", help_text=gettext_lazy(
        "The organisations that adopted the practice."))


class PracticeStageSerializer(serializers.Serializer):
    stage = NamedChoiceField(choices=PracticeStage.choices, enum_name="PracticeStageEnum")


class AdoptionSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.none(), help_text=gettext_lazy(
        "An organisation within your scope."))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["organisation"].queryset = organisations_in_scope(user)


class PracticeActions:
    """The practice endpoints of the material endpoint (`MaterialViewSet`)."""

    def managed(self, request: Request) -> Material:
        """The material, if the person manages its practice (403 before the body is read)."""
        material = self.get_object()
        if not may(request.user, "manage_practice", material):
            raise Refused(_("Only the municipal methodist manages the bank's practices."), "not_a_methodist")
        return material

    def practice_state(self, material: Material) -> Response:
        material = Material.objects.prefetch_related("adopted_by").get(pk=material.pk)
        return Response(PracticeStateSerializer(material).data)

    @extend_schema(summary=gettext_lazy("The practice's stage and adoptions"),
                   responses={200: PracticeStateSerializer, **error_responses(401, 404)})
    @action(detail=True, methods=["get"], pagination_class=None)
    def practice(self, request: Request, pk=None) -> Response:
        return self.practice_state(self.get_object())

    @case_step(gettext_lazy("Move the practice to a stage (the methodist)"), PracticeStageSerializer,
               PracticeStateSerializer, url_path="practice/stage")
    def practice_stage(self, request: Request, pk=None) -> Response:
        material = self.managed(request)
        data = self.body(PracticeStageSerializer)
        return self.practice_state(services.manage_practice(material, request.user, stage=data["stage"]))

    @case_step(gettext_lazy("Record an organisation that adopted the practice (the methodist)"), AdoptionSerializer,
               PracticeStateSerializer, url_path="practice/adoptions")
    def practice_adoptions(self, request: Request, pk=None) -> Response:
        material = self.managed(request)
        data = self.body(AdoptionSerializer, user=request.user)
        return self.practice_state(services.manage_practice(material, request.user,
                                                            adopted_by=data["organisation"]))
