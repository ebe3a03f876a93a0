"""The rules of the register of visits: the schedule of the year, the report with addressed recommendations
that reach the school, the school's report on their execution, and who sees what."""
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.visits.world import carried_out, planned, world  # noqa: F401  fixture
from visits.models import Recommendation, Visit, VisitSchedule
from visits.selectors import (
    low_results_coverage,
    recommendations_awaiting,
    visible_visits,
)
from visits.services import (
    academic_year,
    approve_schedule,
    cancel_visit,
    plan_visit,
    recommend,
    report_execution,
    report_visit,
)
from workflows.models import Notification
from workflows.services import CaseConflict

pytestmark = pytest.mark.django_db


def test_a_planned_visit_opens_the_schedule_of_its_academic_year_once(world):
    first, second = planned(world), planned(world, world.other_school, days=8)
    assert first.schedule == second.schedule
    assert first.schedule.year == academic_year(first.planned_on)
    assert VisitSchedule.objects.count() == 1
    assert list(first.methodists.all()) == [world.methodist]


def test_a_visit_is_planned_by_the_municipalitys_methodist_only(world):
    with pytest.raises(PermissionDenied):
        plan_visit(world.elsewhere_methodist, organisation=world.school, purpose="Выезд",
                   planned_on=timezone.localdate(), methodists=[world.elsewhere_methodist])
    with pytest.raises(PermissionDenied):
        plan_visit(world.director, organisation=world.school, purpose="Выезд",
                   planned_on=timezone.localdate(), methodists=[world.methodist])
    assert not Visit.objects.exists()


def test_bad_plans_are_refused_at_their_fields_and_nothing_is_saved(world):
    with pytest.raises(ValidationError) as refused:
        plan_visit(world.methodist, organisation=world.school, purpose=" ", reason="nonsense",
                   planned_on=date(academic_year(timezone.localdate()) - 1, 10, 1),
                   methodists=[world.elsewhere_methodist])
    errors = refused.value.message_dict
    assert set(errors) == {"purpose", "reason", "planned_on", "methodists"}
    assert errors["methodists"] == [f"Не методист и не тьютор муниципалитета: {world.elsewhere_methodist}."]
    with pytest.raises(ValidationError) as refused:
        plan_visit(world.methodist, organisation=world.school, purpose="Выезд",
                   planned_on=timezone.localdate(), methodists=[])
    assert "methodists" in refused.value.message_dict
    assert not Visit.objects.exists() and not VisitSchedule.objects.exists()


def test_the_report_leaves_recommendations_that_reach_the_schools_director(world):
    visit = carried_out(world)
    assert visit.status == Visit.Status.DONE and visit.reported_by == world.methodist
    recommendation = visit.recommendations.get()
    assert recommendation.organisation == world.school and recommendation.is_open
    notice = Notification.objects.get(recipient=world.director)
    assert notice.url == visit.get_absolute_url()
    assert not Notification.objects.filter(recipient=world.other_director).exists()
    assert list(recommendations_awaiting(world.director)) == [recommendation]
    assert list(recommendations_awaiting(world.other_director)) == []


def test_a_bad_recommendation_in_the_report_saves_nothing(world):
    visit = planned(world, days=0)
    today = timezone.localdate()
    with pytest.raises(ValidationError) as refused:
        report_visit(visit, world.methodist, visited_on=today, findings="Выводы",
                     recommendations=[{"text": "Хорошо", "due_on": today + timedelta(days=5)},
                                      {"text": "", "due_on": today - timedelta(days=1)}])
    assert set(refused.value.message_dict) == {"text", "due_on"}
    visit.refresh_from_db()
    assert visit.status == Visit.Status.PLANNED and not Recommendation.objects.exists()


def test_a_visit_is_reported_after_it_took_place_and_once(world):
    visit = planned(world, days=3)
    with pytest.raises(ValidationError) as refused:
        report_visit(visit, world.methodist, visited_on=visit.planned_on, findings="Выводы")
    assert "visited_on" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        report_visit(visit, world.methodist, visited_on=timezone.localdate(), findings="")
    assert "findings" in refused.value.message_dict
    report_visit(visit, world.methodist, visited_on=timezone.localdate(), findings="Выводы")
    with pytest.raises(CaseConflict):
        report_visit(visit, world.methodist, visited_on=timezone.localdate(), findings="Ещё раз")


def test_the_director_reports_the_execution_and_the_methodist_is_told(world):
    recommendation = carried_out(world).recommendations.get()
    with pytest.raises(ValidationError) as refused:
        report_execution(recommendation, world.director, execution="  ")
    assert "execution" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        report_execution(recommendation, world.other_director, execution="Сделано")
    with pytest.raises(PermissionDenied):
        report_execution(recommendation, world.methodist, execution="Сделано")
    report_execution(recommendation, world.director, execution="План подготовки утверждён приказом № 5")
    recommendation.refresh_from_db()
    assert recommendation.status == Recommendation.Status.DONE
    assert recommendation.executed_by == world.director and recommendation.executed_at
    assert recommendation.history.first().history_user == world.director
    assert Notification.objects.filter(recipient=world.methodist, url=recommendation.get_absolute_url()).exists()
    with pytest.raises(CaseConflict):
        report_execution(recommendation, world.director, execution="Снова")


def test_a_further_recommendation_needs_a_reported_visit(world):
    visit = planned(world)
    with pytest.raises(CaseConflict):
        recommend(visit, world.methodist, text="Рекомендация", due_on=visit.planned_on)
    visit = carried_out(world, world.other_school)
    recommend(visit, world.methodist, text="Провести открытые уроки", due_on=visit.visited_on + timedelta(days=60))
    assert visit.recommendations.count() == 2
    assert Notification.objects.filter(recipient=world.other_director).count() == 2


def test_a_cancelled_visit_keeps_its_reason(world):
    visit = planned(world)
    with pytest.raises(ValidationError):
        cancel_visit(visit, world.methodist, reason="")
    cancel_visit(visit, world.methodist, reason="Карантин в школе")
    visit.refresh_from_db()
    assert visit.status == Visit.Status.CANCELLED and visit.cancel_reason == "Карантин в школе"
    with pytest.raises(CaseConflict):
        report_visit(visit, world.methodist, visited_on=timezone.localdate(), findings="Выводы")


def test_the_officer_approves_the_schedule_once(world):
    schedule = planned(world).schedule
    with pytest.raises(PermissionDenied):
        approve_schedule(schedule, world.methodist)
    approve_schedule(schedule, world.officer)
    schedule.refresh_from_db()
    assert schedule.approved_by == world.officer and schedule.approved_at
    with pytest.raises(CaseConflict):
        approve_schedule(schedule, world.officer)


def test_a_person_outside_the_scope_never_sees_the_visit(world):
    visit = carried_out(world)
    assert list(visible_visits(world.director)) == [visit]
    assert list(visible_visits(world.region_auditor)) == [visit]
    for outsider in (world.other_director, world.elsewhere_methodist, world.elsewhere_auditor, world.teacher):
        assert list(visible_visits(outsider)) == []


def test_low_result_schools_count_as_covered_once_visited(world):
    year = academic_year(timezone.localdate())
    assert (low_results_coverage(world.municipality, year).supported, low_results_coverage(
        world.municipality, year).total) == (0, 1)
    carried_out(world)
    carried_out(world)
    assert low_results_coverage(world.municipality, year).share == 100
