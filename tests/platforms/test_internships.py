"""Internships through the services: the whole path with who and when at every step and whom it tells, the
places, the teachers who may not apply, the outcomes and what a completion counts as."""
from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from platforms import internships as services
from platforms.internships_selectors import (ProfessionalDevelopment, awaiting_agreement, awaiting_site,
                                             professional_development)
from platforms.models import Internship, InternshipProgramme, SiteKind
from routes.models import RouteActivity
from tests.platforms.internships_world import (accepted, after_the_programme, agreed, applied, completed, in_days,
                                               make_site, programme_on, site_world)  # noqa: F401
from workflows.models import Notification
from workflows.services import CaseConflict

pytestmark = pytest.mark.django_db


def notices_of(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("message", flat=True))


def test_an_internship_goes_from_application_to_completion_recording_who_and_when_and_telling_the_next(
        site_world):
    school = site_world.school
    internship = applied(site_world)
    assert internship.status == Internship.Status.APPLIED and internship.organisation == school.other
    assert list(awaiting_agreement(school.other_director)) == [internship]
    assert len(notices_of(school.other_director)) == 1

    services.agree(internship, school.other_director)
    assert (internship.status, internship.agreed_by) == (Internship.Status.AGREED, school.other_director)
    assert list(awaiting_site(school.director)) == [internship]
    assert len(notices_of(school.director)) == 1

    services.accept(internship, school.director)
    assert (internship.status, internship.accepted_by) == (Internship.Status.ACCEPTED, school.director)
    assert internship.accepted_at is not None

    after_the_programme(site_world.programme)
    internship.refresh_from_db()
    services.complete(internship, school.director, Internship.Outcome.COMPLETED_WITH_PRODUCT, "Разработан урок")
    internship.refresh_from_db()
    assert internship.status == Internship.Status.COMPLETED
    assert (internship.recorded_by, internship.completed_on) == (school.director, timezone.localdate())
    assert len(notices_of(school.other_teacher)) == 2  # accepted, then the outcome

    history = list(internship.history.order_by("history_date").values_list("status", "history_user"))
    assert history == [("applied", school.other_teacher.pk), ("agreed", school.other_director.pk),
                       ("accepted", school.director.pk), ("completed", school.director.pk)]


def test_a_completion_counts_as_professional_development_of_the_teacher_school_and_municipality(site_world):
    completed(site_world)
    school, year = site_world.school, timezone.localdate().year

    assert professional_development(school.other_teacher, year) == ProfessionalDevelopment(1, 36)
    assert professional_development(school.other, year) == ProfessionalDevelopment(1, 36)
    assert professional_development(school.other.municipality, year) == ProfessionalDevelopment(1, 36)
    assert professional_development(school.other_teacher, year - 1) == ProfessionalDevelopment(0, 0)
    assert professional_development(school.teacher, year) == ProfessionalDevelopment(0, 0)


def test_an_outcome_not_completed_is_no_professional_development(site_world):
    internship = completed(site_world, Internship.Outcome.NOT_COMPLETED)

    assert internship.status == Internship.Status.NOT_COMPLETED
    assert professional_development(site_world.school.other_teacher, timezone.localdate().year).count == 0


def test_a_teacher_of_the_sites_own_organisation_may_not_apply(site_world):
    with pytest.raises(PermissionDenied):
        services.apply(site_world.programme, site_world.school.teacher, "Хочу")

    assert not Internship.objects.exists()


@pytest.mark.parametrize("who", ["director", "methodist", "auditor", "other_director"])
def test_only_a_teacher_applies(site_world, who):
    with pytest.raises(PermissionDenied):
        services.apply(site_world.programme, getattr(site_world.school, who), "Хочу")


def test_a_teacher_of_another_municipality_applies_and_their_own_director_agrees(site_world):
    internship = applied(site_world, site_world.elsewhere_teacher)

    with pytest.raises(PermissionDenied):
        services.agree(internship, site_world.school.other_director)
    services.agree(internship, site_world.elsewhere_director)
    assert internship.status == Internship.Status.AGREED


def test_no_more_teachers_than_places_and_a_withdrawn_place_is_free_again(site_world, school):
    programme = programme_on(site_world.site, school.director, capacity=1, topic="Один слушатель")
    first = services.apply(programme, school.other_teacher, "Хочу")

    with pytest.raises(CaseConflict) as refused:
        services.apply(programme, site_world.elsewhere_teacher, "Хочу тоже")
    assert refused.value.code == "full"

    services.withdraw(first, school.other_teacher)
    assert services.apply(programme, site_world.elsewhere_teacher, "Хочу тоже").status == Internship.Status.APPLIED


def test_a_second_application_for_the_same_programme_is_refused(site_world):
    applied(site_world)

    with pytest.raises(CaseConflict) as refused:
        applied(site_world)
    assert refused.value.code == "already_applied"


def test_the_application_needs_a_motivation(site_world):
    with pytest.raises(ValidationError) as refused:
        services.apply(site_world.programme, site_world.school.other_teacher, "   ")

    assert "motivation" in refused.value.message_dict


