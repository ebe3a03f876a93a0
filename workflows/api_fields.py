"""Representations every process's API shares: people, files, the timeline, the history, what you may do."""
from __future__ import annotations

from datetime import datetime

from django.utils.dateparse import parse_datetime
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent, build_choice_field
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .api_actions import METHODS, endpoint_actions
from .files import download_url
from .models import CaseEvent
from .types import case_type_for


def absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if request is not None else url


# Empty values as null: a blank choice is not one of its enum, a blank link is not a URI.


class BlankAsNull:
    """A serializer field that sends a blank value as null (the field is declared `allow_null`)."""

    def to_representation(self, value):
        return None if value == "" else super().to_representation(value)


class BlankAsNullChoiceField(BlankAsNull, serializers.ChoiceField):
    pass


class BlankAsNullURLField(BlankAsNull, serializers.URLField):
    pass


# Every datetime in the installation's time zone, with its offset: DRF's JSON encoder would send a UTC value
# (a task's stored deadline, a history value) as `Z`.


def in_local_time(value):
    """`value` with every datetime in it as DRF's `DateTimeField` sends it (the current time zone)."""
    if isinstance(value, datetime):
        return serializers.DateTimeField().to_representation(value)
    if isinstance(value, list):
        return [in_local_time(item) for item in value]
    if isinstance(value, dict):
        return {key: in_local_time(item) for key, item in value.items()}
    return value


class LocalJSONField(serializers.JSONField):
    def to_representation(self, value):
        return in_local_time(super().to_representation(value))


class StoredDateTimeField(serializers.DateTimeField):
    """A datetime kept as ISO text (in a task's `data`), sent like every other datetime."""

    def to_representation(self, value):
        return super().to_representation(parse_datetime(value) if isinstance(value, str) else value)


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="__str__")


class RefSerializer(serializers.Serializer):
    """An organisation or a municipality: its id and name."""

    id = serializers.IntegerField()
    name = serializers.CharField(source="__str__")


class CaseFileSerializer(serializers.Serializer):
    name = serializers.CharField()
    size = serializers.IntegerField()
    url = serializers.SerializerMethodField()

    def get_url(self, case_file) -> str:
        return absolute(self.context.get("request"), download_url(case_file))


class CaseEventSerializer(serializers.ModelSerializer):
    """One line of a case's timeline."""

    kind_display = serializers.CharField(source="get_kind_display")
    step = serializers.CharField(source="step_title")
    actor = PersonSerializer(allow_null=True)
    files = CaseFileSerializer(many=True)

    class Meta:
        model = CaseEvent
        fields = ["id", "kind", "kind_display", "step", "actor", "comment", "created_at", "files"]


class FieldChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField()
    old = LocalJSONField(help_text=gettext_lazy("As stored: related objects as their ids."))
    new = LocalJSONField(help_text=gettext_lazy("As stored: related objects as their ids."))
    old_display = serializers.CharField(help_text=gettext_lazy("As the case page shows it."))
    new_display = serializers.CharField(help_text=gettext_lazy("As the case page shows it."))


class HistoryRecordSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    date = serializers.DateTimeField()
    user = PersonSerializer(allow_null=True)
    type = serializers.ChoiceField(choices=[("+", gettext_lazy("created")), ("~", gettext_lazy("changed")),
                                            ("-", gettext_lazy("deleted"))])
    changes = FieldChangeSerializer(many=True)


