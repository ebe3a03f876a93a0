"""Reads of the work plan: the plans and items a person may see, the items' filters (the page, its XLSX
export and the API read the same ones), the roadmap of a year by section, and the analysis of the plan's
execution computed from its items."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django import forms
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Role, RoleAssignment, User
from accounts.permissions import may, organisations_in_scope, visible
from workflows.search import matching
from workflows.widgets import PlainSelect

from .indicators import Indicator
from .models import PlanItem, Section, WorkPlan

OPEN = (PlanItem.Status.PLANNED, PlanItem.Status.IN_PROGRESS)


def municipalities_in_scope(user: User) -> QuerySet[Municipality]:
    return Municipality.objects.filter(pk__in=organisations_in_scope(user).values("municipality_id"))


def municipalities_to_plan(user: User) -> list[Municipality]:
    """The municipalities whose work plan the person may draw up."""
    return [municipality for municipality in municipalities_in_scope(user).order_by("name")
            if may(user, "plan_work", municipality)]


def visible_plans(user: User) -> QuerySet[WorkPlan]:
    return visible(user, "view", WorkPlan.objects.select_related("municipality", "approved_by")).annotate(
        item_count=Count("items")).order_by("-year", "municipality__name")


def visible_items(user: User) -> QuerySet[PlanItem]:
    return visible(user, "view", PlanItem.objects.select_related(
        "plan__municipality", "responsible__organisation", "closed_by"))


class ItemFilter(forms.Form):
    """The items' filters; the page, the export and the API read the same ones."""

    municipality = forms.TypedChoiceField(label=_("Municipality"), coerce=int, required=False, empty_value=None,
                                          widget=PlainSelect)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    section = forms.ChoiceField(label=_("Section"), required=False,
                                choices=[("", _("All sections")), *Section.choices])
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), *PlanItem.Status.choices])
    indicator = forms.ChoiceField(label=_("Indicator"), required=False,
                                  choices=[("", _("All indicators")), *Indicator.choices])
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    mine = forms.BooleanField(label=_("Mine only"), required=False)
    q = forms.CharField(label=_("What or who"), required=False, max_length=100)

    def __init__(self, data, *, user: User):
        super().__init__(data)
        self.user = user
        self.fields["municipality"].choices = [("", _("All municipalities")), *municipalities_in_scope(user)
                                               .order_by("name").values_list("pk", "name")]

    def filtered(self, items: QuerySet[PlanItem]) -> QuerySet[PlanItem]:
        """The items that match; an invalid filter is left out (the form says why)."""
        if not self.is_valid():
            return items
        data = self.cleaned_data
        for name in ("section", "status", "indicator"):
            if data[name]:
                items = items.filter(**{name: data[name]})
        if data["municipality"]:
            items = items.filter(plan__municipality_id=data["municipality"])
        if data["year"]:
            items = items.filter(plan__year=data["year"])
        if data["overdue"]:
            items = items.filter(status__in=OPEN, deadline__lt=timezone.localdate())
        if data["mine"]:
            items = items.filter(responsible=self.user)
        if text := data["q"].strip():
            items = matching(items, text, contains=["title", "result"],
                             starts=["responsible__last_name"])
        return items


def item_rows(user: User, data) -> tuple[ItemFilter, QuerySet[PlanItem]]:
    form = ItemFilter(data or None, user=user)
    return form, form.filtered(visible_items(user)).order_by("plan__municipality__name", "-plan__year",
                                                             "deadline", "number", "pk")


@dataclass
class SectionRoadmap:
    section: str
    label: str
    items: list[PlanItem] = field(default_factory=list)


def roadmap(plan: WorkPlan) -> list[SectionRoadmap]:
    """The year's items by section of the roadmap, in the sections' order, each by deadline."""
    sections = {value: SectionRoadmap(value, label) for value, label in Section.choices}
    for item in plan.items.select_related("responsible__organisation", "closed_by").order_by("deadline", "number"):
        sections[item.section].items.append(item)
    return [section for section in sections.values() if section.items]


@dataclass
class Execution:
    """What came of a section's items (or of the whole plan's): done on time, done late, not done, open."""

    label: str
    total: int = 0
    on_time: int = 0
    late: int = 0
    not_done: int = 0
    open: int = 0
    overdue: int = 0

    @property
    def done(self) -> int:
        return self.on_time + self.late

    @property
    def done_share(self) -> int | None:
        """Per cent of the items done, rounded down (None for no items)."""
        return self.done * 100 // self.total if self.total else None


def execution(plan: WorkPlan) -> tuple[list[Execution], Execution]:
    """The analysis of the plan's execution per section and in total, computed from its items in one query."""
    today = timezone.localdate()
    rows = plan.items.values("section").annotate(
        total=Count("pk"),
        on_time=Count("pk", filter=Q(status=PlanItem.Status.DONE, closed_on__lte=F("deadline"))),
        late=Count("pk", filter=Q(status=PlanItem.Status.DONE, closed_on__gt=F("deadline"))),
        not_done=Count("pk", filter=Q(status=PlanItem.Status.NOT_DONE)),
        open=Count("pk", filter=Q(status__in=OPEN)),
        overdue=Count("pk", filter=Q(status__in=OPEN, deadline__lt=today)),
    )
    counted = {row.pop("section"): row for row in rows}
    sections = [Execution(label, **counted[value]) for value, label in Section.choices if value in counted]
    total = Execution(str(_("Whole plan")))
    for section in sections:
        for name in ("total", "on_time", "late", "not_done", "open", "overdue"):
            setattr(total, name, getattr(total, name) + getattr(section, name))
    return sections, total


# Who answers for a plan's lines [000:216-236]: the centre, the department and the schools' heads and leads,
# not every teacher of the municipality (thousands in a regional centre).
ANSWERING_ROLES = (Role.METHODIST, Role.OFFICER, Role.EXPERT, Role.TUTOR, Role.MENTOR, Role.LEAD, Role.DIRECTOR)


def people_to_name(plan: WorkPlan) -> QuerySet[User]:
    """Whom an item of the plan may name as responsible: the people of its municipality holding a role that
    answers for the plan's lines today."""
    holders = RoleAssignment.objects.active().filter(role__in=ANSWERING_ROLES).values("user_id")
    return (User.objects.filter(is_active=True, organisation__municipality=plan.municipality_id, pk__in=holders)
            .select_related("organisation").order_by("last_name", "first_name", "pk"))


def items_due(user: User, *, within_days: int = 14) -> QuerySet[PlanItem]:
    """The open items the person answers for that are due within `within_days` or overdue: their start page."""
    horizon = timezone.localdate() + timedelta(days=within_days)
    return (PlanItem.objects.filter(responsible=user, status__in=OPEN, deadline__lte=horizon)
            .select_related("plan__municipality").order_by("deadline", "pk"))