def test_the_teachers_director_declines_with_a_reason_the_teacher_reads(site_world):
    internship = applied(site_world)

    with pytest.raises(ValidationError):
        services.decline(internship, site_world.school.other_director, " ")
    services.decline(internship, site_world.school.other_director, "Совпадает с аттестацией")

    assert (internship.status, internship.declined_by) == (Internship.Status.DECLINED, site_world.school.other_director)
    assert any("Совпадает с аттестацией" in notice for notice in notices_of(site_world.school.other_teacher))


def test_the_sites_director_declines_an_agreed_application_and_the_teachers_director_may_not(site_world):
    internship = agreed(site_world)

    with pytest.raises(PermissionDenied):
        services.decline(internship, site_world.school.other_director, "Нет")
    services.decline(internship, site_world.school.director, "Группа укомплектована")
    assert internship.status == Internship.Status.DECLINED


def test_the_teacher_withdraws_before_acceptance_but_not_after(site_world):
    internship = agreed(site_world)
    with pytest.raises(PermissionDenied):
        services.withdraw(internship, site_world.school.other_director)

    services.withdraw(internship, site_world.school.other_teacher)
    assert internship.status == Internship.Status.WITHDRAWN
    assert len(notices_of(site_world.school.director)) == 2  # asked to accept, then told of the withdrawal

    later = accepted(site_world)
    with pytest.raises(CaseConflict):
        services.withdraw(later, site_world.school.other_teacher)


def test_a_step_done_twice_is_a_conflict(site_world):
    internship = agreed(site_world)

    with pytest.raises(CaseConflict):
        services.agree(internship, site_world.school.other_director)


def test_the_outcome_is_recorded_after_the_programme_by_the_sites_director_only(site_world):
    internship = accepted(site_world)

    with pytest.raises(CaseConflict) as early:
        services.complete(internship, site_world.school.director, Internship.Outcome.COMPLETED)
    assert early.value.code == "not_over"
    after_the_programme(site_world.programme)
    internship.refresh_from_db()
    for outsider in (site_world.curator, site_world.school.other_director):
        with pytest.raises(PermissionDenied):
            services.complete(internship, outsider, Internship.Outcome.COMPLETED)
    with pytest.raises(ValidationError):
        services.complete(internship, site_world.school.director, "excellent")


def test_the_teacher_links_a_completed_internship_to_an_activity_of_their_own_route(site_world, make_route):
    internship = completed(site_world)
    route = make_route(site_world.school.other_teacher)
    activity = route.activities.first()  # a course: an internship may stand for it
    someone_elses = make_route(site_world.school.teacher).activities.first()

    with pytest.raises(ValidationError):
        services.link_activity(internship, site_world.school.other_teacher, someone_elses)
    with pytest.raises(PermissionDenied):
        services.link_activity(internship, site_world.school.teacher, activity)
    services.link_activity(internship, site_world.school.other_teacher, activity)

    assert list(RouteActivity.objects.get(pk=activity.pk).internships.all()) == [internship]
    services.link_activity(internship, site_world.school.other_teacher, None)
    assert not activity.internships.exists()


def test_an_activity_of_another_form_or_an_unfinished_internship_is_not_linked(site_world, make_route):
    route = make_route(site_world.school.other_teacher)
    webinar = route.activities.first()
    RouteActivity.objects.filter(pk=webinar.pk).update(form="webinar")
    internship = accepted(site_world)

    with pytest.raises(CaseConflict):
        services.link_activity(internship, site_world.school.other_teacher, route.activities.last())
    after_the_programme(site_world.programme)
    internship.refresh_from_db()
    services.complete(internship, site_world.school.director, Internship.Outcome.COMPLETED)
    with pytest.raises(ValidationError):
        services.link_activity(internship, site_world.school.other_teacher, webinar)


def test_a_programme_is_published_by_the_sites_director_or_curator_only_and_only_at_a_hosting_site(site_world):
    school = site_world.school
    for author in (school.director, site_world.curator):
        assert programme_on(site_world.site, author).published
    for outsider in (school.other_director, school.officer, school.teacher):
        with pytest.raises(PermissionDenied):
            programme_on(site_world.site, outsider)
    innovation = make_site(school.organisation, site_world.curator, kind=SiteKind.INNOVATION)
    with pytest.raises(ValidationError) as refused:
        programme_on(innovation, school.director)
    assert "site" in refused.value.message_dict


@pytest.mark.parametrize(("fields", "field"), [
    ({"hours": 0}, "hours"),
    ({"capacity": 0}, "capacity"),
    ({"starts_on": in_days(10), "ends_on": in_days(5)}, "ends_on"),
    ({"starts_on": in_days(0), "ends_on": in_days(5)}, "starts_on"),
])
def test_a_programme_with_bad_fields_is_refused_by_field_and_nothing_is_saved(site_world, fields, field):
    before = InternshipProgramme.objects.count()

    with pytest.raises(ValidationError) as refused:
        programme_on(site_world.site, site_world.school.director, **fields)

    assert field in refused.value.message_dict
    assert InternshipProgramme.objects.count() == before


def test_the_capacity_is_not_cut_below_the_places_taken(site_world):
    applied(site_world)
    agreed_elsewhere = services.apply(site_world.programme, site_world.elsewhere_teacher, "Хочу")
    assert agreed_elsewhere.pk
    site_world.programme.capacity = 1

    with pytest.raises(ValidationError) as refused:
        services.save_programme(site_world.programme, site_world.school.director)
    assert "capacity" in refused.value.message_dict
