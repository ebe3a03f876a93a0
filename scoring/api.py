"""The experts' part of every scoring process's API: the bodies of assigning, replacing, scoring and
declining, the reviews and assignments as a reader may see them, and a service's errors in the request's
terms."""
from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.settings import api_settings
from viewflow.workflow.models import Task

from accounts.models import User
from workflows.api_fields import NamedChoiceField, PersonSerializer
from workflows.api_cases import case_step
from workflows.services import TaskAlreadyDone, can_act_on, open_tasks

from . import services as scoring
from .models import ExpertAssignment, Review


class VisibleReviewSerializer(serializers.Serializer):
    """A review as the reader may see it: the authors read «Expert 1», not the expert's name."""

    round = serializers.IntegerField()
    expert = serializers.CharField()
    total = serializers.IntegerField()
    scores = serializers.DictField(child=serializers.IntegerField(), help_text=gettext_lazy(
        "Scores by criterion id."))
    text = serializers.CharField()
    recommendation = serializers.ChoiceField(choices=Review.Recommendation.choices, source="recommendation_code")
    recommendation_display = serializers.CharField(source="recommendation")


class AssignmentSerializer(serializers.ModelSerializer):
    expert = PersonSerializer(read_only=True)
    status = NamedChoiceField(choices=ExpertAssignment.Status.choices, enum_name="ExpertAssignmentStatusEnum",
                              read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = ExpertAssignment
        fields = ["id", "expert", "round", "status", "status_display", "decline_reason", "replacement",
                  "assigned_at"]
        read_only_fields = fields


class CriterionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    order = serializers.IntegerField()
    name = serializers.CharField()
    max_score = serializers.IntegerField()


class ExpertCandidateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="__str__")
    subject = serializers.CharField()
    organisation = serializers.CharField(allow_null=True)
    load = serializers.IntegerField(help_text=gettext_lazy("Cases the expert is reviewing now."))


class ExpertsSerializer(serializers.Serializer):
    experts = serializers.PrimaryKeyRelatedField(many=True, queryset=User.objects.all(), allow_empty=False,
                                                 help_text=gettext_lazy("Ids of the experts."))


class ReplaceExpertSerializer(serializers.Serializer):
    expert = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), help_text=gettext_lazy(
        "The id of the expert who takes the place of the one who declined."))


class DeclineSerializer(serializers.Serializer):
    reason = serializers.CharField()


class ReviewInputSerializer(serializers.Serializer):
    scores = serializers.DictField(child=serializers.IntegerField(allow_null=True), help_text=gettext_lazy(
        "A score for every criterion of the case's criteria, by criterion id, from 0 to its maximum."))
    text = serializers.CharField()
    recommendation = serializers.ChoiceField(choices=Review.Recommendation.choices)


def renamed_errors(error: DjangoValidationError, rename) -> exceptions.ValidationError:
    """A service's errors under the API's field names: `rename(key)` gives a field name, or a (field, key)
    pair for an error inside a mapping such as `scores`."""
    detail = serializers.as_serializer_error(error)
    if NON_FIELD_ERRORS in detail:
        detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
    result: dict = {}
    for key, messages in detail.items():
        path = rename(key)
        if isinstance(path, tuple):
            result.setdefault(path[0], {})[path[1]] = messages
        else:
            result[path] = messages
    return exceptions.ValidationError(result)


def score_path(key: str) -> str | tuple[str, str]:
    """`score_<criterion id>` of the service is `scores.<criterion id>` of the request."""
    return ("scores", key.removeprefix("score_")) if key.startswith("score_") else key


def assignments_seen_by(case, user) -> QuerySet[ExpertAssignment]:
    """Nothing for the authors, an expert's own assignments for an expert, all of them for the methodist."""
    assignments = scoring.assignments_of(case).select_related("expert")
    if user.pk in {author.pk for author in case.authors()}:
        return assignments.none()
    if assignments.filter(expert=user).exists():
        return assignments.filter(expert=user)
    return assignments


