"""The rules of the register: who joins, the plan built on the members' deficits, the protocol of a held
meeting, the counts indicators read; bad input refused by field with nothing saved."""
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from associations.meetings import PlanItem, draw_up_plan, record_protocol, schedule_meeting
from associations.models import Association, Attendance, Meeting, MeetingPlan, Membership
from associations.selectors import deficit_groups, meetings_per_year, visible_associations
from associations.services import add_member, end_membership, found_association
from tests.associations.world import associations  # noqa: F401  fixture

pytestmark = pytest.mark.django_db


def errors_of(call) -> dict:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.message_dict


def test_a_school_association_takes_only_the_schools_teachers(associations):
    school = associations.school
    assert "person" in errors_of(lambda: add_member(school.director, associations.shmo, school.other_teacher))
    assert not Membership.objects.filter(association=associations.shmo, person=school.other_teacher).exists()


def test_a_person_of_another_municipality_never_joins_a_municipal_association(associations):
    error = errors_of(lambda: add_member(associations.school.methodist, associations.mmo, associations.stranger))
    assert error["person"] == ["Этот человек работает вне школы или муниципалитета объединения."]


def test_a_member_is_not_added_twice(associations):
    error = errors_of(lambda: add_member(associations.head, associations.mmo, associations.school.teacher))
    assert error["person"] == ["Этот человек уже состоит в объединении."]
    assert associations.mmo.memberships.count() == 2


def test_the_head_keeps_their_own_association_and_no_other(associations):
    membership = add_member(associations.head, associations.mmo, associations.school.mentor)
    assert membership.added_by == associations.head
    with pytest.raises(PermissionDenied):
        add_member(associations.head, associations.shmo, associations.school.mentor)


def test_an_auditor_changes_nothing(associations):
    with pytest.raises(PermissionDenied):
        add_member(associations.school.auditor, associations.mmo, associations.school.mentor)


def test_a_director_founds_a_shmo_of_their_school_but_not_a_municipal_one(associations):
    school = associations.school
    shmo = found_association(school.director, municipality=school.organisation.municipality,
                             level=Association.Level.SCHOOL, organisation=school.organisation,
                             name="ШМО учителей истории", direction="история", head=school.teacher)
    assert shmo.organisation == school.organisation
    with pytest.raises(PermissionDenied):
        found_association(school.director, municipality=school.organisation.municipality,
                          level=Association.Level.MUNICIPAL, name="ММО", direction="история")


def test_a_head_from_another_municipality_is_refused_and_nothing_is_founded(associations):
    school = associations.school
    count = Association.objects.count()
    error = errors_of(lambda: found_association(
        school.methodist, municipality=school.organisation.municipality, level=Association.Level.MUNICIPAL,
        name="ММО учителей физики", direction="", head=associations.stranger))
    assert set(error) == {"head", "direction"}
    assert Association.objects.count() == count


def test_an_ended_membership_keeps_its_history_and_the_person_may_join_again(associations):
    school = associations.school
    membership = associations.mmo.memberships.get(person=school.other_teacher)
    end_membership(associations.head, membership, date(2026, 1, 31))
    assert membership.history.first().history_user == associations.head
    add_member(associations.head, associations.mmo, school.other_teacher)
    assert associations.mmo.memberships.filter(person=school.other_teacher).count() == 2


def test_the_plan_offers_the_members_deficits_only_the_shared_first(associations):
    groups = deficit_groups(associations.mmo, 2026)
    assert [(group.title, group.members) for group in groups] == [("Формирующее оценивание", 2)]


def test_a_plan_is_built_on_the_members_deficits(associations):
    deficits = [associations.deficits["teacher"].pk, associations.deficits["other_teacher"].pk]
    plan = draw_up_plan(associations.head, associations.mmo, year=2026, theme="Функциональная грамотность", items=[
        PlanItem(date(2026, 11, 10), "Формирующее оценивание на уроке математики", "methodical", deficits),
        PlanItem(date(2026, 3, 3), "Итоги олимпиад"),
    ])
    assert [item.topic for item in plan.items.all()] == ["Итоги олимпиад", "Формирующее оценивание на уроке математики"]
    assert set(plan.items.last().deficits.values_list("pk", flat=True)) == set(deficits)


def test_a_plan_naming_someone_elses_deficit_or_a_date_outside_its_year_saves_nothing(associations):
    error = errors_of(lambda: draw_up_plan(associations.head, associations.mmo, year=2026, items=[
        PlanItem(date(2026, 2, 1), "Проекты", deficits=[associations.deficits["mentor"].pk]),
        PlanItem(date(2027, 1, 15), " "),
    ]))
    assert error == {"items[0].deficits": ["Выберите среди дефицитов членов объединения."],
                     "items[1].planned_on": ["Дата вне года плана."],
                     "items[1].topic": ["Укажите тему заседания."]}
    assert not MeetingPlan.objects.exists()


def test_one_plan_a_year(associations):
    draw_up_plan(associations.head, associations.mmo, year=2026, items=[PlanItem(date(2026, 2, 1), "Старт")])
    error = errors_of(lambda: draw_up_plan(associations.head, associations.mmo, year=2026,
                                           items=[PlanItem(date(2026, 5, 1), "Ещё")]))
    assert error["year"] == ["У объединения уже есть план на этот год."]


def test_the_protocol_waits_for_the_day_of_the_meeting(associations):
    meeting = schedule_meeting(associations.head, associations.mmo, agenda="Анализ ВПР",
                               held_on=timezone.localdate() + timedelta(days=3))
    school = associations.school
    error = errors_of(lambda: record_protocol(associations.head, meeting, present=[school.teacher.pk], decisions="Да"))
    assert error["held_on"] == ["Протокол записывается после того, как заседание состоялось."]
    assert not Attendance.objects.exists()
    assert Meeting.objects.get(pk=meeting.pk).protocol_recorded_at is None


def test_the_protocol_marks_every_member_and_counts_the_meeting(associations):
    school = associations.school
    meeting = schedule_meeting(associations.head, associations.mmo, agenda="Анализ ВПР", held_on=date(2026, 2, 10))
    record_protocol(associations.head, meeting, present=[school.teacher.pk], decisions="Провести открытые уроки")
    assert dict(meeting.attendance.values_list("person__username", "present")) == {"teacher.a": True,
                                                                                  "teacher.b": False}
    assert meetings_per_year(school.organisation.municipality, 2026) == 1
    assert meetings_per_year(school.organisation.municipality, 2025) == 0


def test_a_stranger_is_not_marked_present(associations):
    meeting = schedule_meeting(associations.head, associations.mmo, agenda="Анализ ВПР", held_on=date(2026, 2, 10))
    error = errors_of(lambda: record_protocol(associations.head, meeting, present=[associations.stranger.pk],
                                              decisions="Решение"))
    assert "present" in error and not meeting.attendance.exists()


def test_meeting_without_date_or_agenda_is_refused_by_field(associations):
    error = errors_of(lambda: schedule_meeting(associations.head, associations.mmo, agenda=" ", held_on=None))
    assert error == {"held_on": ["Укажите дату заседания."], "agenda": ["Укажите повестку заседания."]}


def test_a_person_outside_the_scope_never_sees_the_associations(associations):
    assert not visible_associations(associations.stranger).exists()
    assert not visible_associations(associations.elsewhere_methodist).exists()
    school = associations.school
    assert set(visible_associations(school.methodist)) == {associations.shmo, associations.mmo}
    # the second school's teacher: no ШМО of the first school, but the ММО they belong to
    assert list(visible_associations(school.other_teacher)) == [associations.mmo]