class StreamEventSerializer(serializers.Serializer):
    """One event of a case's stream: a decision, comment or file of its timeline, or a change of its fields."""

    at = serializers.DateTimeField()
    source = serializers.ChoiceField(choices=[("timeline", gettext_lazy("timeline")), ("history", gettext_lazy(
        "history"))], help_text=gettext_lazy("timeline: a step's event; history: a change of the case's fields."))
    kind = serializers.CharField(help_text=gettext_lazy(
        "The timeline's event kind (`submitted`, `approved`, `activity_done`…), or created, changed, deleted."))
    kind_display = serializers.CharField()
    step = serializers.CharField(help_text=gettext_lazy("The step it happened at; blank for a field change."))
    actor = PersonSerializer(allow_null=True)
    actor_kind = serializers.ChoiceField(choices=[("person", gettext_lazy("person")), ("system", gettext_lazy(
        "system")), ("hidden", gettext_lazy("hidden"))], help_text=gettext_lazy(
        "person (named in `actor`), system (a timer or the process itself), hidden (an expert, to the authors)."))
    comment = serializers.CharField(allow_blank=True)
    files = CaseFileSerializer(many=True)
    links = serializers.ListField(child=serializers.URLField(), help_text=gettext_lazy(
        "Links given with it (an activity's evidence)."))
    changes = FieldChangeSerializer(many=True, help_text=gettext_lazy("The fields changed, for a field change."))


class NamedChoiceField(serializers.ChoiceField):
    """A choice field whose choices are one enum of the schema, named `enum_name`: every process has its
    own `status` and `kind`, which drf-spectacular would otherwise name alike."""

    def __init__(self, *args, enum_name: str, **kwargs):
        self.enum_name = enum_name
        super().__init__(*args, **kwargs)


class NamedChoiceFieldExtension(OpenApiSerializerFieldExtension):
    target_class = NamedChoiceField

    def map_serializer_field(self, auto_schema, direction):
        schema = build_choice_field(self.target)
        schema.pop("x-spec-enum-id", None)
        component = ResolvedComponent(name=self.target.enum_name, type=ResolvedComponent.SCHEMA,
                                      object=self.target.enum_name, schema=schema)
        auto_schema.registry.register_on_missing(component)
        return component.ref


class ActionSerializer(serializers.Serializer):
    """One thing you can do now over the API (`workflows.api_actions`)."""

    action = serializers.CharField(help_text=gettext_lazy(
        "What it does, as the process names it (`claim`, `decide`, `submit`, `review`…)."))
    method = NamedChoiceField(choices=[(method, method) for method in METHODS], enum_name="HttpMethodEnum")
    url = serializers.URLField()
    request = serializers.CharField(allow_null=True, help_text=gettext_lazy(
        "The name of the request body's schema component (`components.schemas`); null: no body."))


class CaseStateFields(serializers.Serializer):
    """`actions` (what the person may do with the case now, of the process's `case_actions`) and
    `current_task` (the task to claim or complete through /api/tasks/) of a case's detail. A subclass names
    its `case_actions` and answers `actions_of(case, user)` and `open_task(case, user)` from its services."""

    actions = serializers.SerializerMethodField()
    current_task = serializers.SerializerMethodField(help_text=gettext_lazy(
        "Your open task on the case, to claim or complete through /api/tasks/; null if none."))
    case_actions: tuple[str, ...] = ()

    def get_fields(self) -> dict:
        fields = super().get_fields()
        fields["actions"].help_text = format_lazy(gettext_lazy(
            "What you may do with the case now, each with its method, URL and body, of: {actions}."),
                                                  actions=", ".join(self.case_actions))
        return fields

    # Hooks every process's detail serializer answers (routes/api.py, materials/serializers.py).

    def actions_of(self, case, user) -> set[str]:
        raise NotImplementedError(f"{type(self).__name__} must say what the person may do with the case now")

    def open_task(self, case, user):
        raise NotImplementedError(f"{type(self).__name__} must name the person's open task on the case")

    @extend_schema_field(ActionSerializer(many=True))
    def get_actions(self, case) -> list[dict]:
        request = self.context["request"]
        names = sorted(self.actions_of(case, request.user))
        task = self.open_task(case, request.user)
        return list(endpoint_actions(case_type_for(case).api, names, case, task, request))

    def get_current_task(self, case) -> int | None:
        task = self.open_task(case, self.context["request"].user)
        return task.pk if task else None


class StoredFileSerializer(serializers.ModelSerializer):
    """A file a process keeps (a `workflows.models.StoredFile`), with its download link; a subclass's `Meta`
    names the model and the fields."""

    url = serializers.SerializerMethodField()

    def get_url(self, stored) -> str:
        return absolute(self.context.get("request"), download_url(stored))
