"""Applications for a site's status over the API: the whole way from a draft to the register, following the
actions each answer offers, and the refusals as Russian problem details by field."""
from datetime import timedelta

import pytest
from django.utils import timezone

from platforms.calls import call_criteria
from platforms.models import Site, SiteApplication
from tests.api import token_client
from tests.platforms.applications_world import at_protocol, in_expertise, sites  # noqa: F401  the `sites` fixture

pytestmark = pytest.mark.django_db
Status = SiteApplication.Status


def body(sites, **changes) -> dict:
    return {"call": sites.call.pk, "kind": "innovation", "topic": "Школа функциональной грамотности",
            "relevance": "Низкие результаты", "goals": "Модель", "tasks": "Разработать модель",
            "expected_results": "Рост результатов", "resources": "Кадры", "term_years": 2,
            "team": [sites.school.teacher.pk],
            "stages": [{"title": "Подготовительный", "starts_on": "2026-09-01", "ends_on": "2026-12-31"}], **changes}


def follow(client, answer: dict, action: str, data: dict | None = None):
    """Do `action` as the answer offers it: its method and URL."""
    (offered,) = [item for item in answer["actions"] if item["action"] == action]
    return client.generic(offered["method"], offered["url"], data=None, format="json") if data is None else \
        client.post(offered["url"], data, format="json")


def test_from_a_draft_to_the_register_over_the_api(sites):
    director, methodist, officer = (token_client(person) for person in (sites.director, sites.methodist,
                                                                         sites.officer))
    created = director.post("/api/site-applications/", body(sites), format="json")
    assert created.status_code == 201, created.content
    answer = follow(director, created.json(), "submit").json()
    assert answer["status"] == "check"
    url = f"/api/site-applications/{answer['id']}/"
    assert methodist.post(url + "check/", {"decision": "approve"}, format="json").status_code == 200
    answer = methodist.get(url).json()
    assert follow(methodist, answer, "assign_experts", {"experts": [sites.experts[0].pk, sites.experts[1].pk]}
                  ).status_code == 200
    application = SiteApplication.objects.get(pk=answer["id"])
    scores = {str(criterion.pk): 8 for criterion in call_criteria(application.call)}
    for expert in sites.experts[:2]:
        reviewed = token_client(expert).post(url + "review/", {"scores": scores, "text": "Сильный проект",
                                                               "recommendation": "publish"}, format="json")
        assert reviewed.status_code == 200, reviewed.content
    answer = methodist.get(url).json()
    assert answer["status"] == "protocol" and len(answer["reviews"]) == 2
    protocol = {"number": "2", "date": timezone.localdate().isoformat(), "members_present": [
        sites.experts[0].pk, sites.experts[1].pk, sites.methodist.pk], "votes_for": 3, "votes_against": 0,
        "votes_abstained": 0, "recommendation": "grant"}
    assert follow(methodist, answer, "protocol", protocol).status_code == 200
    answer = officer.get(url).json()
    granted = follow(officer, answer, "order", {"decision": "grant", "date": timezone.localdate().isoformat(),
                                               "signatory": sites.officer.pk})
    assert granted.status_code == 200, granted.content
    answer = granted.json()
    site = Site.objects.get(pk=answer["site"])
    assert answer["status"] == "granted" and site.granted_by_id == answer["order"]


def test_a_submit_after_the_deadline_is_a_russian_problem_on_the_call(sites):
    director = token_client(sites.director)
    created = director.post("/api/site-applications/", body(sites), format="json").json()
    sites.call.deadline = timezone.now() - timedelta(hours=1)
    sites.call.save()
    refused = director.post(f"/api/site-applications/{created['id']}/submit/")
    problem = refused.json()
    assert refused.status_code == 400 and refused["Content-Type"].startswith("application/problem+json")
    assert problem["errors"][0]["field"] == "call" and "больше не принимаются" in problem["errors"][0]["message"]
    assert SiteApplication.objects.get(pk=created["id"]).status == Status.DRAFT


@pytest.mark.parametrize(("changes", "field"), [
    ({"term_years": 4}, "term_years"), ({"goals": ""}, "goals"),
    ({"stages": [{"title": "Этап", "starts_on": "2026-09-01", "ends_on": "2026-08-01"}]}, "stages[0].ends_on"),
])
def test_bad_bodies_are_refused_by_field_and_nothing_is_saved(sites, changes, field):
    refused = token_client(sites.director).post("/api/site-applications/", body(sites, **changes), format="json")
    assert refused.status_code == 400
    assert field in [error["field"] for error in refused.json()["errors"]]
    assert not SiteApplication.objects.exists()


def test_a_director_cannot_apply_for_another_organisation_over_the_api(sites):
    refused = token_client(sites.director).post("/api/site-applications/", body(
        sites, organisation=sites.school.other.pk), format="json")
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "organisation"
    assert token_client(sites.school.auditor).post("/api/site-applications/", body(sites),
                                                   format="json").status_code == 403
    assert not SiteApplication.objects.exists()


def test_an_expert_never_reads_another_experts_scores_before_the_round_closes(sites):
    application = in_expertise(sites)
    scores = {str(criterion.pk): 6 for criterion in call_criteria(application.call)}
    url = f"/api/site-applications/{application.pk}/"
    token_client(sites.experts[0]).post(url + "review/", {"scores": scores, "text": "Оценка первого",
                                                          "recommendation": "revise"}, format="json")
    second = token_client(sites.experts[1]).get(url).json()
    assert second["reviews"] == [] and [item["expert"]["id"] for item in second["assignments"]] == [
        sites.experts[1].pk]
    assert token_client(sites.director).get(url).json()["reviews"] == []


def test_a_protocol_with_more_votes_than_members_is_a_problem_on_the_votes(sites):
    application = at_protocol(sites)
    refused = token_client(sites.methodist).post(f"/api/site-applications/{application.pk}/protocol/", {
        "number": "1", "date": timezone.localdate().isoformat(), "members_present": [sites.experts[0].pk],
        "votes_for": 1, "votes_against": 1, "votes_abstained": 0, "recommendation": "grant"}, format="json")
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "votes_for"
    assert not application.protocols.exists()


def test_calls_over_the_api_open_first_and_only_staff_announce(sites):
    officer = token_client(sites.officer)
    created = officer.post("/api/site-calls/", {
        "municipality": sites.call.municipality_id, "title": "Базовые площадки", "kinds": ["base"],
        "opens_on": "2026-01-10", "deadline": "2026-02-01T18:00:00+07:00",
        "criteria": [{"name": "Актуальность", "max_score": 10}]}, format="json")
    assert created.status_code == 201, created.content
    assert [criterion["name"] for criterion in created.json()["criteria"]] == ["Актуальность"]
    listed = token_client(sites.director).get("/api/site-calls/").json()["results"]
    assert [call["title"] for call in listed] == [sites.call.title, "Базовые площадки"]
    refused = token_client(sites.school.auditor).post("/api/site-calls/", {"title": "x"}, format="json")
    assert refused.status_code == 403
