from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.viewsets import CaseworkApp

from . import views
from .calendar_views import CalendarView


class EventsApp(CaseworkApp):
    """The events: the register, the calendar, an event's page and form, my registrations."""

    app_name = "events"
    title = _("Events")
    icon = "event"

    urlpatterns = [
        path("", views.EventListView.as_view(), name="index"),
        path("export/", views.EventExportView.as_view(), name="export"),
        path("calendar/", CalendarView.as_view(), name="calendar"),
        path("mine/", views.MyEventsView.as_view(), name="mine"),
        path("new/", views.EventEditView.as_view(), name="create"),
        path("<int:pk>/", views.EventDetailView.as_view(), name="event"),
        path("<int:pk>/edit/", views.EventEditView.as_view(), name="edit"),
        path("<int:pk>/files/<int:file_pk>/", views.EventFileView.as_view(), name="file"),
        path("<int:pk>/<slug:action>/", views.EventActionView.as_view(), name="action"),
        path("registrations/<int:pk>/withdraw/", views.WithdrawView.as_view(), name="withdraw"),
        path("registrations/<int:pk>/certificate/", views.CertificateView.as_view(), name="certificate"),
    ]
