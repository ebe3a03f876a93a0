"""Who may do what to mentoring pairs, on the pages and over the API: one table, role × action → allowed.

The pairs are of the school of `director`: `mentor` over `mentee`; `teacher` and `lead` work there too;
`other_director` runs another school of the municipality; `elsewhere_methodist` works in another municipality.
"""
from datetime import date

import pytest
from django.test import TestCase
from django.urls import reverse
from rest_framework.test import APIClient

from mentoring.models import Mentorship
from tests.mentoring.world import propose

pytestmark = pytest.mark.django_db

READERS = {"mentee", "mentor", "director", "lead", "methodist", "auditor"}
ALLOWED = {
    "list": READERS,
    "view": READERS,
    "propose": {"director"},
    "issue": {"director"},  # drafts the order naming the proposed pair and signs it
    "end": {"director", "lead"},
}
ROLES = ["mentee", "mentor", "teacher", "director", "other_director", "lead", "methodist", "auditor",
         "elsewhere_methodist"]
ACTIONS = list(ALLOWED)
END = {"ended_on": "2027-05-31", "end_reason": "Срок истёк", "result": "high", "evaluation": "Цели достигнуты"}


def proposal(world) -> dict:
    return {"mentor": world.teacher.pk, "mentee": world.mentee.pk, "kind": "competence",
            "competence": "Формирующее оценивание", "starts_on": "2026-09-01", "ends_on": "2027-05-31"}


def signed_on_commit():
    """What the signing sends once committed, run as it would be outside the test's transaction."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def status_of(pair: Mentorship) -> str:
    return Mentorship.objects.get(pk=pair.pk).status


def on_page(client, world, action: str) -> bool:
    active, proposed = world.active, world.proposed
    if action == "list":
        return f'href="{active.get_absolute_url()}"' in client.get(reverse("mentoring:index")).content.decode()
    if action == "view":
        status = client.get(active.get_absolute_url()).status_code
        assert status in (200, 404)
        return status == 200
    if action == "propose":
        count = Mentorship.objects.count()
        assert client.post(reverse("mentoring:propose"), proposal(world)).status_code in (200, 302, 403)
        return Mentorship.objects.count() > count
    if action == "issue":
        response = client.post(reverse("mentoring:issue"), {"pairs": [proposed.pk], "date": "2026-08-31"})
        assert response.status_code in (302, 403, 404)
        if response.status_code == 302:
            with signed_on_commit():
                client.post(f"{response.url}sign/")
        return status_of(proposed) == Mentorship.Status.ACTIVE
    if action == "end":
        assert client.post(reverse("mentoring:end", args=[active.pk]), END).status_code in (302, 403, 404)
        return status_of(active) == Mentorship.Status.ENDED
    raise AssertionError(action)


def over_api(api, world, action: str) -> bool:
    active, proposed = world.active, world.proposed
    if action == "list":
        return active.pk in [row["id"] for row in api.get("/api/mentorships/", {"page_size": 100}).json()["results"]]
    if action == "view":
        status = api.get(f"/api/mentorships/{active.pk}/").status_code
        assert status in (200, 404)
        return status == 200
    if action == "propose":
        status = api.post("/api/mentorships/", proposal(world), format="json").status_code
        assert status in (201, 400, 403)
        return status == 201
    if action == "issue":
        response = api.post("/api/mentorships/issue-order/", {"pairs": [proposed.pk], "date": "2026-08-31"},
                            format="json")
        assert response.status_code in (201, 403, 404)
        if response.status_code == 201:
            with signed_on_commit():
                assert api.post(f"/api/orders/{response.json()['id']}/sign/").status_code == 200
        return status_of(proposed) == Mentorship.Status.ACTIVE
    if action == "end":
        status = api.post(f"/api/mentorships/{active.pk}/end/", END, format="json").status_code
        assert status in (200, 403, 404)
        return status == 200
    raise AssertionError(action)


@pytest.mark.parametrize("channel", ["page", "api"])
@pytest.mark.parametrize("role", ROLES)
def test_each_role_does_what_its_scope_allows(world, client, role, channel):
    user = getattr(world, role)
    if channel == "page":
        client.force_login(user)
        act = lambda action: on_page(client, world, action)  # noqa: E731
    else:
        api = APIClient()
        api.force_authenticate(user)
        act = lambda action: over_api(api, world, action)  # noqa: E731
    done = {action: act(action) for action in ACTIONS}
    assert done == {action: role in ALLOWED[action] for action in ACTIONS}


def test_another_organisations_pair_is_the_same_404_as_a_missing_one(world, client):
    client.force_login(world.other_director)
    hidden = client.get(world.active.get_absolute_url())
    missing = client.get(reverse("mentoring:pair", args=[10**9]))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content
    api = APIClient()
    api.force_authenticate(world.other_director)
    assert api.get(f"/api/mentorships/{world.active.pk}/").json()["detail"] == "Не найдено."


def test_the_director_cannot_name_another_organisations_pair_in_their_order(world, client):
    theirs = propose(world.other_director, world.other_school, world.other_director, world.other_teacher)
    client.force_login(world.director)
    response = client.post(reverse("mentoring:issue"), {"pairs": [theirs.pk], "date": "2026-08-31"})
    assert response.status_code == 404
    api = APIClient()
    api.force_authenticate(world.director)
    assert api.post("/api/mentorships/issue-order/", {"pairs": [theirs.pk], "date": date(2026, 8, 31)},
                    format="json").status_code == 404
    assert Mentorship.objects.get(pk=theirs.pk).order is None
