"""Reads of the courses' registers: the completions, needs and plans a person may see with the filters the
pages, the exports and the API share; the region's reference list; what indicators count (the teachers
with courses in a year, their share [002:225]: at least 30 % a year)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.core.cache import caches
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import (
    Municipality,
    Organisation,
    Region,
    Role,
    RoleAssignment,
    User,
)
from accounts.permissions import organisations_in_scope, visible
from workflows.search import matching
from workflows.widgets import PlainSelect

from .models import Course, CourseCompletion, CourseNeed, CoursePlan, Focus, Provider

TARGET_SHARE = Decimal(30)  # per cent of teachers a year [002:225]


def municipalities_in_scope(user: User) -> QuerySet[Municipality]:
    return Municipality.objects.filter(pk__in=organisations_in_scope(user).values("municipality_id"))


def regions_in_scope(user: User) -> QuerySet[Region]:
    """The regions of the person's scopes, or of their own organisation: whose reference list they read."""
    own = Q(pk__in=Organisation.objects.filter(people=user).values("municipality__region_id"))
    return Region.objects.filter(Q(pk__in=municipalities_in_scope(user).values("region_id")) | own)


def providers_for(user: User) -> QuerySet[Provider]:
    return Provider.objects.filter(region__in=regions_in_scope(user)).order_by("short_name")


def courses_for(user: User) -> QuerySet[Course]:
    """The programmes of the providers of the person's regions, every signed-in person's reference list."""
    return (Course.objects.filter(provider__region__in=regions_in_scope(user)).select_related("provider")
            .order_by("title", "hours", "pk"))


def year_choices() -> list[tuple[int, int]]:
    this_year = timezone.localdate().year
    return [(year, year) for year in range(this_year + 1, this_year - 6, -1)]


class RegisterFilter(forms.Form):
    """Filters of the completions and needs; the page, the export and the API read the same ones."""

    municipality = forms.TypedChoiceField(label=_("Municipality"), coerce=int, required=False, empty_value=None,
                                          widget=PlainSelect)
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int, required=False, empty_value=None,
                                          widget=PlainSelect)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    focus = forms.ChoiceField(label=_("Focus"), required=False, choices=[("", _("Every focus")), *Focus.choices])
    q = forms.CharField(label=_("Surname or programme"), required=False, max_length=100)

    search_fields: tuple[str, ...] = ("person__last_name", "course__title", "course__provider__short_name")
    focus_field = "course__focus"
    year_field = "ends_on__year"

    def __init__(self, data, *, user: User):
        super().__init__(data)
        self.fields["municipality"].choices = [("", _("All municipalities")), *municipalities_in_scope(user)
                                               .order_by("name").values_list("pk", "name")]
        self.fields["organisation"].choices = [("", _("All organisations")), *organisations_in_scope(user)
                                               .order_by("short_name").values_list("pk", "short_name")]
        self.fields["year"].choices = [("", _("Every year")), *year_choices()]

    def filtered(self, rows: QuerySet) -> QuerySet:
        """The rows that match; an invalid filter is left out (the form says why)."""
        if not self.is_valid():
            return rows
        data = self.cleaned_data
        if data["municipality"]:
            rows = rows.filter(municipality_id=data["municipality"])
        if data["organisation"]:
            rows = rows.filter(organisation_id=data["organisation"])
        if data["year"]:
            rows = rows.filter(**{self.year_field: data["year"]})
        if data["focus"]:
            rows = rows.filter(**{self.focus_field: data["focus"]})
        if text := data["q"].strip():
            rows = matching(rows, text, contains=self.search_fields)
        return rows


class NeedFilter(RegisterFilter):
    search_fields = ("topic", "organisation__short_name")
    focus_field = "focus"
    year_field = "year"

    def __init__(self, data, *, user: User):
        super().__init__(data, user=user)
        self.fields["q"].label = _("Topic or organisation")


