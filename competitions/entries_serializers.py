"""The REST representations of competition entries and the bodies the API accepts."""
from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import User
from scoring.api import my_open_task
from workflows.api_fields import CaseStateFields, NamedChoiceField, PersonSerializer, RefSerializer, absolute
from workflows.files import download_url
from workflows.models import Decision
from workflows.uploads import validate_upload

from .entries_selectors import ACTIONS, available_actions, eligibility
from .models import Competition, Entry, EntryMaterial, Nomination, Placement, Round
from .setup_services import visible_competitions


class EntryMaterialSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = EntryMaterial
        fields = ["id", "round", "name", "size", "uploaded_at", "url"]
        read_only_fields = fields

    def get_url(self, stored) -> str:
        return absolute(self.context.get("request"), download_url(stored))


class EntrySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:competition_entry-detail")
    status = NamedChoiceField(choices=Entry.Status.choices, enum_name="EntryStatusEnum", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    competition = RefSerializer(read_only=True)
    nomination = RefSerializer(read_only=True, allow_null=True)
    nominee = PersonSerializer(read_only=True)
    author = PersonSerializer(read_only=True)
    organisation = RefSerializer(read_only=True)
    placement = NamedChoiceField(choices=Placement.choices, enum_name="EntryPlacementEnum", read_only=True,
                                 allow_null=True)

    class Meta:
        model = Entry
        fields = ["id", "url", "number", "status", "status_display", "competition", "nomination", "nominee",
                  "author", "organisation", "consent_given_on", "expertise_round", "total", "rank", "placement",
                  "current_step", "due_at", "withdrawn_at", "created_at", "updated_at"]
        read_only_fields = fields

    def to_representation(self, entry):
        data = super().to_representation(entry)
        data["placement"] = data["placement"] or None
        return data


class EntryDetailSerializer(CaseStateFields, EntrySerializer):
    materials = EntryMaterialSerializer(many=True, read_only=True)
    eligibility = serializers.SerializerMethodField(help_text=gettext_lazy(
        "Why the contestant does not meet the competition's rules, checked today; empty: eligible."))
    case_actions = ACTIONS

    class Meta(EntrySerializer.Meta):
        fields = [*EntrySerializer.Meta.fields, "about", "prepared_by", "forwarded_from", "materials", "eligibility",
                  "actions", "current_task"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_eligibility(self, entry) -> list[str]:
        return eligibility(entry)

    def actions_of(self, entry, user) -> set[str]:
        return available_actions(entry, user)

    def open_task(self, entry, user):
        return my_open_task(entry, user)


def checked_upload(upload):
    try:
        validate_upload(upload)
    except DjangoValidationError as error:
        raise serializers.ValidationError(error.messages) from error
    return upload


class EntryInputSerializer(serializers.ModelSerializer):
    """A draft entry: the competition, the nominee (a teacher of your organisation, or you where the
    competition takes self-nominations), the nomination, about the contestant, the consent's date, files."""

    competition = serializers.PrimaryKeyRelatedField(queryset=Competition.objects.filter(
        status=Competition.Status.NOMINATIONS))
    nominee = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    nomination = serializers.PrimaryKeyRelatedField(queryset=Nomination.objects.all(), required=False,
                                                    allow_null=True)
    prepared_by = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), required=False,
                                                     allow_null=True, help_text=gettext_lazy(
                                                         "The methodist or mentor who prepares the contestant."))
    material_round = serializers.PrimaryKeyRelatedField(queryset=Round.objects.all(), required=False,
                                                        allow_null=True, help_text=gettext_lazy(
                                                            "The round the files sent are for."))
    files = serializers.ListField(child=serializers.FileField(validators=[checked_upload]), required=False,
                                  default=list, help_text=gettext_lazy("Materials to add."))

    class Meta:
        model = Entry
        fields = ["competition", "nominee", "nomination", "about", "consent_given_on", "prepared_by",
                  "material_round", "files"]

    def __init__(self, *args, author=None, **kwargs):
        super().__init__(*args, **kwargs)
        if author is not None:
            self.fields["competition"].queryset = visible_competitions(author).filter(
                status=Competition.Status.NOMINATIONS)
        if self.instance is not None:
            # What an entry is for and whom it nominates stays as it was drawn up.
            for name in ("competition", "nominee"):
                self.fields[name].read_only = True


class AdmissionSerializer(serializers.Serializer):
    decision = NamedChoiceField(choices=Decision.choices, enum_name="EntryAdmissionDecisionEnum", help_text=gettext_lazy(
        "approve admits the entry, return sends it back for missing documents, reject refuses it."))
    comment = serializers.CharField(required=False, allow_blank=True, default="", help_text=gettext_lazy(
        "Required to return or refuse: what is missing, or the reason."))


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)

