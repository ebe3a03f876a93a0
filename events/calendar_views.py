"""The municipality's calendar of events: the month view (public, and inside the service for one's own
municipality) and its iCalendar feed, which calendar programs subscribe to without signing in."""
from __future__ import annotations

from datetime import date

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views import View
from icalendar import Calendar, Event as CalendarEvent

from accounts.models import Municipality

from .models import Event
from .selectors import month_of, municipality_by_code, upcoming


def month_asked(request: HttpRequest) -> date:
    """`?month=2026-12`; anything else is the current month."""
    text = request.GET.get("month", "")
    try:
        year, month = (int(part) for part in text.split("-"))
        return date(year, month, 1) if 2000 <= year <= 2100 else timezone.localdate().replace(day=1)
    except ValueError:
        return timezone.localdate().replace(day=1)


def municipality_or_404(code: str) -> Municipality:
    municipality = municipality_by_code(code)
    if municipality is None:
        raise Http404(_("Not found."))
    return municipality


def calendar_context(request: HttpRequest, municipality: Municipality) -> dict:
    return {"municipality": municipality, "month": month_of(municipality, month_asked(request)),
            "today": timezone.localdate(), "weekdays": [WEEKDAYS_ABBR[day] for day in range(7)]}


class PublicCalendarView(View):
    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        return render(request, "events/public_calendar.html", calendar_context(request, municipality_or_404(code)))


class CalendarView(View):
    """The calendar of the person's own municipality, inside the service."""

    def get(self, request: HttpRequest) -> HttpResponse:
        municipality = request.user.municipality
        if municipality is None:
            return redirect("events:index")
        return render(request, "events/calendar.html", calendar_context(request, municipality))


def feed(municipality: Municipality, events) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Methodflow//events//RU")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Events: %(municipality)s") % {"municipality": municipality.name})
    site = settings.SITE_URL.rstrip("/")
    for event in events:
        entry = CalendarEvent()
        entry.add("uid", f"event-{event.pk}@methodflow")
        entry.add("dtstamp", event.created_at)
        entry.add("dtstart", event.starts_at)
        entry.add("dtend", event.ends_at)
        entry.add("summary", f"{capfirst(event.get_form_display())}: {event.title}")
        entry.add("location", event.place or event.link)
        entry.add("url", f"{site}{event.get_absolute_url()}")
        entry.add("status", "CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED")
        if event.description:
            entry.add("description", event.description)
        calendar.add_component(entry)
    return calendar.to_ical()


class FeedView(View):
    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        municipality = municipality_or_404(code)
        response = HttpResponse(feed(municipality, upcoming(municipality)), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="events-{municipality.slug}.ics"'
        return response