def visible_completions(user: User) -> QuerySet[CourseCompletion]:
    return visible(user, "view", CourseCompletion.objects.select_related(
        "person", "organisation", "municipality", "course__provider", "certificate"))


def completion_rows(user: User, data) -> tuple[RegisterFilter, QuerySet[CourseCompletion]]:
    form = RegisterFilter(data or None, user=user)
    return form, form.filtered(visible_completions(user)).order_by("-ends_on", "person__last_name", "pk")


def visible_needs(user: User) -> QuerySet[CourseNeed]:
    return visible(user, "view", CourseNeed.objects.select_related("organisation", "municipality", "submitted_by")
                   .prefetch_related("people"))


def need_rows(user: User, data) -> tuple[NeedFilter, QuerySet[CourseNeed]]:
    form = NeedFilter(data or None, user=user)
    return form, form.filtered(visible_needs(user)).order_by("-year", "organisation__short_name", "focus", "pk")


def visible_plans(user: User) -> QuerySet[CoursePlan]:
    return visible(user, "view", CoursePlan.objects.select_related("municipality", "consolidated_by")).order_by(
        "-year", "municipality__name")


def plan_items(plan: CoursePlan) -> QuerySet:
    return plan.items.select_related("course__provider").prefetch_related("needs__organisation")


def teachers_with_courses(municipality: Municipality, year: int) -> QuerySet[User]:
    """The people of the municipality's organisations with a course completed in the year (indicators)."""
    return User.objects.filter(pk__in=CourseCompletion.objects.filter(
        municipality=municipality, ends_on__year=year).values("person_id"))


def teachers_of(municipality: Municipality) -> QuerySet[User]:
    """Who teaches in the municipality today: the holders of the teacher's role in its organisations."""
    return User.objects.filter(pk__in=RoleAssignment.objects.active().filter(
        role=Role.TEACHER, organisation__municipality=municipality).values("user_id"))


@dataclass(frozen=True)
class Coverage:
    with_courses: int
    teachers: int

    @property
    def share(self) -> Decimal:
        if not self.teachers:
            return Decimal(0)
        return (Decimal(100) * self.with_courses / self.teachers).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def meets_target(self) -> bool:
        return self.share >= TARGET_SHARE


def coverage(municipality: Municipality, year: int) -> Coverage:
    """The share of the municipality's teachers who completed a course in the year [002:225]."""
    teachers = teachers_of(municipality)
    return Coverage(with_courses=teachers.filter(pk__in=teachers_with_courses(municipality, year)).count(),
                    teachers=teachers.count())


SHOWN_FOR_SECONDS = 300


def _shown_key(municipality_id: int, year: int) -> str:
    return f"courses:coverage:{municipality_id}:{year}"


def coverage_shown(municipality: Municipality, year: int) -> Coverage:
    """`coverage` as the register's page shows it: counting a large municipality's teachers takes 100 ms, so the
    figure is kept in the shared cache; a change of the municipality's completions drops it at once
    (`forget_coverage`), a change of its staff shows within SHOWN_FOR_SECONDS."""
    shared, key = caches["shared"], _shown_key(municipality.pk, year)
    counts = shared.get(key)
    if counts is None:
        figure = coverage(municipality, year)
        shared.set(key, (figure.with_courses, figure.teachers), SHOWN_FOR_SECONDS)
        return figure
    return Coverage(*counts)


def forget_coverage(municipality_id: int) -> None:
    caches["shared"].delete_many([_shown_key(municipality_id, year) for year, _label in year_choices()])


def follow_ups(user: User, course: Course) -> tuple[list, list]:
    """The events and consultations following the course up [003:238], those the person may see."""
    events = getattr(course, "follow_up_events", None)
    consultations = getattr(course, "follow_up_consultations", None)
    return ([] if events is None else list(visible(user, "view", events.all())[:50]),
            [] if consultations is None else list(visible(user, "view", consultations.all())[:50]))