def my_open_task(case, user) -> Task | None:
    """The person's open task on the case, to claim or complete through /api/tasks/."""
    if not case.process_id:
        return None
    return next((task for task in open_tasks(case).order_by("pk") if can_act_on(task, user)), None)


class ScoredCaseFields(serializers.Serializer):
    """`reviews` and `assignments` of a scored case's detail, as the reader may see them: the process's
    serializer answers `reviews_for(case, user)` from its services (blind rules included)."""

    reviews = serializers.SerializerMethodField()
    assignments = serializers.SerializerMethodField(help_text=gettext_lazy(
        "The experts of the case; never shown to its authors, and an expert sees only their own."))

    def reviews_for(self, case, user) -> list[dict]:
        raise NotImplementedError(f"{type(self).__name__} must say which reviews the reader may see")

    @extend_schema_field(VisibleReviewSerializer(many=True))
    def get_reviews(self, case) -> list[dict]:
        return VisibleReviewSerializer(self.reviews_for(case, self.context["request"].user), many=True).data

    @extend_schema_field(AssignmentSerializer(many=True))
    def get_assignments(self, case) -> list[dict]:
        return AssignmentSerializer(assignments_seen_by(case, self.context["request"].user), many=True).data


@dataclass(frozen=True)
class ExpertEndpointWords:
    """The summaries of the experts' endpoints in a process's words."""

    experts: str
    experts_description: str
    decline: str
    review: str
    replace: str = gettext_lazy("Assign another expert in place of one who declined")
    review_description: str | None = None


def expert_endpoints(detail: type[serializers.Serializer], words: ExpertEndpointWords) -> type:
    """The experts' endpoints of a scoring process's `CaseViewSet` (`experts/`, `replace-expert/`, `decline/`,
    `review/`), answering `detail`; the viewset names `expert_services`, the module whose `assign_experts`,
    `replace_expert`, `expert_task`, `decline` and `submit_review` they call. The expert's body is read only
    once they have a review to do: 403 before 400."""

    class ExpertEndpoints:
        expert_services: ModuleType

        def expert_input(self, case, serializer_class: type[serializers.Serializer]) -> dict:
            self.expert_services.expert_task(case, self.request.user)
            return self.body(serializer_class)

        @case_step(words.experts, ExpertsSerializer, detail, description=words.experts_description)
        def experts(self, request, pk=None):
            case = self.get_object()
            self.acting_on(case, "assign_experts")
            self.expert_services.assign_experts(case, request.user, self.body(ExpertsSerializer)["experts"])
            return self.respond(case)

        @case_step(words.replace, ReplaceExpertSerializer, detail, url_path="replace-expert")
        def replace_expert(self, request, pk=None):
            case = self.get_object()
            self.acting_on(case, "replace_expert")
            data = self.body(ReplaceExpertSerializer)
            try:
                self.expert_services.replace_expert(case, request.user, data["expert"])
            except TaskAlreadyDone:
                raise
            except DjangoValidationError as error:
                raise renamed_errors(error, lambda key: "expert" if key == "experts" else key) from error
            return self.respond(case)

        @case_step(words.decline, DeclineSerializer, detail)
        def decline(self, request, pk=None):
            case = self.get_object()
            self.expert_services.decline(case, request.user, self.expert_input(case, DeclineSerializer)["reason"])
            return self.respond(case)

        @case_step(words.review, ReviewInputSerializer, detail, description=words.review_description)
        def review(self, request, pk=None):
            case = self.get_object()
            data = self.expert_input(case, ReviewInputSerializer)
            try:
                self.expert_services.submit_review(case, request.user, data["scores"], data["text"],
                                                   data["recommendation"])
            except TaskAlreadyDone:
                raise
            except DjangoValidationError as error:
                raise renamed_errors(error, score_path) from error
            return self.respond(case)

    return ExpertEndpoints
