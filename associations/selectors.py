"""Reads of the register of associations: what a person may see, filtered (the page, the export and the API
alike), the members on a day, the members' deficits a plan is built on, and the counts indicators read."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django import forms
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, User, in_force
from accounts.permissions import organisations_in_scope
from routes.models import CompetenceArea, Deficit
from workflows.search import matching
from workflows.widgets import PlainSelect

from .models import Association, Meeting, MeetingPlan, Membership
from .rules import readable

Level = Association.Level


def visible_associations(user: User) -> QuerySet[Association]:
    return readable(user, Association.objects.select_related("municipality", "organisation", "head"))


class AssociationFilter(forms.Form):
    """The register's filters; the page, the export and the API read the same ones."""

    municipality = forms.TypedChoiceField(label=_("Municipality"), coerce=int, required=False, empty_value=None,
                                          widget=PlainSelect)
    level = forms.ChoiceField(label=_("Level"), required=False, choices=[("", _("All levels")), *Level.choices])
    territory = forms.ChoiceField(label=_("Municipal, district or city"), required=False,
                                  choices=[("", _("MunMA, DistMA and CityMA")), *Association.Territory.choices])
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", _("All kinds")), *Association.Kind.choices])
    year = forms.IntegerField(label=_("Meetings in the year"), required=False, min_value=2000, max_value=2100)
    q = forms.CharField(label=_("Name, direction or head"), required=False, max_length=100)

    def __init__(self, data, *, user: User):
        super().__init__(data)
        municipalities = Municipality.objects.filter(pk__in=organisations_in_scope(user).values("municipality_id"))
        self.fields["municipality"].choices = [("", _("All municipalities")),
                                               *municipalities.order_by("name").values_list("pk", "name")]

    def filtered(self, associations: QuerySet[Association]) -> QuerySet[Association]:
        """The associations that match; an invalid filter is left out (the form says why)."""
        if not self.is_valid():
            return associations
        data = self.cleaned_data
        for name in ("level", "territory", "kind"):
            if data[name]:
                associations = associations.filter(**{name: data[name]})
        if data["municipality"]:
            associations = associations.filter(municipality_id=data["municipality"])
        if data["year"]:
            associations = associations.filter(meetings__held_on__year=data["year"]).distinct()
        if text := data["q"].strip():
            associations = matching(associations, text, contains=["name", "direction", "head__last_name"])
        return associations

    @property
    def counted_year(self) -> int:
        return (self.cleaned_data.get("year") if self.is_valid() else None) or timezone.localdate().year


def register_rows(user: User, data) -> tuple[AssociationFilter, QuerySet[Association]]:
    """The filtered associations, each with its members today and its meetings in the filter's year."""
    form = AssociationFilter(data or None, user=user)
    year = form.counted_year
    rows = form.filtered(visible_associations(user)).annotate(
        members_count=Count("memberships", filter=Q(memberships__in=Membership.objects.filter(in_force())),
                            distinct=True),
        meetings_count=Count("meetings", filter=Q(meetings__held_on__year=year), distinct=True),
    )
    return form, rows.order_by("municipality__name", "level", "name", "pk")


def members_on(association: Association, day: date | None = None) -> QuerySet[Membership]:
    return (association.memberships.filter(in_force(day or timezone.localdate()))
            .select_related("person", "person__organisation").order_by("person__last_name", "person__first_name"))


def memberships_of(association: Association) -> QuerySet[Membership]:
    """Every membership, past ones too, for the association's page."""
    return association.memberships.select_related("person", "person__organisation").order_by(
        "valid_until", "person__last_name", "person__first_name")


@dataclass
class DeficitGroup:
    """Members' deficits of one competence area and title: what a meeting of the plan may address."""

    area: str
    title: str
    deficits: list[Deficit] = field(default_factory=list)

    @property
    def members(self) -> int:
        return len({deficit.diagnostics.teacher_id for deficit in self.deficits})

    @property
    def area_label(self) -> str:
        return str(CompetenceArea(self.area).label)


def members_deficits(association: Association, year: int) -> QuerySet[Deficit]:
    """The deficits found by the diagnostics of the association's current members up to the end of `year`
    (no one else's: a plan never names a person outside the association)."""
    members = members_on(association).values("person_id")
    return (Deficit.objects.filter(diagnostics__teacher__in=members, diagnostics__date__year__lte=year)
            .select_related("diagnostics", "diagnostics__teacher").order_by("area", "title", "pk"))


def deficit_groups(association: Association, year: int) -> list[DeficitGroup]:
    """The members' deficits grouped by area and title, the most shared first [001:435]."""
    groups: dict[tuple[str, str], DeficitGroup] = defaultdict(lambda: DeficitGroup("", ""))
    for deficit in members_deficits(association, year):
        group = groups[(deficit.area, deficit.title)]
        group.area, group.title = deficit.area, deficit.title
        group.deficits.append(deficit)
    return sorted(groups.values(), key=lambda group: (-group.members, group.area, group.title))


def plan_of(association: Association, year: int) -> MeetingPlan | None:
    return association.plans.filter(year=year).prefetch_related("items__deficits", "items__meeting").first()


def meetings_of(association: Association) -> QuerySet[Meeting]:
    return association.meetings.select_related("planned").order_by("-held_on", "-pk")


def meetings_held(municipality: Municipality, year: int) -> QuerySet[Meeting]:
    """The meetings of the municipality's associations held in `year` with their protocol recorded."""
    return Meeting.objects.filter(association__municipality=municipality, held_on__year=year,
                                  protocol_recorded_at__isnull=False)


def meetings_per_year(municipality: Municipality, year: int) -> int:
    """How many association meetings the municipality held in `year` (Slavyansk: up to 4 per direction
    [002:241]; Tomsk counts the methodists' meetings [000:272])."""
    return meetings_held(municipality, year).count()


def associations_at_work(municipality: Municipality, year: int) -> QuerySet[Association]:
    """The municipality's associations that held at least one meeting with a protocol in `year`."""
    return Association.objects.filter(pk__in=meetings_held(municipality, year).values("association_id"))
