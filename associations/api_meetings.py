"""The REST API of associations' meetings: /api/association-meetings/ (the meetings of the associations you
read, filtered by association and year; a meeting with its attendance and files; announcing one; its
protocol once held). Thin: the same services and rules as the pages."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.api import error_responses
from workflows.api_fields import PersonSerializer, absolute
from workflows.files import MAX_ID
from workflows.pagination import ValidatedPagination

from .meetings import record_protocol, schedule_meeting
from .models import Association, Attendance, Meeting, PlannedMeeting
from .rules import may_keep, may_read, readable


class AssociationAttendanceSerializer(serializers.ModelSerializer):
    person = PersonSerializer()

    class Meta:
        model = Attendance
        fields = ["person", "present"]
        read_only_fields = fields


class AssociationMeetingSerializer(serializers.ModelSerializer):
    association = serializers.PrimaryKeyRelatedField(read_only=True)
    planned = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    place = serializers.SerializerMethodField()
    decisions = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = ["id", "association", "held_on", "place", "agenda", "planned", "decisions", "protocol_recorded_at",
                  "url"]
        read_only_fields = fields

    def get_place(self, meeting: Meeting) -> str | None:
        return meeting.place or None

    def get_decisions(self, meeting: Meeting) -> str | None:
        return meeting.decisions or None

    def get_url(self, meeting: Meeting) -> str:
        return absolute(self.context.get("request"), meeting.get_absolute_url())


class AssociationMeetingDetailSerializer(AssociationMeetingSerializer):
    attendance = AssociationAttendanceSerializer(many=True, read_only=True)
    files = serializers.SerializerMethodField()

    class Meta(AssociationMeetingSerializer.Meta):
        fields = [*AssociationMeetingSerializer.Meta.fields, "attendance", "files"]
        read_only_fields = fields

    def get_files(self, meeting: Meeting) -> list[str]:
        request = self.context.get("request")
        return [absolute(request, reverse("associations:file", args=[meeting.pk, stored.pk]))
                for stored in meeting.files.all()]


class AssociationMeetingRequestSerializer(serializers.Serializer):
    association = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    held_on = serializers.DateField()
    agenda = serializers.CharField(min_length=1)
    place = serializers.CharField(required=False, default="", allow_blank=True, max_length=500)
    planned = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1, max_value=MAX_ID,
                                       help_text=gettext_lazy("The meeting of the association's plan it holds."))


class AssociationProtocolSerializer(serializers.Serializer):
    present = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=MAX_ID), default=list,
                                    help_text=gettext_lazy("Ids of the members present; the others are absent."))
    decisions = serializers.CharField(min_length=1)
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list,
                                  help_text=gettext_lazy("PDF, DOCX, PPTX, XLSX or ZIP files (multipart only)."))


FILTERS = [OpenApiParameter("association", int), OpenApiParameter("year", int)]


def _number(request: Request, name: str, low: int, high: int) -> int | None:
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    if not (value.isascii() and value.isdigit() and low <= int(value) <= high):
        raise exceptions.ValidationError({name: [_("Give a whole number from %(low)s to %(high)s.")
                                                 % {"low": low, "high": high}]})
    return int(value)


class MeetingViewSet(viewsets.GenericViewSet):
    """Meetings of the associations you may see."""

    lookup_value_converter = "int"
    pagination_class = ValidatedPagination
    serializer_class = AssociationMeetingSerializer

    def get_queryset(self) -> QuerySet:
        associations = readable(self.request.user, Association.objects.all())
        meetings = Meeting.objects.filter(association__in=associations)
        if (association := _number(self.request, "association", 1, MAX_ID)) is not None:
            meetings = meetings.filter(association_id=association)
        if (year := _number(self.request, "year", 2000, 2100)) is not None:
            meetings = meetings.filter(held_on__year=year)
        return meetings.order_by("-held_on", "-pk")

    def readable(self, pk) -> Meeting:
        meeting = Meeting.objects.select_related("association").filter(pk=pk).first() if 0 < int(pk) <= MAX_ID else None
        if meeting is None or not may_read(self.request.user, meeting.association):
            raise Http404(_("Not found."))
        return meeting

    def answer(self, meeting: Meeting, code: int = status.HTTP_200_OK) -> Response:
        meeting = Meeting.objects.prefetch_related("attendance__person", "files").get(pk=meeting.pk)
        return Response(AssociationMeetingDetailSerializer(meeting, context={"request": self.request}).data, status=code)

    @extend_schema(summary=gettext_lazy("Meetings of associations"), parameters=FILTERS,
                   responses={200: AssociationMeetingSerializer(many=True), **error_responses(400, 401, 404)})
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(AssociationMeetingSerializer(page, many=True, context={"request": request}).data)

    @extend_schema(summary=gettext_lazy("A meeting with its attendance and files"),
                   responses={200: AssociationMeetingDetailSerializer, **error_responses(401, 404)})
    def retrieve(self, request: Request, pk=None) -> Response:
        return self.answer(self.readable(pk))

    @extend_schema(summary=gettext_lazy("Announce a meeting with its agenda (the association's keepers or head)"),
                   request=AssociationMeetingRequestSerializer,
                   responses={201: AssociationMeetingDetailSerializer, **error_responses(400, 401, 403, 404)})
    def create(self, request: Request) -> Response:
        pk = request.data.get("association") if hasattr(request.data, "get") else None
        if not isinstance(pk, int) or isinstance(pk, bool) or not 0 < pk <= MAX_ID:
            raise exceptions.ValidationError({"association": [_("Name the association by its id.")]})
        association = Association.objects.filter(pk=pk).first()
        if association is None or not may_read(request.user, association):
            raise Http404(_("Not found."))
        if not may_keep(request.user, association):
            raise PermissionDenied(_("You may not change this association."))
        body = AssociationMeetingRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        data.pop("association")
        planned_id = data.pop("planned")
        planned = PlannedMeeting.objects.filter(pk=planned_id).select_related("plan").first() if planned_id else None
        if planned_id and (planned is None or planned.plan.association_id != association.pk):
            raise exceptions.ValidationError({"planned": [_("This meeting is in another association's plan.")]})
        meeting = schedule_meeting(request.user, association, planned=planned, **data)
        return self.answer(meeting, status.HTTP_201_CREATED)

    @extend_schema(summary=gettext_lazy("Record the protocol of a held meeting: attendance, decisions, files"),
                   request=AssociationProtocolSerializer,
                   responses={200: AssociationMeetingDetailSerializer, **error_responses(400, 401, 403, 404)})
    @action(detail=True, methods=["post"])
    def protocol(self, request: Request, pk=None) -> Response:
        meeting = self.readable(pk)
        if not may_keep(request.user, meeting.association):
            raise PermissionDenied(_("You may not change this association."))
        body = AssociationProtocolSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        record_protocol(request.user, meeting, **body.validated_data)
        return self.answer(meeting)
