"""Who sees and changes a teacher's diagnostics: role × where they work × action → allowed, or 404."""
from dataclasses import dataclass

import pytest
from django.urls import reverse

from accounts.models import Municipality, Organisation, Role, User
from routes.diagnostics import teachers_for_entry
from routes.models import Diagnostics, Recommendation, YoungTeacherSurvey
from tests.factories import (DeficitFactory, DiagnosticsFactory, MunicipalityFactory, OrganisationFactory,
    RegionFactory, RoleAssignmentFactory, UserFactory)
from tests.routes import diagnostics_form_data

pytestmark = pytest.mark.django_db


@dataclass
class Scene:
    """A teacher's diagnostics in school A of municipality M; school B beside it; municipality N elsewhere."""

    municipality: Municipality
    school: Organisation
    neighbour_school: Organisation
    elsewhere: Organisation
    teacher: User
    diagnostics: Diagnostics


@pytest.fixture
def scene() -> Scene:
    region = RegionFactory()
    municipality = MunicipalityFactory(region=region)
    school = OrganisationFactory(municipality=municipality)
    teacher = UserFactory(username="teacher.own", organisation=school)
    RoleAssignmentFactory(user=teacher, role=Role.TEACHER, organisation=school)
    deficit = DeficitFactory(diagnostics=DiagnosticsFactory(teacher=teacher, notes="исходная запись"))
    return Scene(
        municipality=municipality,
        school=school,
        neighbour_school=OrganisationFactory(municipality=municipality),
        elsewhere=OrganisationFactory(municipality=MunicipalityFactory()),
        teacher=teacher,
        diagnostics=deficit.diagnostics,
    )


def actor(scene: Scene, role: Role, where: str) -> User:
    """A person holding `role`: in the teacher's own school or municipality, in a neighbour school, or elsewhere."""
    if where == "self":
        return scene.teacher
    workplace = {"same school": scene.school, "same municipality": scene.school, "region": scene.school,
                 "neighbour school": scene.neighbour_school, "other municipality": scene.elsewhere}[where]
    person = UserFactory(organisation=workplace)
    if where == "region":
        scope = {"region": scene.municipality.region}
    elif role in (Role.TEACHER, Role.MENTOR, Role.LEAD, Role.DIRECTOR):
        scope = {"organisation": workplace}
    else:
        scope = {"municipality": workplace.municipality}
    RoleAssignmentFactory(user=person, role=role, **scope)
    return person


# role, where the person works or holds the role, and whether they may view / change / recommend
MATRIX = [
    (Role.TEACHER, "self", True, True, False),
    (Role.TEACHER, "same school", False, False, False),
    (Role.MENTOR, "same school", False, False, False),
    (Role.DIRECTOR, "same school", True, False, False),
    (Role.DIRECTOR, "neighbour school", False, False, False),
    (Role.LEAD, "same school", True, False, False),
    (Role.LEAD, "neighbour school", False, False, False),
    (Role.METHODIST, "same municipality", True, True, True),
    (Role.METHODIST, "other municipality", False, False, False),
    (Role.OFFICER, "same municipality", True, False, False),
    (Role.OFFICER, "other municipality", False, False, False),
    (Role.AUDITOR, "same municipality", True, False, False),
    (Role.AUDITOR, "region", True, False, False),
    (Role.AUDITOR, "other municipality", False, False, False),
    (Role.EXPERT, "same municipality", False, False, False),
    (Role.TUTOR, "same municipality", False, False, False),
]
ACTIONS = ["view", "change", "recommend"]
CASES = [
    pytest.param(role, where, action, allowed, id=f"{role.value}-{where.replace(' ', '_')}-{action}")
    for role, where, *allowed_by_action in MATRIX
    for action, allowed in zip(ACTIONS, allowed_by_action)
]


