"""The events' API bodies: an event as listed and shown, its input, a registration and the actions' bodies."""
from __future__ import annotations

from django.utils.translation import gettext_lazy
from rest_framework import serializers

from accounts.levels import Level
from accounts.models import Municipality, Organisation, User
from associations.models import Association
from courses.models import Course
from platforms.models import Site
from workflows.api_fields import NamedChoiceField, PersonSerializer, RefSerializer, absolute

from .models import Audience, Event, EventForm, Organiser, Registration


class EventSerializer(serializers.ModelSerializer):
    municipality = RefSerializer()
    form = NamedChoiceField(choices=EventForm.choices, enum_name="EventFormEnum")
    form_display = serializers.CharField(source="get_form_display")
    level = NamedChoiceField(choices=Level.choices, enum_name="EventLevelEnum")
    organiser = NamedChoiceField(choices=Organiser.choices, enum_name="EventOrganiserEnum")
    organisation = RefSerializer(allow_null=True)
    association = RefSerializer(allow_null=True)
    site = RefSerializer(allow_null=True)
    methodist = PersonSerializer()
    audience = NamedChoiceField(choices=Audience.choices, enum_name="EventAudienceEnum")
    status = NamedChoiceField(choices=Event.Status.choices, enum_name="EventStatusEnum")
    status_display = serializers.CharField(source="get_status_display")
    follows_course = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    registered = serializers.IntegerField()
    attended = serializers.IntegerField(source="came")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = ["id", "municipality", "form", "form_display", "title", "description", "level", "starts_at",
                  "ends_at", "organiser", "organisation", "association", "site", "methodist", "audience", "capacity",
                  "registration_deadline", "place", "link", "materials", "status", "status_display",
                  "follows_course", "registered", "attended", "url"]
        read_only_fields = fields

    def get_url(self, event: Event) -> str:
        return absolute(self.context.get("request"), event.get_absolute_url())


class EventInputSerializer(serializers.Serializer):
    """An event's fields; on PATCH only those sent change."""

    municipality = serializers.PrimaryKeyRelatedField(queryset=Municipality.objects.all())
    form = NamedChoiceField(choices=EventForm.choices, enum_name="EventFormEnum")
    title = serializers.CharField(max_length=300)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    level = NamedChoiceField(choices=Level.choices, enum_name="EventLevelEnum", required=False, default=Level.MUNICIPAL)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    organiser = NamedChoiceField(choices=Organiser.choices, enum_name="EventOrganiserEnum", required=False,
                                 default=Organiser.CENTRE)
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), required=False,
                                                      allow_null=True, default=None)
    association = serializers.PrimaryKeyRelatedField(queryset=Association.objects.all(), required=False,
                                                     allow_null=True, default=None)
    site = serializers.PrimaryKeyRelatedField(queryset=Site.objects.all(), required=False, allow_null=True,
                                              default=None)
    methodist = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), help_text=gettext_lazy(
        "Who runs the event."))
    audience = NamedChoiceField(choices=Audience.choices, enum_name="EventAudienceEnum", required=False,
                                default=Audience.TEACHERS)
    capacity = serializers.IntegerField(min_value=1, max_value=100000, required=False, allow_null=True, default=None,
                                        help_text=gettext_lazy("Places; null: no limit."))
    registration_deadline = serializers.DateTimeField(required=False, allow_null=True, default=None,
                                                      help_text=gettext_lazy("Null: until the event starts."))
    place = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    link = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")
    materials = serializers.CharField(required=False, allow_blank=True, default="")
    follows_course = serializers.PrimaryKeyRelatedField(queryset=Course.objects.all(), required=False,
                                                        allow_null=True, default=None)


class RegisterSerializer(serializers.Serializer):
    person = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), required=False,
                                                allow_null=True, default=None, help_text=gettext_lazy(
                                                    "Whom to register; yourself when left out."))


class AttendanceSerializer(serializers.Serializer):
    attended = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
                                     max_length=10000, help_text=gettext_lazy(
                                         "The registrations whose people came; the others did not."))


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class RegistrationSerializer(serializers.ModelSerializer):
    event = serializers.PrimaryKeyRelatedField(read_only=True)
    person = PersonSerializer()
    registered_by = PersonSerializer()
    marked_by = PersonSerializer(allow_null=True)

    class Meta:
        model = Registration
        fields = ["id", "event", "person", "registered_by", "registered_at", "attended", "marked_by", "marked_at"]
        read_only_fields = fields


class LinkSerializer(serializers.Serializer):
    activity = serializers.IntegerField(min_value=1, max_value=2**31 - 1, allow_null=True, help_text=gettext_lazy(
        "An activity of your own route not done yet; null unlinks."))
