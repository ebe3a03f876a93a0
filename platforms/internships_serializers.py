"""What the internship endpoints send and take (`internships_api`): empty values as null, enums as codes with
their Russian `*_display` beside them, and each object's `actions` a client may follow."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Municipality
from accounts.permissions import may
from routes.models import RouteActivity
from workflows.api_actions import absolute, component_name
from workflows.api_fields import ActionSerializer, BlankAsNull, NamedChoiceField, PersonSerializer, RefSerializer

from . import internships as services
from .models import Internship, InternshipProgramme, SiteKind
from .rules_internships import may_apply


class BlankAsNullCharField(BlankAsNull, serializers.CharField):
    pass


def text(**kwargs) -> BlankAsNullCharField:
    return BlankAsNullCharField(allow_null=True, read_only=True, **kwargs)


def request_of(serializer) -> object:
    return serializer.context.get("request")


class InternshipApplySerializer(serializers.Serializer):
    motivation = serializers.CharField(min_length=1, max_length=4000, help_text=gettext_lazy(
        "What the teacher expects from the internship."))


class InternshipDeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(min_length=1, max_length=2000, help_text=gettext_lazy(
        "Why the application is declined: the teacher reads it."))


class InternshipCompleteSerializer(serializers.Serializer):
    outcome = NamedChoiceField(choices=Internship.Outcome.choices, enum_name="InternshipOutcomeEnum")
    note = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")


class InternshipLinkSerializer(serializers.Serializer):
    activity = serializers.PrimaryKeyRelatedField(
        queryset=RouteActivity.objects.none(), allow_null=True, help_text=gettext_lazy(
            "An internship, course or other activity of one of your routes; null removes the link."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        teacher = self.context.get("teacher")
        if teacher is not None:
            self.fields["activity"].queryset = services.activities_to_link(teacher)


PROGRAMME_ACTIONS = {"publish": None, "apply": InternshipApplySerializer}
INTERNSHIP_ACTIONS = {"agree": None, "accept": None, "decline": InternshipDeclineSerializer,
                      "complete": InternshipCompleteSerializer, "withdraw": None, "link": InternshipLinkSerializer}


def actions(request, route: str, pk: int, names, bodies: dict) -> list[dict]:
    return [{"action": name, "method": "POST", "request": component_name(bodies[name]),
             "url": absolute(request, reverse(f"api:{route}-{name}", kwargs={"pk": pk}))} for name in names]


class InternshipProgrammeSerializer(serializers.ModelSerializer):
    site = serializers.IntegerField(source="site_id")
    organisation = RefSerializer(source="site.organisation")
    municipality = RefSerializer(source="site.municipality")
    kind = NamedChoiceField(source="site.kind", choices=SiteKind.choices, enum_name="SiteKindEnum")
    kind_display = serializers.CharField(source="site.get_kind_display")
    description = text()
    places_left = serializers.IntegerField(help_text=gettext_lazy("Places not taken by a live application."))
    curator = PersonSerializer(source="site.curator", allow_null=True)
    actions = serializers.SerializerMethodField()

    class Meta:
        model = InternshipProgramme
        fields = ["id", "site", "organisation", "municipality", "kind", "kind_display", "topic", "description",
                  "hours", "starts_on", "ends_on", "capacity", "places_left", "published", "curator", "created_at",
                  "actions"]
        read_only_fields = fields

    @staticmethod
    def programme_actions(programme: InternshipProgramme, user) -> list[str]:
        names = []
        if not programme.published and may(user, "manage", programme):
            names.append("publish")
        if programme.published and may_apply(user, programme):
            names.append("apply")
        return names

    @extend_schema_field(ActionSerializer(many=True))
    def get_actions(self, programme: InternshipProgramme) -> list[dict]:
        request = request_of(self)
        names = self.programme_actions(programme, request.user) if request else []
        return actions(request, "internship-programme", programme.pk, names, PROGRAMME_ACTIONS)


class InternshipProgrammeInputSerializer(serializers.ModelSerializer):
    """A programme of your site; `publish` opens it to applications at once."""

    topic = serializers.CharField(min_length=1, max_length=300)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    publish = serializers.BooleanField(required=False, default=False, help_text=gettext_lazy(
        "Publish at once: teachers may apply."))

    class Meta:
        model = InternshipProgramme
        fields = ["site", "topic", "description", "hours", "starts_on", "ends_on", "capacity", "publish"]

    def __init__(self, *args, sites=None, **kwargs):
        super().__init__(*args, **kwargs)
        if sites is None:
            self.fields.pop("site")  # a saved programme stays at its site
        else:
            self.fields["site"].queryset = sites


class ActivityRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    route = serializers.IntegerField(source="route_id")
    route_number = serializers.CharField(source="route.number")
    title = serializers.CharField()


class InternshipSerializer(serializers.ModelSerializer):
    programme = serializers.IntegerField(source="programme_id")
    topic = serializers.CharField(source="programme.topic")
    site_organisation = RefSerializer(source="programme.site.organisation")
    teacher = PersonSerializer()
    organisation = RefSerializer()
    status = NamedChoiceField(choices=Internship.Status.choices, enum_name="InternshipStatusEnum")
    status_display = serializers.CharField(source="get_status_display")
    motivation = text()
    agreed_by = PersonSerializer(allow_null=True)
    accepted_by = PersonSerializer(allow_null=True)
    declined_by = PersonSerializer(allow_null=True)
    decline_reason = text()
    outcome = NamedChoiceField(choices=Internship.Outcome.choices, enum_name="InternshipOutcomeEnum",
                               allow_null=True)
    outcome_display = serializers.SerializerMethodField()
    outcome_note = text()
    recorded_by = PersonSerializer(allow_null=True)
    route_activity = ActivityRefSerializer(allow_null=True)
    actions = serializers.SerializerMethodField()

    class Meta:
        model = Internship
        fields = ["id", "programme", "topic", "site_organisation", "teacher", "organisation", "status",
                  "status_display", "motivation", "created_at", "agreed_by", "agreed_at", "accepted_by",
                  "accepted_at", "declined_by", "declined_at", "decline_reason", "outcome", "outcome_display",
                  "outcome_note", "completed_on", "recorded_by", "route_activity", "actions"]
        read_only_fields = fields

    def to_representation(self, internship: Internship) -> dict:
        data = super().to_representation(internship)
        data["outcome"] = internship.outcome or None
        return data

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_outcome_display(self, internship: Internship) -> str | None:
        return internship.get_outcome_display() or None

    @extend_schema_field(ActionSerializer(many=True))
    def get_actions(self, internship: Internship) -> list[dict]:
        request = request_of(self)
        names = services.available_actions(internship, request.user) if request else []
        return actions(request, "internship", internship.pk, names, INTERNSHIP_ACTIONS)


class InternshipProgrammeFilterSerializer(serializers.Serializer):
    municipality = serializers.PrimaryKeyRelatedField(queryset=Municipality.objects.all(), required=False)
    topic = serializers.CharField(required=False, allow_blank=True, max_length=200)
    starts_from = serializers.DateField(required=False)
    ends_until = serializers.DateField(required=False)
    open_only = serializers.BooleanField(required=False, default=False, help_text=gettext_lazy(
        "Only published programmes with places left."))


class InternshipFilterSerializer(serializers.Serializer):
    list = serializers.ChoiceField(choices=["all", "mine", "agreement", "site"], required=False, help_text=gettext_lazy(
        "mine: your own; agreement: your teachers' applications to agree; site: at your site, to accept or "
        "to record the outcome."))
    programme = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
