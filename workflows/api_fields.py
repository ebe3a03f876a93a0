"""Representations every process's API shares: people, files, the timeline, the history, what you may do."""
from __future__ import annotations

from django.utils.translation import gettext_lazy
from rest_framework import serializers

from .files import download_url
from .models import CaseEvent


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
    old = serializers.JSONField(help_text=gettext_lazy("As stored: related objects as their ids."))
    new = serializers.JSONField(help_text=gettext_lazy("As stored: related objects as their ids."))
    old_display = serializers.CharField(help_text=gettext_lazy("As the case page shows it."))
    new_display = serializers.CharField(help_text=gettext_lazy("As the case page shows it."))


class HistoryRecordSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    date = serializers.DateTimeField()
    user = PersonSerializer(allow_null=True)
    type = serializers.ChoiceField(choices=[("+", gettext_lazy("created")), ("~", gettext_lazy("changed")),
                                            ("-", gettext_lazy("deleted"))])
    changes = FieldChangeSerializer(many=True)


class CaseStateFields(serializers.Serializer):
    """`actions` (what the person may do with the case now) and `current_task` (the task to claim or
    complete through /api/tasks/) of a case's detail. A subclass answers `actions_of(case, user)` and
    `open_task(case, user)` from its services and describes both in its process's words."""

    actions = serializers.SerializerMethodField()
    current_task = serializers.SerializerMethodField()
    actions_help = ""
    current_task_help = ""

    def get_fields(self) -> dict:
        fields = super().get_fields()
        fields["actions"].help_text = self.actions_help
        fields["current_task"].help_text = self.current_task_help
        return fields

    # Hooks every process's detail serializer answers (routes/api.py, materials/serializers.py).

    def actions_of(self, case, user) -> set[str]:
        raise NotImplementedError(f"{type(self).__name__} must say what the person may do with the case now")

    def open_task(self, case, user):
        raise NotImplementedError(f"{type(self).__name__} must name the person's open task on the case")

    def get_actions(self, case) -> list[str]:
        return sorted(self.actions_of(case, self.context["request"].user))

    def get_current_task(self, case) -> int | None:
        task = self.open_task(case, self.context["request"].user)
        return task.pk if task else None
