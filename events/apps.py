from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """The service's events (мероприятия): seminars, webinars, master classes …, registration, attendance,
    certificates, the municipality's calendar and its iCalendar feed."""

    name = "events"
    verbose_name = _("Events")
