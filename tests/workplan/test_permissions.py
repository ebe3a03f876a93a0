"""Who may do what with the work plan, on the pages and through the API: one table, role × action.

The plan is the municipality's; its items name the first school's ШМО head (`lead`) as responsible. «Other»
people are the second school's director, a teacher of the first school who answers for nothing, and the
methodist, officer and auditor of another municipality of the region. A person who may not see the plan or
the item is told «Не найдено.» (404); one who sees it but may not act, 403; nothing changes for either."""
from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from workplan import services
from workplan.models import PlanItem, WorkPlan

pytestmark = pytest.mark.django_db

ACTIONS = ("list", "view_plan", "view_item", "export", "create_plan", "add_item", "edit_item", "report",
           "approve", "analyse")
CENTRE = {"list", "view_plan", "view_item", "export", "create_plan", "add_item", "edit_item", "report", "analyse"}
READER = {"list", "view_plan", "view_item", "export"}
ALLOWED = {
    "methodist": CENTRE,
    "officer": CENTRE | {"approve"},
    "auditor": READER,
    "region_auditor": READER,
    "director": {"list", "view_item", "export"},  # the items its people answer for
    "lead": {"list", "view_item", "export", "report"},  # answers for the items
    "other_director": set(),
    "teacher": set(),
    "elsewhere_methodist": set(),
    "elsewhere_officer": set(),
    "elsewhere_auditor": set(),
}
# They draw up their own municipality's plan: this one is not among its choices (page 200, API 400).
PLANS_ELSEWHERE = {"elsewhere_methodist", "elsewhere_officer"}
SEEN_THROUGH = {"add_item": "view_plan", "approve": "view_plan", "analyse": "view_plan",
                "edit_item": "view_item", "report": "view_item"}


def item_of(plan_world, plan: WorkPlan, title: str) -> PlanItem:
    return services.add_item(plan, plan_world.methodist, section="events", title=title,
                             deadline=date(plan.year, 5, 20), responsible=plan_world.lead)


@pytest.fixture
def records(plan_world):
    """For each channel, a plan with an item to edit and one to report on."""
    made = {}
    for channel, plan in (("page", plan_world.plan), ("api", services.draw_up_plan(
            plan_world.methodist, plan_world.municipality, year=plan_world.year - 1))):
        made[channel] = {"plan": plan, "edit": item_of(plan_world, plan, f"{channel}: изменить"),
                         "report": item_of(plan_world, plan, f"{channel}: отчитаться")}
    return made


def state(records: dict) -> tuple:
    plan = WorkPlan.objects.get(pk=records["plan"].pk)
    items = [PlanItem.objects.get(pk=records[name].pk) for name in ("edit", "report")]
    return (plan.approved_at, plan.analysis, plan.items.count(), WorkPlan.objects.count(),
            *((item.title, item.status) for item in items))


ITEM_BODY = {"section": "analysis", "title": "Провести мониторинг", "deadline": None, "indicator": ""}


def page_outcome(client, action: str, records: dict, plan_world) -> bool | int:
    plan, edit, report = records["plan"], records["edit"], records["report"]
    if action == "list":
        return report in client.get(reverse("workplan:index")).context["page"].object_list
    if action == "view_plan":
        return client.get(plan.get_absolute_url()).status_code == 200
    if action == "view_item":
        return client.get(report.get_absolute_url()).status_code == 200
    if action == "export":
        sheet = load_workbook(BytesIO(client.get(reverse("workplan:export")).content)).active
        return any(row[4] == report.title for row in sheet.iter_rows(min_row=2, values_only=True))
    body = {**ITEM_BODY, "deadline": f"{plan.year}-06-30", "responsible": plan_world.lead.pk}
    if action == "create_plan":
        return client.post(reverse("workplan:create"), {"municipality": plan_world.municipality.pk,
                                                        "year": plan.year + 2}).status_code
    if action == "add_item":
        return client.post(reverse("workplan:add-item", args=[plan.pk]), body).status_code
    if action == "edit_item":
        return client.post(reverse("workplan:edit-item", args=[edit.pk]), {**body, "title": "Изменено"}).status_code
    if action == "report":
        return client.post(reverse("workplan:report", args=[report.pk]),
                           {"status": "done", "result": "Сделано", "closed_on": f"{plan.year}-05-20"}).status_code
    if action == "approve":
        return client.post(reverse("workplan:approve", args=[plan.pk])).status_code
    return client.post(reverse("workplan:analysis", args=[plan.pk]), {"analysis": "Выполнено"}).status_code


def api_outcome(api, action: str, records: dict, plan_world) -> bool | int:
    plan, edit, report = records["plan"], records["edit"], records["report"]
    if action == "list":
        return report.pk in [row["id"] for row in api.get("/api/plan-items/", {"page_size": 100}).json()["results"]]
    if action == "view_plan":
        return api.get(f"/api/work-plans/{plan.pk}/").status_code == 200
    if action in ("view_item", "export"):
        return api.get(f"/api/plan-items/{report.pk}/").status_code == 200
    body = {**ITEM_BODY, "deadline": f"{plan.year}-06-30", "responsible": plan_world.lead.pk}
    if action == "create_plan":
        return api.post("/api/work-plans/", {"municipality": plan_world.municipality.pk, "year": plan.year + 4},
                        format="json").status_code
    if action == "add_item":
        return api.post(f"/api/work-plans/{plan.pk}/items/", body, format="json").status_code
    if action == "edit_item":
        return api.patch(f"/api/plan-items/{edit.pk}/", {"title": "Изменено"}, format="json").status_code
    if action == "report":
        return api.post(f"/api/plan-items/{report.pk}/report/", {"status": "done", "result": "Сделано",
                                                                 "closed_on": f"{plan.year}-05-20"},
                        format="json").status_code
    if action == "approve":
        return api.post(f"/api/work-plans/{plan.pk}/approve/").status_code
    return api.post(f"/api/work-plans/{plan.pk}/analysis/", {"analysis": "Выполнено"}, format="json").status_code


def changed(action: str, before: tuple, after: tuple) -> bool:
    if action == "create_plan":
        return after[3] == before[3] + 1
    index = {"approve": 0, "analyse": 1, "add_item": 2, "edit_item": 4, "report": 5}[action]
    return after[index] != before[index]


@pytest.mark.parametrize("role", list(ALLOWED))
def test_who_may_read_the_work_plan_and_act_on_it(client, plan_world, records, role):
    person = getattr(plan_world, role)
    client.force_login(person)
    api = APIClient()
    api.force_authenticate(person)

    for channel, outcome, agent in (("page", page_outcome, client), ("api", api_outcome, api)):
        for action in ACTIONS:
            before = state(records[channel])
            result = outcome(agent, action, records[channel], plan_world)
            allowed = action in ALLOWED[role]
            where = f"{role} {action} ({channel})"
            if action in READER:
                assert result is allowed, where
                continue
            after = state(records[channel])
            if allowed:
                assert result in (200, 201, 302), where
                assert changed(action, before, after), where
            else:
                sees = SEEN_THROUGH.get(action) in ALLOWED[role]
                if action == "create_plan":
                    expected = ({"page": 200, "api": 400}[channel] if role in PLANS_ELSEWHERE else 403)
                else:
                    expected = 403 if sees else 404
                assert result == expected, where
                assert after == before, where
