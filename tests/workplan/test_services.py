"""The work plan's rules: one plan a year, items within the plan's year and municipality, an item closed
only with its result, approval and analysis recorded with who and when, the execution counted."""
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Role
from tests.factories import OrganisationFactory
from tests.school import person
from workplan import services
from workplan.indicators import Indicator
from workplan.models import PlanItem, Section, WorkPlan
from workplan.selectors import execution, people_to_name
from workflows.services import CaseConflict

pytestmark = pytest.mark.django_db


def field_errors(error: ValidationError) -> dict:
    return {name: [str(message) for message in messages] for name, messages in error.message_dict.items()}


def test_a_municipality_has_one_plan_a_year(plan_world):
    with pytest.raises(ValidationError) as refused:
        services.draw_up_plan(plan_world.officer, plan_world.municipality, year=plan_world.year)
    assert field_errors(refused.value) == {"year": [f"У муниципалитета уже есть план работы на {plan_world.year} год."]}
    assert WorkPlan.objects.count() == 1


def test_only_the_centre_of_the_municipality_draws_up_its_plan(plan_world):
    for outsider in (plan_world.elsewhere_methodist, plan_world.director, plan_world.auditor):
        with pytest.raises(PermissionDenied):
            services.draw_up_plan(outsider, plan_world.municipality, year=plan_world.year + 1)
    assert WorkPlan.objects.count() == 1


def test_items_are_numbered_in_the_order_they_are_added(plan_world):
    first, second = plan_world.item(), plan_world.item(title="Провести мониторинг затруднений")
    assert (first.number, second.number) == (1, 2)
    assert first.status == PlanItem.Status.PLANNED


def test_a_bad_item_is_refused_field_by_field_and_nothing_is_saved(plan_world):
    stranger = plan_world.elsewhere_methodist
    with pytest.raises(ValidationError) as refused:
        services.add_item(plan_world.plan, plan_world.methodist, section="nonsense", title="  ",
                          deadline=date(plan_world.year + 1, 1, 10), responsible=stranger, indicator="999")
    assert field_errors(refused.value) == {
        "section": ["Выберите раздел дорожной карты."],
        "title": ["Укажите, что нужно сделать."],
        "deadline": [f"Срок выходит за год плана ({plan_world.year})."],
        "responsible": ["Ответственный работает в другом муниципалитете."],
        "indicator": ["Выберите показатель из списка."],
    }
    assert not PlanItem.objects.exists()


def test_the_service_asks_permission_before_it_reads_the_body(plan_world):
    with pytest.raises(PermissionDenied):
        services.add_item(plan_world.plan, plan_world.elsewhere_methodist, section="nonsense")
    with pytest.raises(PermissionDenied):
        services.report_on_item(plan_world.item(), plan_world.teacher, status="nonsense")


def test_a_plan_item_cannot_be_closed_without_a_result(plan_world):
    item = plan_world.item()
    for status in (PlanItem.Status.DONE, PlanItem.Status.NOT_DONE):
        with pytest.raises(ValidationError) as refused:
            services.report_on_item(item, plan_world.lead, status=status, result="   ")
        assert field_errors(refused.value) == {"result": ["Пункт закрывается с результатом: укажите, что сделано."]}
    item.refresh_from_db()
    assert (item.status, item.closed_on) == (PlanItem.Status.PLANNED, None)


def test_the_database_refuses_a_closed_item_without_a_result(plan_world):
    item = plan_world.item()
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanItem.objects.filter(pk=item.pk).update(status=PlanItem.Status.DONE, closed_on=plan_world.day(4, 1))


def test_the_responsible_person_closes_the_item_with_its_result_and_the_history_names_them(plan_world):
    item = plan_world.item()
    item = services.report_on_item(item, plan_world.lead, status=PlanItem.Status.DONE,
                                   result="Конференция проведена, 86 участников", closed_on=plan_world.day(4, 25))
    assert (item.status, item.closed_on, item.closed_by) == (PlanItem.Status.DONE, plan_world.day(4, 25), plan_world.lead)
    assert item.done_on_time is True
    last = item.history.first()
    assert (last.history_user, last.status, last.result) == (plan_world.lead, "done", item.result)


def test_an_item_is_not_closed_on_a_future_day(plan_world):
    with pytest.raises(ValidationError) as refused:
        services.report_on_item(plan_world.item(), plan_world.methodist, status=PlanItem.Status.DONE,
                                result="Сделано", closed_on=timezone.localdate() + timedelta(days=1))
    assert list(field_errors(refused.value)) == ["closed_on"]


