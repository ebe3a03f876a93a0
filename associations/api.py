"""The REST API of the register of associations: /api/associations/ (the register with the page's filters,
an association with its members and plans, founding one, adding and ending members, drawing up the year's
plan). Thin: the same selectors, services and rules as the pages (`associations.rules`)."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.api import error_responses
from accounts.models import Municipality, User
from accounts.permissions import organisations_in_scope
from routes.models import CompetenceArea
from workflows.api_fields import NamedChoiceField, PersonSerializer, RefSerializer, absolute
from workflows.files import MAX_ID
from workflows.pagination import ValidatedPagination

from .forms import people_of
from .meetings import PlanItem, draw_up_plan
from .models import Association, MeetingPlan, Membership, PlannedMeeting
from .rules import may_keep, may_read
from .selectors import deficit_groups, memberships_of, register_rows
from .services import add_member, end_membership, found_association
from .views import may_found

OUTSIDE = gettext_lazy("This person works outside the association's school or municipality.")


class AssociationSerializer(serializers.ModelSerializer):
    municipality = RefSerializer()
    organisation = RefSerializer(allow_null=True)
    level = NamedChoiceField(choices=Association.Level.choices, enum_name="AssociationLevelEnum")
    level_display = serializers.CharField(source="get_level_display")
    territory = NamedChoiceField(choices=Association.Territory.choices, enum_name="AssociationTerritoryEnum",
                                 allow_blank=True, help_text=gettext_lazy(
                                     "An association of the municipal level: municipal (ММО), district (РМО) or city "
                                     "(ГМО); empty for a school's (ШМО)."))
    territory_display = serializers.CharField(source="get_territory_display")
    kind = NamedChoiceField(choices=Association.Kind.choices, enum_name="AssociationKindEnum")
    kind_display = serializers.CharField(source="get_kind_display")
    abbreviation = serializers.CharField()
    head = PersonSerializer(allow_null=True)
    members_count = serializers.IntegerField(required=False)
    meetings_count = serializers.IntegerField(required=False, help_text=gettext_lazy(
        "Meetings in the year of the filter (this year by default)."))
    url = serializers.SerializerMethodField()

    class Meta:
        model = Association
        fields = ["id", "name", "abbreviation", "level", "level_display", "territory", "territory_display", "kind",
                  "kind_display", "direction",
                  "municipality", "organisation", "head", "members_count", "meetings_count", "url"]
        read_only_fields = fields

    def get_url(self, association: Association) -> str:
        return absolute(self.context.get("request"), association.get_absolute_url())


class AssociationMembershipSerializer(serializers.ModelSerializer):
    person = PersonSerializer()
    role = NamedChoiceField(choices=Membership.Role.choices, enum_name="AssociationMemberRoleEnum")
    role_display = serializers.CharField(source="get_role_display")

    class Meta:
        model = Membership
        fields = ["id", "person", "role", "role_display", "valid_from", "valid_until"]
        read_only_fields = fields


class AssociationPlanSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = MeetingPlan
        fields = ["id", "year", "theme"]
        read_only_fields = fields


class AssociationDetailSerializer(AssociationSerializer):
    memberships = AssociationMembershipSerializer(many=True, read_only=True, source="all_memberships")
    plans = AssociationPlanSummarySerializer(many=True, read_only=True)

    class Meta(AssociationSerializer.Meta):
        fields = [*(field for field in AssociationSerializer.Meta.fields if not field.endswith("_count")),
                  "memberships", "plans"]
        read_only_fields = fields


FILTERS = [
    OpenApiParameter("municipality", int, description=gettext_lazy("A municipality of your scope.")),
    OpenApiParameter("level", str, enum=Association.Level.values),
    OpenApiParameter("kind", str, enum=Association.Kind.values),
    OpenApiParameter("year", int, description=gettext_lazy("Only associations with meetings in this year; "
                                                          "the year the meetings are counted in.")),
    OpenApiParameter("q", str, description=gettext_lazy("Words of the name, the direction or the head's surname.")),
]


class AssociationFoundSerializer(serializers.Serializer):
    level = NamedChoiceField(choices=Association.Level.choices, enum_name="AssociationLevelEnum")
    territory = NamedChoiceField(choices=Association.Territory.choices, enum_name="AssociationTerritoryEnum",
                                 required=False, allow_blank=True, default=Association.Territory.MUNICIPAL,
                                 help_text=gettext_lazy("Of the municipal level: municipal (ММО, by default), "
                                                        "district (РМО) or city (ГМО)."))
    kind = NamedChoiceField(choices=Association.Kind.choices, enum_name="AssociationKindEnum", required=False,
                            default=Association.Kind.METHODICAL)
    name = serializers.CharField(min_length=1, max_length=300)
    direction = serializers.CharField(min_length=1, max_length=200, help_text=gettext_lazy("Subject or area."))
    municipality = serializers.IntegerField(required=False, allow_null=True, default=None, help_text=gettext_lazy(
        "A municipality of your scope; left out, the organisation's."))
    organisation = serializers.IntegerField(required=False, allow_null=True, default=None, help_text=gettext_lazy(
        "The school of a school association (ШМО)."))
    head = serializers.IntegerField(required=False, allow_null=True, default=None, help_text=gettext_lazy(
        "The head: a person of the school or the municipality."))


class AssociationMemberSerializer(serializers.Serializer):
    person = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    role = NamedChoiceField(choices=Membership.Role.choices, enum_name="AssociationMemberRoleEnum", required=False,
                            default=Membership.Role.MEMBER)
    valid_from = serializers.DateField(required=False, allow_null=True, default=None,
                                       help_text=gettext_lazy("Today when left out."))


class AssociationEndMembershipSerializer(serializers.Serializer):
    membership = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    valid_until = serializers.DateField(required=False, allow_null=True, default=None,
                                        help_text=gettext_lazy("Today when left out."))


class AssociationPlanItemSerializer(serializers.Serializer):
    planned_on = serializers.DateField()
    topic = serializers.CharField(min_length=1, max_length=500)
    area = serializers.ChoiceField(choices=CompetenceArea.choices, required=False, allow_blank=True, default="")
    deficits = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False,
                                     default=list, help_text=gettext_lazy(
                                         "Ids of the members' deficits the meeting addresses (see plan-deficits/)."))


class AssociationPlanRequestSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    theme = serializers.CharField(required=False, default="", allow_blank=True, max_length=500)
    items = AssociationPlanItemSerializer(many=True, min_length=1)


class AssociationPlannedMeetingSerializer(serializers.ModelSerializer):
    area = serializers.SerializerMethodField()
    deficits = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    meeting = serializers.SerializerMethodField()

    class Meta:
        model = PlannedMeeting
        fields = ["id", "planned_on", "topic", "area", "deficits", "meeting"]
        read_only_fields = fields

    def get_area(self, item) -> str | None:
        return item.area or None

    def get_meeting(self, item) -> int | None:
        meeting = getattr(item, "meeting", None)
        return meeting.pk if meeting else None


class AssociationDeficitGroupSerializer(serializers.Serializer):
    area = serializers.CharField()
    area_display = serializers.CharField(source="area_label")
    title = serializers.CharField()
    members = serializers.IntegerField(help_text=gettext_lazy("How many members have this deficit."))
    deficits = serializers.SerializerMethodField(help_text=gettext_lazy("Ids to name in a plan's item."))

    def get_deficits(self, group) -> list[int]:
        return [deficit.pk for deficit in group.deficits]


class AssociationPlanSerializer(AssociationPlanSummarySerializer):
    association = serializers.PrimaryKeyRelatedField(read_only=True)
    items = AssociationPlannedMeetingSerializer(many=True, read_only=True)

    class Meta(AssociationPlanSummarySerializer.Meta):
        fields = [*AssociationPlanSummarySerializer.Meta.fields, "association", "items"]
        read_only_fields = fields


class AssociationViewSet(viewsets.GenericViewSet):
    """The methodical associations you may see (ШМО, ММО/РМО/ГМО)."""

    lookup_value_converter = "int"
    pagination_class = ValidatedPagination
    serializer_class = AssociationSerializer

    def get_queryset(self) -> QuerySet:
        form, associations = register_rows(self.request.user, self.request.query_params)
        if self.action == "list" and self.request.query_params and not form.is_valid():
            raise exceptions.ValidationError({field: [str(error) for error in errors]
                                              for field, errors in form.errors.items()}, code="invalid")
        return associations

    def readable(self, pk) -> Association:
        association = Association.objects.select_related("municipality", "organisation", "head").filter(
            pk=pk).first() if 0 < int(pk) <= MAX_ID else None
        if association is None or not may_read(self.request.user, association):
            raise Http404(_("Not found."))
        return association

    def kept(self, pk) -> Association:
        association = self.readable(pk)
        if not may_keep(self.request.user, association):
            raise PermissionDenied(_("You may not change this association."))
        return association

    def answer(self, association: Association, code: int = status.HTTP_200_OK) -> Response:
        association.all_memberships = memberships_of(association)
        return Response(AssociationDetailSerializer(association, context={"request": self.request}).data,
                        status=code)

    @extend_schema(summary=gettext_lazy("The register of methodical associations"), parameters=FILTERS,
                   responses={200: AssociationSerializer(many=True), **error_responses(400, 401, 404)})
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(AssociationSerializer(page, many=True, context={"request": request}).data)

    @extend_schema(summary=gettext_lazy("An association with its members and plans"),
                   responses={200: AssociationDetailSerializer, **error_responses(401, 404)})
    def retrieve(self, request: Request, pk=None) -> Response:
        return self.answer(self.readable(pk))

    @extend_schema(summary=gettext_lazy("Found an association (a school's ШМО: its director, lead or the "
                                        "methodist; a municipal one: the methodist)"),
                   request=AssociationFoundSerializer,
                   responses={201: AssociationDetailSerializer, **error_responses(400, 401, 403)})
    def create(self, request: Request) -> Response:
        if not may_found(request.user):
            raise PermissionDenied(_("You may not found associations here."))
        body = AssociationFoundSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        organisations = organisations_in_scope(request.user)
        organisation_id = data.pop("organisation")
        organisation = organisations.filter(pk=organisation_id).first() if organisation_id else None
        municipality_id = data.pop("municipality") or (organisation.municipality_id if organisation else None)
        municipality = Municipality.objects.filter(
            pk=municipality_id, pk__in=organisations.values("municipality_id")).first() if municipality_id else None
        if municipality is None:
            raise exceptions.ValidationError({"municipality": [_("Choose a municipality of your scope.")]})
        head_id = data.pop("head")
        head = User.objects.filter(pk=head_id, organisation__in=organisations).first() if head_id else None
        if head_id and head is None:
            raise exceptions.ValidationError({"head": [str(OUTSIDE)]})
        association = found_association(request.user, municipality=municipality,
                                        organisation=organisation, head=head, **data)
        return self.answer(Association.objects.get(pk=association.pk), status.HTTP_201_CREATED)

    @extend_schema(summary=gettext_lazy("Add a member (the association's keepers or its head)"),
                   request=AssociationMemberSerializer,
                   responses={201: AssociationDetailSerializer, **error_responses(400, 401, 403, 404)})
    @action(detail=True, methods=["post"])
    def members(self, request: Request, pk=None) -> Response:
        association = self.kept(pk)
        body = AssociationMemberSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        person = people_of(association).filter(pk=data["person"]).first()
        if person is None:
            raise exceptions.ValidationError({"person": [str(OUTSIDE)]})
        add_member(request.user, association, person, role=data["role"], valid_from=data["valid_from"])
        return self.answer(association, status.HTTP_201_CREATED)

    @extend_schema(summary=gettext_lazy("End a membership (the association's keepers or its head)"),
                   request=AssociationEndMembershipSerializer,
                   responses={200: AssociationDetailSerializer, **error_responses(400, 401, 403, 404)})
    @action(detail=True, methods=["post"], url_path="end-membership")
    def end_membership(self, request: Request, pk=None) -> Response:
        association = self.kept(pk)
        body = AssociationEndMembershipSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        membership = association.memberships.filter(pk=body.validated_data["membership"]).first()
        if membership is None:
            raise exceptions.ValidationError({"membership": [_("No such membership in this association.")]})
        end_membership(request.user, membership, body.validated_data["valid_until"])
        return self.answer(association)

    @extend_schema(summary=gettext_lazy("The members' deficits a plan may address, the most shared first"),
                   parameters=[OpenApiParameter("year", int, description=gettext_lazy("This year by default."))],
                   responses={200: AssociationDeficitGroupSerializer(many=True), **error_responses(400, 401, 403, 404)})
    @action(detail=True, methods=["get"], url_path="plan-deficits", pagination_class=None)
    def plan_deficits(self, request: Request, pk=None) -> Response:
        association = self.kept(pk)
        year = request.query_params.get("year") or str(timezone.localdate().year)
        if not (year.isascii() and year.isdigit() and 2000 <= int(year) <= 2100):
            raise exceptions.ValidationError({"year": [_("Give a year between %(first)s and %(last)s.")
                                                       % {"first": 2000, "last": 2100}]})
        return Response(AssociationDeficitGroupSerializer(deficit_groups(association, int(year)), many=True).data)

    @extend_schema(summary=gettext_lazy("Draw up the year's plan of meetings on the members' deficits"),
                   request=AssociationPlanRequestSerializer,
                   responses={201: AssociationPlanSerializer, **error_responses(400, 401, 403, 404)})
    @action(detail=True, methods=["post"])
    def plans(self, request: Request, pk=None) -> Response:
        association = self.kept(pk)
        body = AssociationPlanRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        plan = draw_up_plan(request.user, association, year=data["year"], theme=data["theme"],
                            items=[PlanItem(**item) for item in data["items"]])
        return Response(AssociationPlanSerializer(plan).data, status=status.HTTP_201_CREATED)
