"""A municipality's methodical centre (methodist, officer, auditor), two schools (a director each; the
first school's ШМО head answers for an item, a teacher who does not), a region's auditor and a second
municipality of the region with its own centre, and last year's plan with a few items."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.utils import timezone

from accounts.models import Municipality, Organisation, Role, User
from tests.factories import MunicipalityFactory, OrganisationFactory
from tests.school import person
from workplan import services
from workplan.models import PlanItem, Section, WorkPlan


@dataclass
class PlanWorld:
    municipality: Municipality
    school: Organisation
    methodist: User
    officer: User
    auditor: User
    region_auditor: User
    director: User
    other_director: User
    lead: User  # answers for an item
    teacher: User
    elsewhere: Municipality
    elsewhere_methodist: User
    elsewhere_officer: User
    elsewhere_auditor: User
    plan: WorkPlan

    @property
    def year(self) -> int:
        return self.plan.year

    def day(self, month: int, day: int) -> date:
        return date(self.year, month, day)

    def item(self, *, by: User | None = None, responsible: User | None = None, **fields) -> PlanItem:
        fields = {"section": Section.EVENTS, "title": "Провести городскую конференцию молодых педагогов",
                  "deadline": self.day(4, 30), **fields}
        return services.add_item(self.plan, by or self.methodist, responsible=responsible or self.lead, **fields)


@pytest.fixture
def plan_world(db) -> PlanWorld:
    municipality = MunicipalityFactory(name="Славянский район")
    centre = OrganisationFactory(municipality=municipality, kind=Organisation.Kind.METHODICAL_CENTRE)
    school, other_school = OrganisationFactory(municipality=municipality), OrganisationFactory(municipality=municipality)
    elsewhere = MunicipalityFactory(region=municipality.region)
    far = OrganisationFactory(municipality=elsewhere, kind=Organisation.Kind.METHODICAL_CENTRE)
    methodist = person("methodist.m", Role.METHODIST, centre, municipality=municipality)
    # Last year's plan: its deadlines and closing dates are in the past, whatever today is.
    plan = services.draw_up_plan(methodist, municipality, year=timezone.localdate().year - 1)
    return PlanWorld(
        municipality=municipality, school=school, methodist=methodist,
        officer=person("officer.m", Role.OFFICER, centre, municipality=municipality),
        auditor=person("auditor.m", Role.AUDITOR, centre, municipality=municipality),
        region_auditor=person("auditor.r", Role.AUDITOR, centre, region=municipality.region),
        director=person("director.a", Role.DIRECTOR, school),
        other_director=person("director.b", Role.DIRECTOR, other_school),
        lead=person("lead.a", Role.LEAD, school),
        teacher=person("teacher.a", Role.TEACHER, school),
        elsewhere=elsewhere,
        elsewhere_methodist=person("methodist.x", Role.METHODIST, far, municipality=elsewhere),
        elsewhere_officer=person("officer.x", Role.OFFICER, far, municipality=elsewhere),
        elsewhere_auditor=person("auditor.x", Role.AUDITOR, far, municipality=elsewhere),
        plan=plan,
    )