def test_reopening_an_item_clears_its_closing_and_a_closed_item_is_not_edited(plan_world):
    item = services.report_on_item(plan_world.item(), plan_world.methodist, status=PlanItem.Status.NOT_DONE,
                                   result="Перенесено: карантин", closed_on=plan_world.day(5, 2))
    with pytest.raises(ValidationError):
        services.edit_item(item, plan_world.methodist, title="Другое")
    item = services.report_on_item(item, plan_world.methodist, status=PlanItem.Status.IN_PROGRESS)
    assert (item.closed_on, item.closed_by, item.result) == (None, None, "Перенесено: карантин")
    item = services.edit_item(item, plan_world.methodist, deadline=plan_world.day(9, 30))
    assert item.deadline == plan_world.day(9, 30)


def test_approval_needs_items_the_officer_and_records_who_and_when(plan_world):
    with pytest.raises(ValidationError):
        services.approve_plan(plan_world.plan, plan_world.officer)
    plan_world.item()
    with pytest.raises(PermissionDenied):
        services.approve_plan(plan_world.plan, plan_world.methodist)
    plan = services.approve_plan(plan_world.plan, plan_world.officer)
    assert plan.approved_by == plan_world.officer and plan.approved_at is not None
    assert plan.history.first().history_user == plan_world.officer
    with pytest.raises(ValidationError):
        services.approve_plan(plan, plan_world.officer)


def test_the_execution_counts_done_on_time_late_not_done_and_open_per_section(plan_world):
    year_day = plan_world.day
    on_time = plan_world.item(deadline=year_day(3, 31))
    late = plan_world.item(deadline=year_day(3, 31))
    not_done = plan_world.item(section=Section.ANALYSIS, deadline=year_day(6, 1))
    plan_world.item(section=Section.ANALYSIS, deadline=year_day(6, 1))  # still open, past its deadline
    services.report_on_item(on_time, plan_world.lead, status="done", result="Да", closed_on=year_day(3, 31))
    services.report_on_item(late, plan_world.lead, status="done", result="Да", closed_on=year_day(4, 1))
    services.report_on_item(not_done, plan_world.methodist, status="not_done", result="Нет площадки",
                            closed_on=year_day(6, 1))
    sections, total = execution(plan_world.plan)
    counts = {row.label: (row.total, row.on_time, row.late, row.not_done, row.open, row.overdue) for row in sections}
    assert counts == {"мониторинг, диагностика и анализ": (2, 0, 0, 1, 1, 1),
                      "мероприятия, опыт и конкурсы": (2, 1, 1, 0, 0, 0)}
    assert (total.total, total.done, total.done_share, total.overdue) == (4, 2, 50, 1)


def test_the_analysis_is_written_with_who_and_when(plan_world):
    with pytest.raises(ValidationError) as refused:
        services.write_analysis(plan_world.plan, plan_world.methodist, text=" ")
    assert list(field_errors(refused.value)) == ["analysis"]
    plan = services.write_analysis(plan_world.plan, plan_world.methodist, text="Выполнено 90 % пунктов.")
    assert (plan.analysis, plan.analysed_by) == ("Выполнено 90 % пунктов.", plan_world.methodist)
    with pytest.raises(PermissionDenied):
        services.write_analysis(plan, plan_world.auditor, text="Иное")


def test_an_item_may_name_the_indicator_it_serves(plan_world):
    item = plan_world.item(indicator=Indicator.EVENTS_A_YEAR)
    assert item.get_indicator_display() == "Количество методических мероприятий в год"


def test_the_heads_and_leads_of_the_municipality_are_offered_as_responsible_not_every_teacher(plan_world):
    outsider = person("lead.x", Role.LEAD, OrganisationFactory(municipality=plan_world.elsewhere))
    named = set(people_to_name(plan_world.plan))
    assert {plan_world.lead, plan_world.director, plan_world.methodist, plan_world.officer} <= named
    assert outsider not in named and plan_world.teacher not in named


def test_an_approved_plans_items_are_not_changed_but_are_still_reported_on(plan_world):
    item = plan_world.item()
    services.approve_plan(plan_world.plan, plan_world.officer)
    with pytest.raises(CaseConflict) as refused:
        services.edit_item(item, plan_world.methodist, title="Другое")
    assert refused.value.code == "approved"
    item.refresh_from_db()
    assert item.title == "Провести городскую конференцию молодых педагогов"
    item = services.report_on_item(item, plan_world.lead, status=PlanItem.Status.DONE, result="Проведена",
                                   closed_on=plan_world.day(4, 20))
    assert item.status == PlanItem.Status.DONE
