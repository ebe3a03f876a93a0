"""The work plan's pages: the items list with its filters and export, the roadmap by section with the
analysis of its execution, bad input shown in Russian at its field with nothing saved, history."""
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from workplan import services
from workplan.models import PlanItem

pytestmark = pytest.mark.django_db


def test_the_items_list_filters_by_section_status_and_overdue(client, plan_world):
    monitoring = plan_world.item(section="analysis", title="Мониторинг затруднений")
    conference = plan_world.item(title="Конференция")
    services.report_on_item(conference, plan_world.methodist, status="done", result="Проведена",
                            closed_on=plan_world.day(4, 20))
    client.force_login(plan_world.methodist)
    listed = lambda **query: list(client.get(reverse("workplan:index"), query).context["page"].object_list)
    assert listed() == [monitoring, conference]
    assert listed(section="analysis") == [monitoring]
    assert listed(status="done") == [conference]
    assert listed(overdue="on") == [monitoring]  # last year's open item is past its deadline
    assert listed(q="конференц") == [conference]
    response = client.get(reverse("workplan:index"), {"year": "не год"})
    assert response.status_code == 200 and "Введите целое число." in response.content.decode()


def test_the_export_has_the_filtered_rows_with_russian_headers(client, plan_world):
    plan_world.item(section="analysis", title="Мониторинг затруднений")
    plan_world.item(title="Конференция")
    client.force_login(plan_world.auditor)
    response = client.get(reverse("workplan:export"), {"section": "analysis"})
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Муниципалитет", "Год", "№", "Раздел", "Мероприятие")
    assert [row[4] for row in rows[1:]] == ["Мониторинг затруднений"]
    assert rows[1][8] == "запланировано"


def test_the_roadmap_groups_items_by_section_and_counts_the_execution(client, plan_world):
    done = plan_world.item(title="Конференция", deadline=plan_world.day(3, 1))
    plan_world.item(section="analysis", title="Мониторинг", deadline=plan_world.day(2, 1))
    services.report_on_item(done, plan_world.methodist, status="done", result="Проведена",
                            closed_on=plan_world.day(3, 5))
    client.force_login(plan_world.officer)
    response = client.get(plan_world.plan.get_absolute_url())
    page = response.content.decode()
    assert [section.label for section in response.context["roadmap"]] == [
        "мониторинг, диагностика и анализ", "мероприятия, опыт и конкурсы"]
    total = response.context["total"]
    assert (total.total, total.late, total.overdue) == (2, 1, 1)
    assert 'data-testid="plan-approve"' in page and "Анализ выполнения плана" in page


def test_an_item_form_with_bad_input_shows_russian_errors_at_the_fields_and_saves_nothing(client, plan_world):
    client.force_login(plan_world.methodist)
    response = client.post(reverse("workplan:add-item", args=[plan_world.plan.pk]), {
        "section": "events", "title": "Семинар", "deadline": f"{plan_world.year + 1}-02-01",
        "responsible": plan_world.lead.pk})
    assert response.status_code == 200
    assert response.context["form"].errors == {"deadline": [f"Срок выходит за год плана ({plan_world.year})."]}
    assert 'data-testid="error-deadline"' in response.content.decode()
    assert not PlanItem.objects.exists()


def test_closing_an_item_without_a_result_is_refused_at_the_result_field(client, plan_world):
    item = plan_world.item()
    client.force_login(plan_world.lead)
    response = client.post(reverse("workplan:report", args=[item.pk]), {"status": "done", "result": ""})
    assert response.status_code == 200
    assert response.context["report_form"].errors == {
        "result": ["Пункт закрывается с результатом: укажите, что сделано."]}
    item.refresh_from_db()
    assert item.status == PlanItem.Status.PLANNED


def test_the_item_page_shows_who_changed_what_and_the_plan_page_its_approval(client, plan_world):
    item = plan_world.item()
    services.report_on_item(item, plan_world.lead, status="in_progress")
    services.approve_plan(plan_world.plan, plan_world.officer)
    client.force_login(plan_world.auditor)
    changes = client.get(item.get_absolute_url()).context["changes"]
    assert [(entry["user"], [change["label"] for change in entry["changes"]]) for entry in changes][-1] == (
        plan_world.lead, ["статус"])
    page = client.get(plan_world.plan.get_absolute_url()).content.decode()
    assert 'data-testid="plan-approved"' in page and 'data-testid="plan-approve"' not in page


def test_the_responsible_person_sees_their_due_items_on_the_start_page(client, plan_world):
    plan_world.item(title="Конференция")  # last year's: overdue
    client.force_login(plan_world.lead)
    page = client.get("/cabinet/").content.decode()
    assert 'data-testid="start-plan-item"' in page and "Конференция" in page
    client.force_login(plan_world.teacher)
    assert 'data-testid="start-plan-item"' not in client.get("/cabinet/").content.decode()


def test_an_approved_plans_item_page_offers_no_change_and_a_change_is_refused_in_russian(client, plan_world):
    item = plan_world.item()
    services.approve_plan(plan_world.plan, plan_world.officer)
    client.force_login(plan_world.methodist)
    assert 'data-testid="item-edit"' not in client.get(item.get_absolute_url()).content.decode()
    response = client.post(reverse("workplan:edit-item", args=[item.pk]), {
        "section": "events", "title": "Изменено", "deadline": f"{plan_world.year}-06-30",
        "responsible": plan_world.lead.pk, "indicator": ""})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "План утверждён: его пункты больше не изменяются, по ним только отмечают статус и результат."]
    item.refresh_from_db()
    assert item.title != "Изменено"
