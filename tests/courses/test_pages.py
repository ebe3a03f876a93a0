"""The courses' pages: the form keeps what was typed and names the bad field in Russian, the list shows the
share of teachers with courses, the export holds the filtered rows, the certificate goes only to those who see
the record, and a programme's page lists its post-course support."""
from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from courses.models import CourseCompletion
from events.models import Event
from tests.courses.world import completion, world  # noqa: F401  fixtures

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_bad_new_programme_is_named_at_its_field_and_the_form_keeps_the_input(client, world):
    client.force_login(world.director)
    response = client.post(reverse("courses:create"), {
        "person": world.teacher.pk, "provider": world.academy.pk, "title": "Школа наставника", "hours": "0",
        "focus": "management", "starts_on": "2025-04-01", "ends_on": "2025-04-10"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {"hours": ["Программа — от 1 до 1000 часов."]}
    assert 'value="Школа наставника"' in response.content.decode()
    assert not CourseCompletion.objects.exists()


def test_the_list_shows_the_share_of_teachers_with_courses_and_exports_the_filtered_rows(client, world):
    completion(world)
    completion(world, person=world.other_teacher)
    client.force_login(world.methodist)
    response = client.get(reverse("courses:index"), {"year": 2025})
    assert "курсы прошли 2 из 2 педагогов (100,0 %)" in response.content.decode() or \
        "курсы прошли 2 из 2 педагогов (100.0 %)" in response.content.decode()
    exported = client.get(reverse("courses:export"), {"organisation": world.other.pk})
    rows = list(load_workbook(BytesIO(exported.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Муниципалитет", "Организация", "Педагог")
    assert [row[2] for row in rows[1:]] == [str(world.other_teacher)]


def test_the_certificate_goes_only_to_whoever_sees_the_record(client, world):
    entered = completion(world, certificate=SimpleUploadedFile("удостоверение.pdf", PDF))
    url = reverse("courses:certificate", args=[entered.pk])
    client.force_login(world.director)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    client.force_login(world.other_director)
    assert client.get(url).status_code == 404
    assert client.get(reverse("courses:certificate", args=[10**6])).status_code == 404


def test_a_programmes_page_lists_the_completions_the_person_sees(client, world):
    completion(world)
    completion(world, person=world.elsewhere_teacher)
    client.force_login(world.methodist)
    response = client.get(world.course.get_absolute_url())
    assert response.status_code == 200
    assert response.context["completion_count"] == 1
    assert "Посткурсовое сопровождение" in response.content.decode()


def test_a_programmes_page_lists_the_events_following_it_up_that_the_person_sees(client, world):
    starts = timezone.now() + timedelta(days=7)
    for methodist in (world.methodist, world.elsewhere_methodist):
        Event.objects.create(municipality=methodist.role_assignments.get().municipality, form="seminar",
                             title=f"Посткурсовой семинар {methodist.username}", starts_at=starts,
                             ends_at=starts + timedelta(hours=2), methodist=methodist, created_by=methodist,
                             follows_course=world.course)
    client.force_login(world.methodist)
    response = client.get(world.course.get_absolute_url())
    assert [event.title for event in response.context["events"]] == ["Посткурсовой семинар methodist.m"]
    assert 'data-testid="follow-up-event"' in response.content.decode()
