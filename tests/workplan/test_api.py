"""The work plan through the API: the schema documents every endpoint and request body; bad bodies are
refused at their field in Russian and save nothing; an item's report closes it only with a result."""
import pytest
from rest_framework.test import APIClient

from tests.api.problems import errors_of, problem_of
from workplan import services
from workplan.models import PlanItem, WorkPlan

pytestmark = pytest.mark.django_db

PATHS = {"/api/work-plans/", "/api/work-plans/{id}/", "/api/work-plans/{id}/items/", "/api/work-plans/{id}/approve/",
         "/api/work-plans/{id}/analysis/", "/api/plan-items/", "/api/plan-items/{id}/",
         "/api/plan-items/{id}/report/"}


def api_for(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_the_schema_lists_the_endpoints_with_their_request_bodies():
    document = APIClient().get("/api/schema/", {"format": "json"}).json()
    assert PATHS <= set(document["paths"])
    bodies = {path: document["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
              for path in ("/api/work-plans/", "/api/work-plans/{id}/items/", "/api/plan-items/{id}/report/",
                           "/api/work-plans/{id}/analysis/")}
    assert bodies == {"/api/work-plans/": "#/components/schemas/PlanCreateRequest",
                      "/api/work-plans/{id}/items/": "#/components/schemas/ItemWriteRequest",
                      "/api/plan-items/{id}/report/": "#/components/schemas/ItemReportRequest",
                      "/api/work-plans/{id}/analysis/": "#/components/schemas/AnalysisRequest"}
    assert set(document["paths"]["/api/plan-items/{id}/"]) == {"get", "patch"}


def test_a_methodist_adds_an_item_and_the_lead_closes_it_with_a_result(plan_world):
    body = {"section": "events", "title": "Семинар для молодых педагогов", "deadline": f"{plan_world.year}-03-20",
            "responsible": plan_world.lead.pk, "indicator": "000-f8"}
    created = api_for(plan_world.methodist).post(f"/api/work-plans/{plan_world.plan.pk}/items/", body, format="json")
    assert created.status_code == 201, created.json()
    item = created.json()
    assert (item["number"], item["status"], item["indicator"], item["result"]) == (1, "planned", "000-f8", None)

    lead = api_for(plan_world.lead)
    refused = lead.post(f"/api/plan-items/{item['id']}/report/", {"status": "done", "result": ""}, format="json")
    assert refused.status_code == 400
    assert errors_of(refused) == {"result": ["Пункт закрывается с результатом: укажите, что сделано."]}
    closed = lead.post(f"/api/plan-items/{item['id']}/report/",
                       {"status": "done", "result": "Проведён, 40 участников", "closed_on": f"{plan_world.year}-03-19"},
                       format="json")
    assert closed.status_code == 200
    assert (closed.json()["status"], closed.json()["closed_by"]["id"]) == ("done", plan_world.lead.pk)

    plan = api_for(plan_world.auditor).get(f"/api/work-plans/{plan_world.plan.pk}/").json()
    assert (plan["total"]["total"], plan["total"]["on_time"], plan["total"]["done_share"]) == (1, 1, 100)


def test_bad_bodies_are_refused_at_their_fields_and_save_nothing(plan_world):
    api = api_for(plan_world.methodist)
    response = api.post(f"/api/work-plans/{plan_world.plan.pk}/items/", {
        "section": "events", "title": "Семинар", "deadline": f"{plan_world.year + 1}-01-15",
        "responsible": plan_world.elsewhere_methodist.pk}, format="json")
    assert response.status_code == 400
    assert errors_of(response) == {"deadline": [f"Срок выходит за год плана ({plan_world.year})."],
                                   "responsible": ["Укажите ответственного."]}
    response = api.post("/api/work-plans/", {"municipality": plan_world.municipality.pk, "year": plan_world.year},
                        format="json")
    assert errors_of(response) == {"year": [f"У муниципалитета уже есть план работы на {plan_world.year} год."]}
    response = api.post("/api/work-plans/", {"municipality": plan_world.elsewhere.pk, "year": 2030}, format="json")
    assert list(errors_of(response)) == ["municipality"]
    assert (PlanItem.objects.count(), WorkPlan.objects.count()) == (0, 1)


def test_the_items_list_filters_like_the_page_and_refuses_a_bad_filter(plan_world):
    plan_world.item(section="analysis", title="Мониторинг затруднений")
    plan_world.item(section="events", title="Конференция")
    api = api_for(plan_world.methodist)
    rows = api.get("/api/plan-items/", {"section": "analysis"}).json()["results"]
    assert [row["title"] for row in rows] == ["Мониторинг затруднений"]
    assert api.get("/api/plan-items/", {"status": "nonsense"}).status_code == 400
    assert api.get("/api/plan-items/", {"year": "abc"}).status_code == 400


def test_a_change_to_an_approved_plans_item_is_409(plan_world):
    item = plan_world.item()
    services.approve_plan(plan_world.plan, plan_world.officer)
    response = api_for(plan_world.methodist).patch(f"/api/plan-items/{item.pk}/", {"title": "Изменено"},
                                                   format="json")
    assert response.status_code == 409
    assert problem_of(response)["code"] == "approved"
    item.refresh_from_db()
    assert item.title != "Изменено"
