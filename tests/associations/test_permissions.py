"""Who may do what in the register of associations, on the pages and through the API: one table,
role × own/other organisation × action.

`shmo` is the first school's ШМО (head: its methodical lead; member: its teacher); `mmo` the municipality's
ММО (head: a teacher of the second school; members: a teacher of each school). A person who may not read
an association is told «Не найдено.» (404); one who reads it but may not keep it, 403; nothing changes for
either."""
from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from associations.meetings import schedule_meeting
from tests.associations.world import associations  # noqa: F401  fixture

pytestmark = pytest.mark.django_db

READ = {"list", "view", "export"}
KEEP = {"add_member", "protocol"}
ALL = READ | KEEP
ALLOWED = {
    ("director", "shmo"): ALL, ("director", "mmo"): set(),
    ("lead", "shmo"): ALL, ("lead", "mmo"): set(),
    ("teacher", "shmo"): READ, ("teacher", "mmo"): READ,  # a member of both
    ("other_teacher", "shmo"): set(), ("other_teacher", "mmo"): READ,
    ("other_director", "shmo"): set(), ("other_director", "mmo"): set(),
    ("head", "shmo"): set(), ("head", "mmo"): ALL,
    ("methodist", "shmo"): ALL, ("methodist", "mmo"): ALL,
    ("officer", "shmo"): READ, ("officer", "mmo"): READ,
    ("auditor", "shmo"): READ, ("auditor", "mmo"): READ,
    ("elsewhere_methodist", "shmo"): set(), ("elsewhere_methodist", "mmo"): set(),
}


def person(world, role: str):
    return getattr(world, role, None) or getattr(world.school, role)


def page_outcome(client, action: str, association, meeting, newcomer) -> bool | int:
    if action == "list":
        return association in client.get(reverse("associations:index")).context["page"].object_list
    if action == "view":
        return client.get(association.get_absolute_url()).status_code == 200
    if action == "export":
        sheet = load_workbook(BytesIO(client.get(reverse("associations:export")).content)).active
        return any(row[1] == association.name for row in sheet.iter_rows(min_row=2, values_only=True))
    if action == "add_member":
        return client.post(reverse("associations:add-member", args=[association.pk]),
                           {"person": newcomer.pk, "role": "member"}).status_code
    return client.post(meeting.get_absolute_url(), {"decisions": "Решили", "present": []}).status_code


def api_outcome(api, action: str, association, meeting, newcomer) -> bool | int:
    if action in ("list", "export"):
        return association.pk in [row["id"] for row in api.get("/api/associations/", {"page_size": 100}).json()["results"]]
    if action == "view":
        return api.get(f"/api/associations/{association.pk}/").status_code == 200
    if action == "add_member":
        return api.post(f"/api/associations/{association.pk}/members/", {"person": newcomer.pk},
                        format="json").status_code
    return api.post(f"/api/association-meetings/{meeting.pk}/protocol/", {"decisions": "Решили", "present": []},
                    format="json").status_code


@pytest.mark.parametrize("role", sorted({role for role, _which in ALLOWED}))
def test_permission_matrix(associations, client, role):
    world = associations
    user = person(world, role)
    client.force_login(user)
    api = APIClient()
    api.force_authenticate(user)
    for which, channel in ((which, channel) for which in ("shmo", "mmo") for channel in ("page", "api")):
        association = getattr(world, which)
        newcomer = world.school.mentor  # of the first school: may join either
        allowed = ALLOWED[(role, which)]
        readable = "view" in allowed
        outcome = page_outcome if channel == "page" else api_outcome
        meeting = schedule_meeting(world.school.methodist, association, held_on=date(2026, 2, 1), agenda=channel)
        for action in (*sorted(READ), *sorted(KEEP)):
            result = outcome(client if channel == "page" else api, action, association, meeting, newcomer)
            if action in READ:
                assert result == (action in allowed), (which, channel, action)
            elif action in allowed:
                assert result in (200, 201, 302), (which, channel, action, result)
            else:
                assert result == (403 if readable else 404), (which, channel, action, result)
        joined = association.memberships.filter(person=newcomer)
        assert joined.exists() == ("add_member" in allowed), (which, channel)
        joined.delete()


def test_nothing_changes_for_a_refused_keeper(associations, client):
    client.force_login(associations.school.officer)
    response = client.post(reverse("associations:add-member", args=[associations.mmo.pk]),
                           {"person": associations.school.mentor.pk, "role": "member"})
    assert response.status_code == 403
    assert associations.mmo.memberships.count() == 2


def test_an_auditor_posting_a_bad_body_is_told_403(associations):
    api = APIClient()
    api.force_authenticate(associations.school.auditor)
    response = api.post(f"/api/associations/{associations.mmo.pk}/members/", {"person": "x"}, format="json")
    assert response.status_code == 403
