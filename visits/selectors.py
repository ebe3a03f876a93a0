"""Reads of the register of visits: the visits, recommendations and consultations a person may see,
filtered the same way for the pages, their XLSX exports and the API; what waits for a director; and the
coverage of low-result schools an indicator counts [002:159: 100 % of ШНОР visited or consulted]."""
from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Organisation, User
from accounts.permissions import organisations_in_scope, visible
from workflows.search import matching
from workflows.widgets import PlainSelect

from .models import Consultation, Recommendation, Visit, VisitSchedule


def municipalities_in_scope(user: User) -> QuerySet[Municipality]:
    return Municipality.objects.filter(pk__in=organisations_in_scope(user).values("municipality_id"))


def visible_visits(user: User) -> QuerySet[Visit]:
    return visible(user, "view", Visit.objects.select_related("organisation", "schedule__municipality"))


def visible_recommendations(user: User) -> QuerySet[Recommendation]:
    return visible(user, "view", Recommendation.objects.select_related("organisation", "visit", "executed_by"))


def visible_consultations(user: User) -> QuerySet[Consultation]:
    return visible(user, "view", Consultation.objects.select_related("organisation", "municipality", "consulted_by"))


class ScopedFilter(forms.Form):
    """Filters by municipality and organisation of the person's scope, plus each list's own."""

    municipality = forms.TypedChoiceField(label=_("Municipality"), coerce=int, required=False, empty_value=None,
                                          widget=PlainSelect)
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int, required=False, empty_value=None,
                                          widget=PlainSelect)
    municipality_path = "municipality"

    def __init__(self, data, *, user: User):
        super().__init__(data)
        self.fields["municipality"].choices = [("", _("All municipalities")), *municipalities_in_scope(user)
                                               .order_by("name").values_list("pk", "name")]
        self.fields["organisation"].choices = [("", _("All organisations")), *organisations_in_scope(user).filter(
            kind=Organisation.Kind.SCHOOL).order_by("short_name").values_list("pk", "short_name")]

    def filtered(self, rows: QuerySet) -> QuerySet:
        """The rows that match; an invalid filter is left out (the form says why)."""
        if not self.is_valid():
            return rows
        data = self.cleaned_data
        if data["municipality"]:
            rows = rows.filter(**{self.municipality_path: data["municipality"]})
        if data["organisation"]:
            rows = rows.filter(organisation=data["organisation"])
        return self.own(rows, data)

    def own(self, rows: QuerySet, data: dict) -> QuerySet:
        return rows


class VisitFilter(ScopedFilter):
    year = forms.IntegerField(label=_("Academic year (from)"), required=False, min_value=2000, max_value=2100)
    reason = forms.ChoiceField(label=_("Reason"), required=False, choices=[("", _("All reasons")),
                                                                          *Visit.Reason.choices])
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All statuses")),
                                                                          *Visit.Status.choices])
    q = forms.CharField(label=_("Purpose or findings"), required=False, max_length=100)
    municipality_path = "schedule__municipality"

    def own(self, rows: QuerySet, data: dict) -> QuerySet:
        if data["year"]:
            rows = rows.filter(schedule__year=data["year"])
        for field in ("reason", "status"):
            if data[field]:
                rows = rows.filter(**{field: data[field]})
        if text := data["q"].strip():
            rows = matching(rows, text, contains=["purpose", "findings", "organisation__short_name"])
        return rows


class RecommendationFilter(ScopedFilter):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[
        ("", _("All statuses")), *Recommendation.Status.choices, ("overdue", _("overdue"))])
    municipality_path = "organisation__municipality"

    def own(self, rows: QuerySet, data: dict) -> QuerySet:
        if data["status"] == "overdue":
            return rows.filter(status=Recommendation.Status.OPEN, due_on__lt=timezone.localdate())
        return rows.filter(status=data["status"]) if data["status"] else rows


class ConsultationFilter(ScopedFilter):
    audience = forms.ChoiceField(label=_("Audience"), required=False, choices=[
        ("", _("All audiences")), *Consultation.Audience.choices])
    form = forms.ChoiceField(label=_("Form"), required=False, choices=[("", _("All forms")),
                                                                       *Consultation.Form.choices])
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    q = forms.CharField(label=_("Topic"), required=False, max_length=100)

    def own(self, rows: QuerySet, data: dict) -> QuerySet:
        for field in ("audience", "form"):
            if data[field]:
                rows = rows.filter(**{field: data[field]})
        if data["since"]:
            rows = rows.filter(held_at__date__gte=data["since"])
        if data["until"]:
            rows = rows.filter(held_at__date__lte=data["until"])
        if text := data["q"].strip():
            rows = matching(rows, text, contains=["topic"])
        return rows


def visit_rows(user: User, data) -> tuple[VisitFilter, QuerySet[Visit]]:
    form = VisitFilter(data or None, user=user)
    return form, form.filtered(visible_visits(user)).order_by("planned_on", "organisation__short_name", "pk")


def recommendation_rows(user: User, data) -> tuple[RecommendationFilter, QuerySet[Recommendation]]:
    form = RecommendationFilter(data or None, user=user)
    return form, form.filtered(visible_recommendations(user)).order_by("status", "due_on", "pk")


def consultation_rows(user: User, data) -> tuple[ConsultationFilter, QuerySet[Consultation]]:
    form = ConsultationFilter(data or None, user=user)
    return form, form.filtered(visible_consultations(user)).order_by("-held_at", "pk")


def recommendations_awaiting(user: User) -> QuerySet[Recommendation]:
    """The open recommendations the person reports on (a director's organisation), by due date."""
    return visible(user, "execute", Recommendation.objects.filter(status=Recommendation.Status.OPEN)).select_related(
        "organisation", "visit").order_by("due_on", "pk")


def schedules_in_scope(user: User) -> QuerySet[VisitSchedule]:
    return visible(user, "view", VisitSchedule.objects.select_related("municipality", "approved_by"))


@dataclass(frozen=True)
class Coverage:
    supported: int
    total: int

    @property
    def share(self) -> int:
        return round(100 * self.supported / self.total) if self.total else 0


def low_results_coverage(municipality: Municipality, year: int) -> Coverage:
    """The municipality's low-result schools (ШНОР) with a visit carried out or a consultation in academic year
    `year`, of all its ШНОР [002:159,162]: the indicator's 100 % target."""
    schools = Organisation.objects.filter(municipality=municipality, is_low_results=True)
    visited = Q(methodical_visits__status=Visit.Status.DONE, methodical_visits__schedule__year=year)
    consulted = Q(consultations__held_at__date__gte=f"{year}-09-01",
                  consultations__held_at__date__lte=f"{year + 1}-08-31")
    return Coverage(supported=schools.filter(visited | consulted).distinct().count(), total=schools.count())