@pytest.mark.parametrize(("role", "where", "action", "allowed"), CASES)
def test_diagnostics_pages_answer_by_role_and_scope(client, scene, role, where, action, allowed):
    client.force_login(actor(scene, role, where))
    diagnostics = scene.diagnostics

    if action == "view":
        response = client.get(reverse("diagnostics:detail", args=[diagnostics.pk]))
        assert response.status_code == (200 if allowed else 404)
        if allowed:
            assert "исходная запись" in response.content.decode()
    elif action == "change":
        response = client.post(reverse("diagnostics:change", args=[diagnostics.pk]),
                               diagnostics_form_data(diagnostics, notes="изменено"))
        assert response.status_code == (302 if allowed else 404)
        diagnostics.refresh_from_db()
        assert (diagnostics.notes == "изменено") is allowed
    else:
        response = client.post(reverse("diagnostics:recommend", args=[diagnostics.pk]), {"text": "Пройти курсы"})
        assert response.status_code == (302 if allowed else 404)
        assert Recommendation.objects.filter(diagnostics=diagnostics).exists() is allowed


@pytest.mark.parametrize(("role", "where", "listed"), [
    (Role.TEACHER, "self", True),
    (Role.TEACHER, "same school", False),
    (Role.DIRECTOR, "same school", True),
    (Role.DIRECTOR, "neighbour school", False),
    (Role.METHODIST, "same municipality", True),
    (Role.OFFICER, "other municipality", False),
    (Role.AUDITOR, "region", True),
])
def test_the_list_shows_exactly_the_diagnostics_in_scope(client, scene, role, where, listed):
    DiagnosticsFactory(teacher=UserFactory(organisation=OrganisationFactory()), notes="запись вне всех областей")
    client.force_login(actor(scene, role, where))

    page = client.get(reverse("diagnostics:index")).content.decode()

    assert (reverse("diagnostics:detail", args=[scene.diagnostics.pk]) in page) is listed
    assert page.count('data-testid="diagnostics-row"') == int(listed)


def test_a_missing_diagnostics_and_a_hidden_one_look_the_same(client, scene):
    client.force_login(actor(scene, Role.DIRECTOR, "neighbour school"))

    hidden = client.get(reverse("diagnostics:detail", args=[scene.diagnostics.pk]))
    missing = client.get(reverse("diagnostics:detail", args=[scene.diagnostics.pk + 1000]))

    assert hidden.status_code == missing.status_code == 404


def test_a_person_without_an_active_role_is_refused_the_whole_application(client, scene):
    client.force_login(UserFactory(organisation=scene.school))

    assert client.get(reverse("diagnostics:index")).status_code == 403
    assert client.get(reverse("diagnostics:detail", args=[scene.diagnostics.pk])).status_code == 403


@pytest.mark.parametrize(("role", "where", "entered_for"), [
    (Role.TEACHER, "self", {"teacher"}),
    (Role.DIRECTOR, "same school", set()),
    (Role.LEAD, "same school", set()),
    (Role.OFFICER, "same municipality", set()),
    (Role.AUDITOR, "same municipality", set()),
    (Role.METHODIST, "same municipality", {"teacher", "neighbour"}),
    (Role.METHODIST, "other municipality", set()),
])
def test_records_are_entered_by_the_teacher_or_a_methodist_of_the_municipality(scene, role, where, entered_for):
    neighbour = UserFactory(organisation=scene.neighbour_school)
    RoleAssignmentFactory(user=neighbour, role=Role.TEACHER, organisation=scene.neighbour_school)
    person = actor(scene, role, where)
    expected = {scene.teacher if name == "teacher" else neighbour for name in entered_for}

    for model in (Diagnostics, YoungTeacherSurvey):
        assert set(teachers_for_entry(person, model)) == expected, model.__name__


@pytest.mark.parametrize(("role", "where", "status"), [
    (Role.TEACHER, "self", 200),
    (Role.METHODIST, "same municipality", 200),
    (Role.DIRECTOR, "same school", 404),
    (Role.AUDITOR, "same municipality", 404),
])
def test_only_those_who_enter_records_get_the_entry_page(client, scene, role, where, status):
    client.force_login(actor(scene, role, where))

    assert client.get(reverse("diagnostics:create")).status_code == status
