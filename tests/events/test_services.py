"""The rules of events: registration closes at capacity or deadline, attendance only after the event begins,
an attended event completes the ИОМ activity linked to it, nothing is saved half-way."""
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import Role
from events import services
from events.models import Event, Registration
from routes import services as routes
from routes.models import RouteActivity
from tests.events.world import happened, seminar
from tests.factories import person_with_role
from workflows.models import CaseEvent

pytestmark = pytest.mark.django_db


def test_a_teacher_registers_themselves_and_their_director_registers_another(school, event):
    services.register(event, school.teacher, school.teacher)
    services.register(event, school.mentor, school.director)

    rows = Registration.objects.filter(event=event).order_by("pk")
    assert [(row.person, row.registered_by) for row in rows] == [(school.teacher, school.teacher),
                                                               (school.mentor, school.director)]
    assert school.mentor.notifications.count() == 1
    assert rows[0].history.get().history_user == school.teacher


def test_a_director_does_not_register_a_teacher_of_another_school(school, event):
    with pytest.raises(PermissionDenied):
        services.register(event, school.other_teacher, school.director)
    assert not event.registrations.exists()


def test_registration_closes_when_the_places_are_taken(school):
    event = seminar(school.methodist, capacity=1)
    services.register(event, school.teacher, school.teacher)

    with pytest.raises(ValidationError) as error:
        services.register(event, school.other_teacher, school.other_teacher)
    assert error.value.message_dict == {"person": ["Свободных мест не осталось."]}
    assert event.registrations.count() == 1


def test_registration_closes_at_the_deadline(school):
    event = seminar(school.methodist, registration_deadline=timezone.now() + timedelta(days=1))
    Event.objects.filter(pk=event.pk).update(registration_deadline=timezone.now() - timedelta(minutes=1))

    with pytest.raises(ValidationError) as error:
        services.register(event, school.teacher, school.teacher)
    assert error.value.message_dict == {"person": ["Регистрация на мероприятие закрыта."]}
    assert not event.registrations.exists()


def test_a_person_registers_once(school, event):
    services.register(event, school.teacher, school.teacher)
    with pytest.raises(ValidationError) as error:
        services.register(event, school.teacher, school.director)
    assert "уже зарегистрирован" in error.value.message_dict["person"][0]


def test_an_event_ending_before_it_starts_is_refused_at_its_end_and_not_saved(school):
    starts = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError) as error:
        seminar(school.methodist, starts_at=starts, ends_at=starts - timedelta(hours=1))
    assert error.value.message_dict["ends_at"] == ["Мероприятие заканчивается раньше, чем начинается."]
    assert not Event.objects.exists()


def test_attendance_for_a_future_event_is_refused_and_nothing_is_marked(school, event):
    registration = services.register(event, school.teacher, school.teacher)
    with pytest.raises(ValidationError) as error:
        services.mark_attendance(event, school.methodist, [registration.pk])
    assert "отмечается после начала" in error.value.message_dict["attended"][0]
    registration.refresh_from_db()
    assert registration.attended is None and Event.objects.get(pk=event.pk).status == Event.Status.PLANNED


def test_attendance_marks_who_came_who_did_not_and_by_whom(school, event):
    came = services.register(event, school.teacher, school.teacher)
    absent = services.register(event, school.other_teacher, school.other_teacher)
    happened(event)

    services.mark_attendance(event, school.methodist, [came.pk])

    came.refresh_from_db(), absent.refresh_from_db()
    assert (came.attended, absent.attended) == (True, False)
    assert came.marked_by == school.methodist and came.marked_at is not None
    assert Event.objects.get(pk=event.pk).status == Event.Status.HELD
    assert came.history.first().history_user == school.methodist


def test_a_director_marks_attendance_only_at_their_own_schools_events(school):
    municipal = happened(seminar(school.methodist))
    own = happened(seminar(school.methodist, organiser="school", organisation=school.organisation))

    services.mark_attendance(own, school.director, [])
    with pytest.raises(PermissionDenied):
        services.mark_attendance(municipal, school.director, [])


