"""Entering teachers' completions: who may, what is refused with a Russian error at its field (nothing saved),
the history of who entered and changed what."""
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from courses.models import CertificateFile, Course, CourseCompletion, Focus
from courses.selectors import coverage, coverage_shown, teachers_with_courses, visible_completions
from courses.services import change_completion, delete_completion, record_completion
from tests.courses.world import completion, world  # noqa: F401  fixtures

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def errors_of(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as raised:
        call()
    return raised.value.message_dict


def test_a_teacher_enters_their_own_course_with_the_certificate(world):
    certificate = SimpleUploadedFile("удостоверение.pdf", PDF, content_type="application/pdf")
    entered = record_completion(world.teacher, person=world.teacher, course=world.course, starts_on=date(2025, 3, 3),
                                ends_on=date(2025, 3, 14), certificate_number=" 72-0001 ", certificate=certificate)

    assert (entered.organisation, entered.municipality) == (world.organisation, world.organisation.municipality)
    assert entered.certificate_number == "72-0001"
    assert entered.certificate.name == "удостоверение.pdf"
    assert entered.history.get().history_user == world.teacher


def test_a_teacher_does_not_enter_a_colleagues_course(world):
    with pytest.raises(PermissionDenied):
        record_completion(world.teacher, person=world.other_teacher, course=world.course,
                          starts_on=date(2025, 3, 3), ends_on=date(2025, 3, 14))
    assert not CourseCompletion.objects.exists()


@pytest.mark.parametrize("who", ["director", "lead", "methodist"])
def test_the_school_and_the_centre_enter_their_teachers_courses(world, who):
    entered = record_completion(getattr(world, who), person=world.teacher, course=world.course,
                                starts_on=date(2025, 3, 3), ends_on=date(2025, 3, 14))
    assert entered.recorded_by == getattr(world, who)


@pytest.mark.parametrize("who", ["other_director", "auditor", "officer", "elsewhere_methodist"])
def test_others_do_not_enter_the_schools_courses(world, who):
    with pytest.raises(PermissionDenied):
        record_completion(getattr(world, who), person=world.teacher, course=world.course,
                          starts_on=date(2025, 3, 3), ends_on=date(2025, 3, 14))


def test_the_same_teacher_course_and_start_twice_is_refused_at_the_start_date(world):
    completion(world)
    errors = errors_of(lambda: completion(world, ends_on=date(2025, 3, 20)))
    assert errors == {"starts_on": ["Прохождение этого курса этим педагогом с этой даты уже внесено."]}
    assert CourseCompletion.objects.count() == 1
    completion(world, starts_on=date(2025, 10, 1), ends_on=date(2025, 10, 10))  # another run of the same course
    assert CourseCompletion.objects.count() == 2


def test_a_new_programme_with_hours_out_of_range_saves_neither_it_nor_the_completion(world):
    for hours in (0, 1001):
        errors = errors_of(lambda: record_completion(
            world.methodist, person=world.teacher, course=None, starts_on=date(2025, 3, 3), ends_on=date(2025, 3, 1),
            new_course={"provider": world.academy, "title": "Функциональная грамотность", "hours": hours,
                        "focus": Focus.FGOS}))
        assert errors["hours"] == ["Программа — от 1 до 1000 часов."]
        assert errors["ends_on"] == ["Курс не может закончиться раньше, чем начался."]
    assert not Course.objects.filter(provider=world.academy).exists()
    assert not CourseCompletion.objects.exists()


def test_a_new_programme_is_added_with_its_completion_and_found_again_by_title_and_hours(world):
    new = {"provider": world.academy, "title": "Функциональная грамотность", "hours": 72, "focus": Focus.FGOS}
    first = record_completion(world.methodist, person=world.teacher, course=None, new_course=new,
                              starts_on=date(2025, 3, 3), ends_on=date(2025, 3, 14))
    second = record_completion(world.methodist, person=world.other_teacher, course=None,
                               new_course={**new, "title": "функциональная грамотность "},
                               starts_on=date(2025, 3, 3), ends_on=date(2025, 3, 14))
    assert first.course == second.course
    assert first.course.created_by == world.methodist


def test_a_course_that_has_not_ended_is_not_entered(world):
    today = timezone.localdate()
    errors = errors_of(lambda: completion(world, starts_on=today, ends_on=today + timedelta(days=1)))
    assert errors == {"ends_on": ["Курс вносится после его окончания."]}


def test_a_web_page_called_a_pdf_is_refused_as_the_certificate(world):
    fake = SimpleUploadedFile("удостоверение.pdf", b"<html><script>alert(1)</script></html>")
    errors = errors_of(lambda: completion(world, certificate=fake))
    assert list(errors) == ["certificate"]
    assert not CourseCompletion.objects.exists() and not CertificateFile.objects.exists()


def test_a_correction_and_a_deletion_are_kept_in_the_history(world):
    entered = completion(world)
    change_completion(world.director, entered, course=world.course, starts_on=date(2025, 3, 4),
                      ends_on=date(2025, 3, 14), certificate_number="72-0002")
    with pytest.raises(PermissionDenied):
        delete_completion(world.other_director, entered)
    delete_completion(world.director, entered)

    records = list(CourseCompletion.history.filter(id=entered.pk).order_by("history_date"))
    assert [(record.history_type, record.history_user) for record in records] == [
        ("+", world.methodist), ("~", world.director), ("-", world.director)]
    assert records[1].starts_on == date(2025, 3, 4) and records[1].certificate_number == "72-0002"


def test_nobody_outside_the_scope_sees_a_completion(world):
    mine = completion(world)
    theirs = completion(world, person=world.elsewhere_teacher)
    seen = {who: set(visible_completions(getattr(world, who))) for who in (
        "teacher", "other_teacher", "director", "other_director", "methodist", "auditor", "elsewhere_methodist",
        "elsewhere_auditor", "region_auditor")}
    assert seen == {
        "teacher": {mine}, "other_teacher": set(), "director": {mine}, "other_director": set(),
        "methodist": {mine}, "auditor": {mine}, "elsewhere_methodist": {theirs}, "elsewhere_auditor": {theirs},
        "region_auditor": {mine, theirs}}


def test_teachers_with_courses_and_their_share_count_the_year_of_the_end(world):
    completion(world)
    completion(world, person=world.other_teacher, starts_on=date(2024, 12, 20), ends_on=date(2025, 1, 20))
    completion(world, person=world.elsewhere_teacher)
    municipality = world.organisation.municipality
    assert set(teachers_with_courses(municipality, 2025)) == {world.teacher, world.other_teacher}
    assert not teachers_with_courses(municipality, 2024).exists()
    share = coverage(municipality, 2025)
    assert (share.with_courses, share.teachers, share.share, share.meets_target) == (2, 2, 100, True)


def test_the_share_the_page_shows_is_kept_until_a_completion_of_the_municipality_changes(world,
                                                                                       django_assert_num_queries):
    municipality = world.organisation.municipality
    first = completion(world)
    assert (coverage_shown(municipality, 2025).with_courses, coverage_shown(municipality, 2025).teachers) == (1, 2)
    with django_assert_num_queries(1):  # the cached figure: one read of the shared cache, no count
        coverage_shown(municipality, 2025)

    second = completion(world, person=world.other_teacher)
    assert coverage_shown(municipality, 2025).with_courses == 2
    delete_completion(world.methodist, second)
    delete_completion(world.methodist, first)
    assert coverage_shown(municipality, 2025).with_courses == 0
