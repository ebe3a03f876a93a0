"""A consultation's page form names the visit and the course it follows up, from what the person may see."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from courses.models import Course, Focus, Provider
from tests.factories import RegionFactory
from tests.visits.world import planned, world  # noqa: F401  fixture
from visits.models import Consultation
from visits.services import plan_visit

pytestmark = pytest.mark.django_db


def course_of(region, title: str = "Формирующее оценивание") -> Course:
    provider = Provider.objects.create(region=region, name="Институт развития образования", short_name="ИРО",
                                       kind=Provider.Kind.REGIONAL_INSTITUTE)
    return Course.objects.create(provider=provider, title=title, hours=72, focus=Focus.FGOS)


def post(client, world, **fields):
    client.force_login(world.methodist)
    return client.post(reverse("visits:consultation-new"), {
        "audience": "teachers", "topic": "Подготовка к ВПР", "form": "group", "organisation": world.school.pk,
        "held_at": (timezone.localtime() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"), "attendees": 4,
        **fields})


def test_the_page_form_saves_the_visit_and_the_course_the_consultation_follows_up(client, world):
    visit, course = planned(world), course_of(world.municipality.region)

    response = post(client, world, visit=visit.pk, follows_course=course.pk)

    assert response.status_code == 302
    consultation = Consultation.objects.get()
    assert (consultation.visit, consultation.follows_course) == (visit, course)


def test_a_visit_of_another_municipality_is_refused_at_its_field_and_nothing_is_saved(client, world):
    far_visit = plan_visit(world.elsewhere_methodist, organisation=world.elsewhere_school, purpose="Выезд",
                           planned_on=timezone.localdate() + timedelta(days=3),
                           methodists=[world.elsewhere_methodist])

    response = post(client, world, visit=far_visit.pk)

    assert response.status_code == 200
    assert response.context["form"].errors["visit"] == ["Выберите выезд своего муниципалитета."]
    assert not Consultation.objects.exists()


def test_a_course_of_another_region_is_refused_through_the_api(world):
    api = APIClient()
    api.force_authenticate(world.methodist)
    response = api.post("/api/consultations/", {
        "municipality": world.municipality.pk, "audience": "heads", "topic": "Посткурсовое сопровождение",
        "held_at": (timezone.now() - timedelta(hours=1)).isoformat(),
        "follows_course": course_of(RegionFactory()).pk}, format="json")

    assert response.status_code == 400 and "follows_course" in str(response.json())
    assert not Consultation.objects.exists()
