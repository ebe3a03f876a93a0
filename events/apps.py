from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """The service's events (мероприятия): seminars, webinars, master classes …, registration, attendance,
    certificates, the municipality's calendar and its iCalendar feed."""

    name = "events"
    verbose_name = _("Events")
    site_sections = ["events.viewsets.EventsApp"]
    api_routes = [("events", "events.api.EventViewSet", "event"),
                  ("event-registrations", "events.api.RegistrationViewSet", "event-registration")]
    urls = "events.urls"  # the public calendar of a municipality and its iCalendar feed
    start_panels = "events.start.panels"  # events to register for and my registrations; attendance to mark

    def ready(self) -> None:
        from . import rules  # noqa: F401  who enters events, registers people and marks attendance
