"""The REST API of consultations: /api/consultations/ (the list with the page's filters, one, recording one,
a methodist's correction). Thin: `visits.consultations` validates, with the rules of the pages."""
from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.api import error_responses
from accounts.models import Municipality, Organisation, User
from accounts.permissions import may, visible_or_404
from courses.models import Course
from workflows.pagination import ValidatedPagination
from workflows.services import Refused

from .api import SCOPE_FILTERS, filtered
from .consultations import record_consultation, update_consultation
from .models import Consultation, Visit
from .selectors import consultation_rows, visible_consultations
from .serializers import ConsultationSerializer


class ConsultationInputSerializer(serializers.Serializer):
    municipality = serializers.PrimaryKeyRelatedField(queryset=Municipality.objects.all(), help_text=gettext_lazy(
        "Where the consultation was given: a municipality where you consult."))
    audience = serializers.ChoiceField(choices=Consultation.Audience.choices)
    topic = serializers.CharField(max_length=500)
    form = serializers.ChoiceField(choices=Consultation.Form.choices, default=Consultation.Form.INDIVIDUAL)
    held_at = serializers.DateTimeField(help_text=gettext_lazy("When it was held: not in the future."))
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), required=False,
                                                      allow_null=True, default=None)
    people = serializers.PrimaryKeyRelatedField(queryset=User.objects.select_related("organisation"), many=True,
                                                required=False, default=list)
    whom = serializers.CharField(max_length=500, required=False, default="", allow_blank=True, help_text=gettext_lazy(
        "Who was consulted when they are not people of the service (required for parents)."))
    attendees = serializers.IntegerField(required=False, default=1)
    visit = serializers.PrimaryKeyRelatedField(queryset=Visit.objects.select_related("schedule"), required=False,
                                               allow_null=True, default=None)
    follows_course = serializers.PrimaryKeyRelatedField(queryset=Course.objects.all(), required=False,
                                                        allow_null=True, default=None, help_text=gettext_lazy(
                                                            "The course this consultation follows up."))
    notes = serializers.CharField(required=False, default="", allow_blank=True)


class ConsultationViewSet(viewsets.GenericViewSet):
    """Consultations for teachers, heads and parents that you may see."""

    lookup_value_converter = "int"
    pagination_class = ValidatedPagination
    serializer_class = ConsultationSerializer

    def get_object(self) -> Consultation:
        return visible_or_404(self.request.user, "view", visible_consultations(self.request.user), pk=self.kwargs["pk"])

    def respond(self, consultation: Consultation, code: int = status.HTTP_200_OK) -> Response:
        consultation = visible_consultations(self.request.user).prefetch_related("people").get(pk=consultation.pk)
        return Response(ConsultationSerializer(consultation, context={"request": self.request}).data, status=code)

    @extend_schema(summary=gettext_lazy("Consultations"), parameters=[
        *SCOPE_FILTERS, OpenApiParameter("audience", str, enum=Consultation.Audience.values),
        OpenApiParameter("form", str, enum=Consultation.Form.values),
        OpenApiParameter("since", str, description=gettext_lazy("Held on or after this date (YYYY-MM-DD).")),
        OpenApiParameter("until", str, description=gettext_lazy("Held on or before this date (YYYY-MM-DD).")),
        OpenApiParameter("q", str, description=gettext_lazy("Words of the topic."))],
        responses={200: ConsultationSerializer(many=True), **error_responses(400, 401, 404)})
    def list(self, request: Request) -> Response:
        form, rows = consultation_rows(request.user, request.query_params)
        page = self.paginate_queryset(filtered(form, rows).prefetch_related("people"))
        return self.get_paginated_response(ConsultationSerializer(page, many=True, context={"request": request}).data)

    @extend_schema(summary=gettext_lazy("A consultation"),
                   responses={200: ConsultationSerializer, **error_responses(401, 404)})
    def retrieve(self, request: Request, pk=None) -> Response:
        return self.respond(self.get_object())

    @extend_schema(summary=gettext_lazy("Record a consultation you gave (a methodist or tutor)"),
                   request=ConsultationInputSerializer,
                   responses={201: ConsultationSerializer, **error_responses(400, 401, 403)})
    def create(self, request: Request) -> Response:
        from_scope = Municipality.objects.filter(pk__in=request.user.role_assignments.values("municipality"))
        if not any(may(request.user, "consult", municipality) for municipality in from_scope):
            raise Refused(_("You may not record consultations in this municipality."), "not_allowed")
        body = ConsultationInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        consultation = record_consultation(request.user, municipality=data.pop("municipality"),
                                           people=data.pop("people"), **data)
        return self.respond(consultation, status.HTTP_201_CREATED)

    @extend_schema(summary=gettext_lazy("Correct a consultation (a methodist of its municipality)"),
                   request=ConsultationInputSerializer(partial=True),
                   responses={200: ConsultationSerializer, **error_responses(400, 401, 403, 404)})
    def partial_update(self, request: Request, pk=None) -> Response:
        consultation = self.get_object()
        if not may(request.user, "edit", consultation):
            raise Refused(_("You may not change this consultation."), "not_allowed")
        body = ConsultationInputSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        data.pop("municipality", None)
        return self.respond(update_consultation(consultation, request.user, people=data.pop("people", None), **data))
