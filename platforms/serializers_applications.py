"""The REST representations of calls and applications for a site's status, and the bodies the API accepts.

The experts stay anonymous to the applicant here too: reviews come from `services.visible_reviews`, and the
applicant sees no expert assignment (`scoring.api.assignments_seen_by`)."""
from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Organisation, User
from scoring.api import ScoredCaseFields, my_open_task
from workflows.api_fields import CaseStateFields, NamedChoiceField, PersonSerializer, RefSerializer, StoredFileSerializer
from workflows.models import Decision

from . import applications_council as council
from . import services
from .calls import call_criteria
from .models import Call, CouncilProtocol, ProjectStage, Site, SiteApplication, SiteApplicationFile, SiteKind
from .selectors_applications import ACTIONS, available_actions


def site_kind(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(choices=SiteKind.choices, enum_name="SiteKindEnum", **kwargs)


class CriterionOfCallSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    max_score = serializers.IntegerField()


class CallSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:site-call-detail")
    kinds = serializers.ListField(child=site_kind(), read_only=True)
    municipality = RefSerializer(read_only=True)
    is_open = serializers.BooleanField(read_only=True)
    criteria = serializers.SerializerMethodField()

    class Meta:
        model = Call
        fields = ["id", "url", "title", "municipality", "kinds", "description", "opens_on", "deadline", "is_open",
                  "criteria", "created_at"]
        read_only_fields = fields

    @extend_schema_field(CriterionOfCallSerializer(many=True))
    def get_criteria(self, call) -> list[dict]:
        return CriterionOfCallSerializer(call_criteria(call), many=True).data


class CallCriterionInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    max_score = serializers.IntegerField(min_value=1, max_value=100)


class CallInputSerializer(serializers.ModelSerializer):
    kinds = serializers.ListField(child=site_kind(), allow_empty=False)
    criteria = CallCriterionInputSerializer(many=True, required=False, help_text=gettext_lazy(
        "The expert council's criteria; left out, the municipality's defaults."))

    class Meta:
        model = Call
        fields = ["municipality", "title", "kinds", "description", "opens_on", "deadline", "criteria"]


class ApplicationFileSerializer(StoredFileSerializer):
    class Meta:
        model = SiteApplicationFile
        fields = ["id", "version", "name", "size", "uploaded_at", "url"]
        read_only_fields = fields


class StageSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProjectStage
        fields = ["title", "starts_on", "ends_on", "results"]


class ProtocolSerializer(serializers.ModelSerializer):
    recommendation = NamedChoiceField(choices=CouncilProtocol.Recommendation.choices,
                                      enum_name="CouncilRecommendationEnum", read_only=True)
    members_present = PersonSerializer(many=True, read_only=True)
    recorded_by = PersonSerializer(read_only=True)

    class Meta:
        model = CouncilProtocol
        fields = ["id", "number", "date", "members_present", "votes_for", "votes_against", "votes_abstained",
                  "recommendation", "text", "recorded_by", "recorded_at"]
        read_only_fields = fields


class SiteApplicationSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:site_application-detail")
    status = NamedChoiceField(choices=SiteApplication.Status.choices, enum_name="SiteApplicationStatusEnum",
                              read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    kind = site_kind(read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    author = PersonSerializer(read_only=True)
    organisation = RefSerializer(read_only=True)

    class Meta:
        model = SiteApplication
        fields = ["id", "url", "number", "status", "status_display", "call", "kind", "kind_display", "topic",
                  "term_years", "author", "organisation", "version", "expertise_round", "current_step", "due_at",
                  "created_at", "updated_at"]
        read_only_fields = fields


class SiteApplicationDetailSerializer(ScoredCaseFields, CaseStateFields, SiteApplicationSerializer):
    stages = StageSerializer(many=True, read_only=True)
    team = PersonSerializer(many=True, read_only=True)
    partner_organisations = RefSerializer(many=True, read_only=True)
    files = ApplicationFileSerializer(many=True, read_only=True, help_text=gettext_lazy("The files of every version."))
    protocols = ProtocolSerializer(many=True, read_only=True)
    site = serializers.SerializerMethodField(help_text=gettext_lazy("The register's entry once granted; else null."))
    order = serializers.SerializerMethodField(help_text=gettext_lazy("The granting order's id; else null."))
    case_actions = ACTIONS

    class Meta(SiteApplicationSerializer.Meta):
        fields = [*SiteApplicationSerializer.Meta.fields, "relevance", "goals", "tasks", "expected_results",
                  "resources", "partners", "extends", "stages", "team", "partner_organisations", "files", "reviews",
                  "assignments", "protocols", "site", "order", "actions", "current_task"]
        read_only_fields = fields

    def reviews_for(self, application, user) -> list[dict]:
        return services.visible_reviews(application, user)

    def get_site(self, application) -> int | None:
        return Site.objects.filter(application=application).values_list("pk", flat=True).first()

    def get_order(self, application) -> int | None:
        order = council.granting_order(application)
        return order.pk if order else None

    def actions_of(self, application, user) -> set[str]:
        return available_actions(application, user)

    def open_task(self, application, user):
        return my_open_task(application, user)


def validate_files(files: list) -> list:
    try:
        return services.validate_files(files)
    except DjangoValidationError as error:
        raise serializers.ValidationError(error.message_dict["files"]) from error


class SiteApplicationInputSerializer(serializers.ModelSerializer):
    """A draft's content: the project and its stages, the team (people of the organisation), partners, files."""

    kind = site_kind()
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), required=False,
                                                      help_text=gettext_lazy(
                                                          "The organisation you head; by default your own."))
    stages = StageSerializer(many=True, required=False)
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list,
                                  validators=[validate_files], help_text=gettext_lazy("Files to add."))

    class Meta:
        model = SiteApplication
        fields = ["call", "organisation", "kind", "topic", "relevance", "goals", "tasks", "expected_results",
                  "resources", "term_years", "team", "partner_organisations", "partners", "extends", "stages",
                  "files"]

    def __init__(self, *args, author=None, **kwargs):
        super().__init__(*args, **kwargs)
        if author is not None:
            headed = services.headed_organisations(author)
            self.fields["organisation"].queryset = headed
            self.fields["team"].child_relation.queryset = User.objects.filter(organisation__in=headed)
            self.fields["extends"].queryset = Site.objects.filter(organisation__in=headed)


class CheckSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices, help_text=gettext_lazy(
        "approve to send the application to the expert council, return it to the director, or reject it."))
    comment = serializers.CharField(required=False, allow_blank=True, default="", help_text=gettext_lazy(
        "Required to return or reject."))


class ProtocolInputSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=40)
    date = serializers.DateField()
    members_present = serializers.PrimaryKeyRelatedField(many=True, queryset=User.objects.all(), allow_empty=False,
                                                         help_text=gettext_lazy("Ids of the members present."))
    votes_for = serializers.IntegerField(min_value=0, max_value=1000)
    votes_against = serializers.IntegerField(min_value=0, max_value=1000)
    votes_abstained = serializers.IntegerField(min_value=0, max_value=1000)
    recommendation = NamedChoiceField(choices=CouncilProtocol.Recommendation.choices,
                                      enum_name="CouncilRecommendationEnum")
    text = serializers.CharField(required=False, allow_blank=True, default="", help_text=gettext_lazy(
        "The council's decision; required to return the application."))


class OrderDecisionSerializer(serializers.Serializer):
    decision = NamedChoiceField(choices=[("grant", gettext_lazy("grant the status")),
                                         ("refuse", gettext_lazy("refuse the status"))],
                                enum_name="SiteOrderDecisionEnum")
    date = serializers.DateField(required=False, help_text=gettext_lazy("The order's date; required to grant."))
    signatory = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), required=False,
                                                   help_text=gettext_lazy(
                                                       "An officer of the department; required to grant."))
    number = serializers.CharField(max_length=40, required=False, allow_blank=True, help_text=gettext_lazy(
        "The order's number; by default the journal's next."))
    starts_on = serializers.DateField(required=False, allow_null=True, help_text=gettext_lazy(
        "The status from; by default the order's date."))
    text = serializers.CharField(required=False, allow_blank=True, default="")
    reason = serializers.CharField(required=False, allow_blank=True, default="", help_text=gettext_lazy(
        "Required to refuse."))

    def validate(self, data: dict) -> dict:
        if data["decision"] == "grant":
            missing = {name: gettext_lazy("This field is required.") for name in ("date", "signatory")
                       if not data.get(name)}
            if missing:
                raise serializers.ValidationError(missing)
        return data
