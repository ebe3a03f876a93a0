"""Who am I, whom may I choose, and deleting a draft: the ids a client needs, found over the API only."""
import pytest
from rest_framework.test import APIClient

from accounts.models import Role
from materials.models import Material
from routes import services
from routes.models import IndividualRoute
from tests.api import token_client
from tests.api.problems import problem_of
from tests.expertise import submitted
from tests.factories import MunicipalityFactory, OrganisationFactory
from tests.files import pdf
from tests.school import person

pytestmark = pytest.mark.django_db


def found(user, **query) -> set[int]:
    response = token_client(user).get("/api/people/", query)
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_me_names_the_person_their_roles_and_scopes(school):
    response = token_client(school.methodist).get("/api/me/")

    assert response.status_code == 200
    me = response.json()
    assert me["id"] == school.methodist.pk and me["username"] == "methodist.m"
    assert me["organisation"] == {"id": school.organisation.pk, "name": str(school.organisation)}
    assert [(role["role"], role["scope"], role["scope_object"]["id"]) for role in me["roles"]] == [
        (Role.METHODIST, "municipality", school.organisation.municipality_id)]
    assert me["roles"][0]["role_display"] and me["memberships"] == []
    assert problem_of(APIClient().get("/api/me/"))["status"] == 401


def test_a_teacher_finds_the_mentors_and_co_authors_they_may_name(school, expertise):
    elsewhere = person("mentor.z", Role.MENTOR, OrganisationFactory(municipality=MunicipalityFactory()))

    assert found(school.teacher, purpose="mentor") == {school.mentor.pk}
    co_authors = found(school.teacher, purpose="co_author")
    assert school.other_teacher.pk in co_authors and school.teacher.pk not in co_authors
    assert elsewhere.pk not in co_authors | found(school.teacher, purpose="mentor")
    assert found(school.teacher, purpose="co_author", search="teacher") == {school.other_teacher.pk}
    assert found(school.teacher, purpose="co_author", role=Role.LEAD) == {
        school.lead.pk, school.other_lead.pk}
    # Not a methodist: no experts and no jurors to choose; without a purpose, only themselves.
    assert found(school.teacher, purpose="expert") == found(school.teacher, purpose="juror") == set()
    assert found(school.teacher) == {school.teacher.pk}


def test_a_methodist_finds_the_experts_of_their_municipality_only(school, expertise):
    other_municipality = MunicipalityFactory()
    stranger = person("expert.z", Role.EXPERT, OrganisationFactory(municipality=other_municipality),
                      municipality=other_municipality)

    experts = found(school.methodist, purpose="expert")
    assert experts == {expert.pk for expert in [*expertise.experts, expertise.colleague_expert]}
    assert stranger.pk not in experts | found(school.methodist, purpose="juror") | found(school.methodist)
    assert found(school.methodist, purpose="mentor") == set()  # draws up no routes of their own


@pytest.mark.parametrize("query", [{"purpose": "friend"}, {"role": "king"}, {"search": "я" * 101}])
def test_a_bad_query_is_a_russian_400(school, query):
    assert problem_of(token_client(school.teacher).get("/api/people/", query))["status"] == 400


def test_the_author_deletes_a_draft_route_and_the_history_keeps_who(school, make_route):
    draft = make_route(school.teacher)

    assert problem_of(token_client(school.lead).delete(f"/api/routes/{draft.pk}/"))["status"] == 404
    assert problem_of(token_client(school.other_teacher).delete(f"/api/routes/{draft.pk}/"))["status"] == 404
    assert token_client(school.teacher).delete(f"/api/routes/{draft.pk}/").status_code == 204

    assert not IndividualRoute.objects.filter(pk=draft.pk).exists()
    deleted = IndividualRoute.history.filter(id=draft.pk).latest("history_date")
    assert deleted.history_type == "-" and deleted.history_user == school.teacher
    assert problem_of(token_client(school.teacher).delete(f"/api/routes/{draft.pk}/"))["status"] == 404


def test_a_sent_route_is_not_deleted(school, make_route):
    sent = services.submit(make_route(school.teacher), school.teacher)

    body = problem_of(token_client(school.teacher).delete(f"/api/routes/{sent.pk}/"))
    assert body["status"] == 409 and body["code"] == "not_a_draft"
    assert IndividualRoute.objects.filter(pk=sent.pk).exists()


def test_the_author_deletes_a_draft_material_not_a_sent_one(school, expertise):
    teacher = token_client(school.teacher)
    draft = teacher.post("/api/materials/", {"title": "Черновик", "kind": "development", "subject": "математика",
                                             "level": "basic", "annotation": "Серия уроков", "files": [pdf()]})
    assert draft.status_code == 201, draft.content
    sent = submitted(expertise)

    assert problem_of(token_client(school.methodist).delete(f"/api/materials/{draft.data['id']}/"))["status"] == 404
    assert problem_of(teacher.delete(f"/api/materials/{sent.pk}/"))["status"] == 409
    assert teacher.delete(f"/api/materials/{draft.data['id']}/").status_code == 204
    assert list(Material.objects.values_list("pk", flat=True)) == [sent.pk]
