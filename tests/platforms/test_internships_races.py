"""Teachers asking for the last place at once, each on a PostgreSQL connection of their own: the programme's
row lock lets one of them take it."""
from __future__ import annotations

import pytest

from accounts.models import Role, User
from platforms import internships as services
from platforms.models import Internship, InternshipProgramme
from tests.factories import OrganisationFactory
from tests.platforms.internships_world import programme_on, site_world  # noqa: F401
from tests.races import at_once
from tests.school import person
from workflows.services import CaseConflict

pytestmark = pytest.mark.django_db(transaction=True)
TEACHERS = 4


def test_of_teachers_asking_at_once_for_the_last_two_places_two_get_them(site_world, school):
    programme = programme_on(site_world.site, school.director, capacity=2, topic="Два места")
    schools = [OrganisationFactory(municipality=school.organisation.municipality) for _ in range(TEACHERS)]
    teachers = [person(f"teacher.race{n}", Role.TEACHER, schools[n]) for n in range(TEACHERS)]

    def ask(n: int) -> str:
        services.apply(InternshipProgramme.objects.get(pk=programme.pk), User.objects.get(pk=teachers[n].pk),
                       "Хочу на стажировку")
        return "applied"

    outcomes = at_once(TEACHERS, ask)

    refused = [outcome for outcome in outcomes if isinstance(outcome, CaseConflict)]
    assert outcomes.count("applied") == 2 and len(refused) == TEACHERS - 2, outcomes
    assert {conflict.code for conflict in refused} == {"full"}
    assert Internship.objects.filter(programme=programme).count() == 2
