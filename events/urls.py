"""The public calendar of a municipality's events and its iCalendar feed (no login)."""
from django.contrib.auth.decorators import login_not_required
from django.urls import path

from .calendar_views import FeedView, PublicCalendarView

urlpatterns = [
    path("calendar/<str:code>/", login_not_required(PublicCalendarView.as_view()), name="public-calendar"),
    path("calendar/<str:code>/events.ics", login_not_required(FeedView.as_view()), name="calendar-feed"),
]