def test_marking_attendance_completes_the_linked_route_activity_with_the_event_as_evidence(school, make_route, event):
    route = routes.submit(make_route(school.teacher), school.teacher)
    routes.review(route, school.lead, "approve")
    routes.review(route, school.director, "approve")
    activity = route.activities.first()
    registration = services.register(event, school.teacher, school.teacher)
    services.link_activity(registration, school.teacher, activity)
    happened(event)

    services.mark_attendance(event, school.methodist, [registration.pk])

    activity.refresh_from_db()
    assert activity.is_done and activity.event_registrations.get() == registration
    assert activity.evidence_link.endswith(f"/events/{event.pk}/")
    done = CaseEvent.objects.get(process_id=route.process_id, kind=CaseEvent.Kind.ACTIVITY_DONE)
    assert done.actor == school.methodist and event.title in done.comment


def _attended_with_activity(school, make_route, event):
    """The teacher's agreed route, its first activity linked to the event, marked present by the methodist."""
    route = routes.submit(make_route(school.teacher), school.teacher)
    routes.review(route, school.lead, "approve")
    routes.review(route, school.director, "approve")
    activity = route.activities.first()
    registration = services.register(event, school.teacher, school.teacher)
    services.link_activity(registration, school.teacher, activity)
    happened(event)
    services.mark_attendance(event, school.methodist, [registration.pk])
    return route, activity


def test_attendance_corrected_to_absent_reopens_the_activity_it_completed_and_tells_the_teacher(
        school, make_route, event):
    route, activity = _attended_with_activity(school, make_route, event)
    notices = school.teacher.notifications.count()

    services.mark_attendance(event, school.methodist, [])

    activity.refresh_from_db()
    assert not activity.is_done and activity.evidence_link == ""
    reopened = CaseEvent.objects.get(process_id=route.process_id, kind=CaseEvent.Kind.ACTIVITY_REOPENED)
    assert reopened.actor == school.methodist and event.title in reopened.comment
    assert activity.history.first().history_user == school.methodist
    assert school.teacher.notifications.count() == notices + 1


def test_correcting_attendance_leaves_an_activity_the_teacher_completed_with_other_evidence(
        school, make_route, event):
    route, activity = _attended_with_activity(school, make_route, event)
    RouteActivity.objects.filter(pk=activity.pk).update(evidence_link="https://school.example.org/report")

    services.mark_attendance(event, school.methodist, [])

    activity.refresh_from_db()
    assert activity.is_done and activity.evidence_link == "https://school.example.org/report"
    assert not CaseEvent.objects.filter(process_id=route.process_id, kind=CaseEvent.Kind.ACTIVITY_REOPENED).exists()


def test_a_teacher_links_only_an_activity_of_their_own_route(school, make_route, event):
    other_activity = make_route(school.other_teacher).activities.first()
    registration = services.register(event, school.teacher, school.teacher)
    with pytest.raises(ValidationError) as error:
        services.link_activity(registration, school.teacher, other_activity)
    assert list(error.value.message_dict) == ["activity"]
    registration.refresh_from_db()
    assert registration.activity is None


def test_a_cancelled_event_takes_no_registrations_and_tells_the_registered(school, event):
    services.register(event, school.teacher, school.teacher)
    services.cancel_event(event, school.methodist, "Перенос на весну.")

    assert school.teacher.notifications.filter(message__contains="отменено").exists()
    with pytest.raises(ValidationError):
        services.register(event, school.other_teacher, school.other_teacher)


def test_a_withdrawn_registration_frees_the_place(school):
    event = seminar(school.methodist, capacity=1)
    registration = services.register(event, school.teacher, school.teacher)
    services.withdraw(registration, school.teacher)
    services.register(event, school.other_teacher, school.other_teacher)
    assert list(event.registrations.values_list("person", flat=True)) == [school.other_teacher.pk]


def test_a_municipal_event_takes_the_municipality_s_people_and_a_school_s_event_its_own(school, event):
    own = seminar(school.methodist, organiser="school", organisation=school.organisation, level="organisation")
    stranger = person_with_role(Role.TEACHER)
    with pytest.raises(ValidationError) as error:
        services.register(event, stranger, stranger)
    assert list(error.value.message_dict) == ["person"]
    with pytest.raises(ValidationError):
        services.register(own, school.other_teacher, school.other_teacher)
    services.register(own, school.teacher, school.director)
    assert list(Registration.objects.values_list("person", flat=True)) == [school.teacher.pk]
