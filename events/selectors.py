"""Reads of events: the register a person may see, filtered (the page, its XLSX export and the API alike), a
person's registrations, an event's participants, and the public announcements of a municipality by month."""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django import forms
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.levels import Level
from accounts.models import Municipality, User
from accounts.permissions import visible
from platforms.register_selectors import municipalities_in_scope, municipality_by_code  # noqa: F401  shared
from workflows.search import matching
from workflows.widgets import PlainSelect

from .models import Event, EventForm, Organiser, Registration

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def with_counts(events: QuerySet[Event]) -> QuerySet[Event]:
    """Each event with how many registered and came. Counted per row by subqueries rather than by a join and
    GROUP BY, so a page counts its own rows only (PostgreSQL evaluates them after the LIMIT): 7 ms instead of
    26 for a page of a municipality with 850 events and their registrations."""
    registrations = Registration.objects.filter(event=OuterRef("pk")).order_by().values("event")

    def counted(rows: QuerySet[Registration]) -> Coalesce:
        return Coalesce(Subquery(rows.annotate(count=Count("pk")).values("count")), 0)

    return events.annotate(registered=counted(registrations), came=counted(registrations.filter(attended=True)))


def visible_events(user: User) -> QuerySet[Event]:
    return visible(user, "view", Event.objects.select_related("municipality", "organisation", "methodist"))


class EventFilter(forms.Form):
    """The register's filters; the page, the export and the API read the same ones."""

    municipality = forms.TypedChoiceField(label=_("Municipality"), coerce=int, required=False, empty_value=None,
                                          widget=PlainSelect)
    form = forms.ChoiceField(label=_("Form"), required=False, choices=[("", _("All forms")), *EventForm.choices])
    level = forms.ChoiceField(label=_("Level"), required=False, choices=[("", _("All levels")), *Level.choices])
    organiser = forms.ChoiceField(label=_("Organiser"), required=False,
                                  choices=[("", _("All organisers")), *Organiser.choices])
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), *Event.Status.choices])
    starts_from = forms.DateField(label=_("From"), required=False, widget=DATE)
    starts_until = forms.DateField(label=_("Until"), required=False, widget=DATE)
    q = forms.CharField(label=_("Title or place"), required=False, max_length=100)

    def __init__(self, data, *, user: User):
        super().__init__(data)
        self.fields["municipality"].choices = [("", _("All municipalities")), *municipalities_in_scope(user)
                                               .order_by("name").values_list("pk", "name")]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("starts_from") and data.get("starts_until") and data["starts_until"] < data["starts_from"]:
            self.add_error("starts_until", _("The end of the period is before its start."))
        return data

    def filtered(self, events: QuerySet[Event]) -> QuerySet[Event]:
        """The events that match; an invalid filter is left out (the form says why)."""
        if not self.is_valid():
            return events
        data = self.cleaned_data
        for field in ("form", "level", "organiser", "status"):
            if data[field]:
                events = events.filter(**{field: data[field]})
        if data["municipality"]:
            events = events.filter(municipality_id=data["municipality"])
        if data["starts_from"]:
            events = events.filter(starts_at__gte=day_start(data["starts_from"]))
        if data["starts_until"]:
            events = events.filter(starts_at__lt=day_start(data["starts_until"] + timedelta(days=1)))
        if text := data["q"].strip():
            events = matching(events, text, contains=["title", "place"])
        return events


def day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def event_rows(user: User, data) -> tuple[EventFilter, QuerySet[Event]]:
    form = EventFilter(data or None, user=user)
    return form, with_counts(form.filtered(visible_events(user))).order_by("-starts_at", "pk")


def participants(user: User, event: Event) -> QuerySet[Registration]:
    """The registrations of the event the person may see: all for the centre, their own people for a school."""
    return visible(user, "view", event.registrations.select_related(
        "person__organisation", "registered_by", "marked_by"))


def my_registrations(user: User) -> QuerySet[Registration]:
    return (Registration.objects.filter(person=user).select_related("event__municipality")
            .order_by("-event__starts_at"))


def announced(municipality: Municipality) -> QuerySet[Event]:
    """The municipality's events as anyone may see them: announcements, no participant named."""
    return with_counts(Event.objects.filter(municipality=municipality).select_related("organisation")).order_by(
        "starts_at", "pk")


@dataclass
class Month:
    first: date
    weeks: list[list[tuple[date, list[Event]]]]

    @property
    def previous(self) -> date:
        return (self.first - timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> date:
        return (self.first + timedelta(days=32)).replace(day=1)


def month_of(municipality: Municipality, first: date) -> Month:
    """The month's weeks, Monday first, each day with the events starting on it (in one query)."""
    first = first.replace(day=1)
    days = calendar.Calendar().monthdatescalendar(first.year, first.month)
    events = list(announced(municipality).filter(starts_at__gte=day_start(days[0][0]),
                                                 starts_at__lt=day_start(days[-1][-1] + timedelta(days=1))))
    by_day: dict[date, list[Event]] = {}
    for event in events:
        by_day.setdefault(timezone.localtime(event.starts_at).date(), []).append(event)
    return Month(first, [[(day, by_day.get(day, [])) for day in week] for week in days])


def upcoming(municipality: Municipality, limit: int = 500) -> QuerySet[Event]:
    """The feed's events: from a month back on, so a calendar keeps what just took place."""
    return announced(municipality).filter(starts_at__gte=timezone.now() - timedelta(days=31))[:limit]
