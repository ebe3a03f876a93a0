"""The register's pages and endpoints: the filtered list with its counts, the association's page, the
plan's rows offered from the members' deficits, the protocol's form; bad input told in Russian at its
field with nothing saved; who changed what."""
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from associations.meetings import record_protocol, schedule_meeting
from associations.models import MeetingPlan
from tests.associations.world import associations  # noqa: F401  fixture

pytestmark = pytest.mark.django_db


def test_the_list_counts_members_and_meetings_and_filters_by_level(associations, client):
    world = associations
    meeting = schedule_meeting(world.head, world.mmo, held_on=date(2026, 3, 5), agenda="ВПР")
    record_protocol(world.head, meeting, present=[world.school.teacher.pk], decisions="Решили")
    client.force_login(world.school.methodist)
    page = client.get(reverse("associations:index"), {"year": 2026, "level": "municipal"}).context["page"]
    assert [(row.name, row.members_count, row.meetings_count) for row in page] == [("ММО учителей математики", 2, 1)]
    response = client.get(reverse("associations:index"), {"year": "двадцать"})
    assert "Введите целое число." in response.content.decode()


def test_the_plan_form_offers_the_members_deficits_and_names_a_bad_row(associations, client):
    client.force_login(associations.head)
    url = reverse("associations:draw-up-plan", args=[associations.mmo.pk])
    assert "Формирующее оценивание" in client.get(url).content.decode()
    data = {"year": 2026, "theme": "", "items-TOTAL_FORMS": 2, "items-INITIAL_FORMS": 0,
            "items-0-planned_on": "2027-01-10", "items-0-topic": "Оценивание", "items-0-deficits": ["0"],
            "items-1-planned_on": "", "items-1-topic": ""}
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors == {"planned_on": ["Дата вне года плана."]}
    assert not MeetingPlan.objects.exists()
    data["items-0-planned_on"] = "2026-10-10"
    assert client.post(url, data).status_code == 302
    item = MeetingPlan.objects.get().items.get()
    assert set(item.deficits.all()) == {associations.deficits["teacher"], associations.deficits["other_teacher"]}


def test_the_protocol_of_a_future_meeting_is_refused_at_its_date(associations):
    api = APIClient()
    api.force_authenticate(associations.head)
    meeting = schedule_meeting(associations.head, associations.mmo, agenda="План",
                               held_on=timezone.localdate() + timedelta(days=7))
    response = api.post(f"/api/association-meetings/{meeting.pk}/protocol/",
                        {"decisions": "Решили", "present": [associations.school.teacher.pk]}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "held_on", "code": "invalid", "message":
                                          "Протокол записывается после того, как заседание состоялось."}]
    assert not meeting.attendance.exists()


def test_an_api_plan_with_a_bad_row_names_it_and_saves_nothing(associations):
    api = APIClient()
    api.force_authenticate(associations.head)
    url = f"/api/associations/{associations.mmo.pk}/plans/"
    response = api.post(url, {"year": 2026, "items": [
        {"planned_on": "2026-04-01", "topic": "Проекты", "deficits": [associations.deficits["mentor"].pk]}]},
        format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "items[0].deficits"
    assert not MeetingPlan.objects.exists()
    groups = api.get(f"/api/associations/{associations.mmo.pk}/plan-deficits/", {"year": 2026}).json()
    assert groups[0]["members"] == 2
    response = api.post(url, {"year": 2026, "items": [
        {"planned_on": "2026-04-01", "topic": "Оценивание", "deficits": groups[0]["deficits"]}]}, format="json")
    assert response.status_code == 201
    assert sorted(response.json()["items"][0]["deficits"]) == sorted(groups[0]["deficits"])


def test_the_association_page_shows_members_meetings_and_who_changed_what(associations, client):
    world = associations
    meeting = schedule_meeting(world.head, world.mmo, held_on=date(2026, 3, 5), agenda="Анализ ВПР")
    client.force_login(world.school.methodist)
    page = client.get(world.mmo.get_absolute_url()).content.decode()
    assert "Teacher" in page and "Анализ ВПР" in page
    response = client.post(meeting.get_absolute_url(), {"decisions": "", "present": [world.school.teacher.pk]})
    assert "Запишите решения заседания." in response.content.decode()
    client.post(meeting.get_absolute_url(), {"decisions": "Открытые уроки", "present": [world.school.teacher.pk]})
    meeting.refresh_from_db()
    assert meeting.history.first().history_user == world.school.methodist
    assert meeting.attendance.get(person=world.school.teacher).present


def test_an_unknown_association_and_a_hidden_one_are_the_same_404(associations, client):
    client.force_login(associations.stranger)
    hidden = client.get(associations.mmo.get_absolute_url())
    missing = client.get(reverse("associations:association", args=[2**31 + 5]))
    assert hidden.status_code == missing.status_code == 404
    api = APIClient()
    api.force_authenticate(associations.stranger)
    assert api.get(f"/api/associations/{associations.mmo.pk}/").json()["detail"] == "Не найдено."


def test_a_director_founds_a_shmo_and_its_head_announces_a_meeting_with_a_protocol_file(associations, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from associations.models import Association

    school = associations.school
    client.force_login(school.director)
    response = client.post(reverse("associations:found"), {
        "level": "school", "organisation": school.organisation.pk, "kind": "methodical",
        "name": "ШМО учителей истории", "direction": "история", "head": school.mentor.pk})
    shmo = Association.objects.get(name="ШМО учителей истории")
    assert response.status_code == 302 and shmo.head == school.mentor
    client.force_login(school.mentor)
    assert client.get(reverse("associations:announce", args=[shmo.pk])).status_code == 200
    client.post(reverse("associations:add-member", args=[shmo.pk]), {"person": school.teacher.pk, "role": "member",
                                                                       "valid_from": "2026-01-01"})
    client.post(reverse("associations:announce", args=[shmo.pk]),
                {"held_on": "2026-03-01", "agenda": "Анализ ВПР", "place": "Каб. 5"})
    meeting = shmo.meetings.get()
    pdf = SimpleUploadedFile("protocol.pdf", b"%PDF-1.4 protocol", content_type="application/pdf")
    client.post(meeting.get_absolute_url(), {"decisions": "Решили", "present": [school.teacher.pk], "files": [pdf]})
    stored = meeting.files.get()
    assert client.get(reverse("associations:file", args=[meeting.pk, stored.pk])).status_code == 200
    client.force_login(associations.stranger)
    assert client.get(reverse("associations:file", args=[meeting.pk, stored.pk])).status_code == 404
