"""The permission matrix of internships: role × own/other organisation × action → allowed or not, each row
tried on the page and over the API. The site is `school.organisation`; the applicant is `school.other`'s
teacher; "elsewhere" is a school of another municipality."""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.db import transaction
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from platforms.models import Internship, InternshipProgramme
from tests.platforms.internships_world import (SiteWorld, accepted, after_the_programme, agreed, applied, in_days,
                                               site_world)  # noqa: F401

pytestmark = pytest.mark.django_db

PEOPLE = {
    "site's director": lambda w: w.school.director,
    "site's curator": lambda w: w.curator,
    "site's teacher": lambda w: w.school.teacher,
    "applicant": lambda w: w.school.other_teacher,
    "applicant's director": lambda w: w.school.other_director,
    "applicant's lead": lambda w: w.school.other_lead,
    "officer": lambda w: w.school.officer,
    "auditor": lambda w: w.school.auditor,
    "teacher elsewhere": lambda w: w.elsewhere_teacher,
    "director elsewhere": lambda w: w.elsewhere_director,
    "methodist elsewhere": lambda w: w.elsewhere_methodist,
}


@dataclass
class Attempt:
    page: str
    api: str
    data: dict
    method: str = "post"


def programme_body(world: SiteWorld) -> dict:
    return {"site": world.site.pk, "topic": "Формирующее оценивание", "hours": 24, "capacity": 5,
            "starts_on": in_days(30).isoformat(), "ends_on": in_days(35).isoformat(), "publish": True}


def on_internship(internship: Internship, action: str, data: dict | None = None) -> Attempt:
    return Attempt(reverse("internships:action", args=[internship.pk, action]),
                   f"/api/internships/{internship.pk}/{action}/", data or {})


def attempt(world: SiteWorld, action: str) -> Attempt:
    programme = world.programme
    if action == "create a programme":
        return Attempt(reverse("internships:programme_create"), "/api/internship-programmes/", programme_body(world))
    if action == "apply":
        return Attempt(reverse("internships:programme_action", args=[programme.pk, "apply"]),
                       f"/api/internship-programmes/{programme.pk}/apply/", {"motivation": "Хочу научиться"})
    if action == "see the participants":
        return Attempt(reverse("internships:programme_detail", args=[programme.pk]), "", {}, method="get")  # a page only
    if action == "see the internship":
        internship = applied(world)
        return Attempt(reverse("internships:detail", args=[internship.pk]), f"/api/internships/{internship.pk}/", {},
                       method="get")
    if action in ("agree", "withdraw"):
        return on_internship(applied(world), action)
    if action == "decline":
        return on_internship(applied(world), action, {"reason": "Совпадает с аттестацией"})
    if action == "accept":
        return on_internship(agreed(world), action)
    if action == "complete":
        internship = accepted(world)
        after_the_programme(programme)
        return on_internship(internship, action, {"outcome": "completed", "note": ""})
    raise AssertionError(action)


def done(world: SiteWorld, action: str, page) -> bool:
    """Did the action take effect (or, for a read, show what it reads)?"""
    if action == "create a programme":
        return InternshipProgramme.objects.filter(topic="Формирующее оценивание").exists()
    if action == "apply":
        return Internship.objects.exists()
    if action == "see the participants":
        return 'data-testid="participants"' in page
    if action == "see the internship":
        return page is not None
    expected = {"agree": "agreed", "decline": "declined", "accept": "accepted", "complete": "completed",
                "withdraw": "withdrawn"}[action]
    return Internship.objects.get().status == expected


MATRIX = [
    ("site's director", "create a programme", True),
    ("site's curator", "create a programme", True),
    ("applicant's director", "create a programme", False),
    ("officer", "create a programme", False),
    ("site's teacher", "create a programme", False),
    ("auditor", "create a programme", False),
    ("applicant", "apply", True),
    ("teacher elsewhere", "apply", True),
    ("site's teacher", "apply", False),
    ("applicant's director", "apply", False),
    ("auditor", "apply", False),
    ("site's director", "see the participants", True),
    ("site's curator", "see the participants", True),
    ("auditor", "see the participants", True),
    ("applicant", "see the participants", False),
    ("applicant's director", "see the participants", False),
    ("methodist elsewhere", "see the participants", False),
    ("applicant", "see the internship", True),
    ("applicant's director", "see the internship", True),
    ("site's director", "see the internship", True),
    ("site's curator", "see the internship", True),
    ("auditor", "see the internship", True),
    ("site's teacher", "see the internship", False),
    ("applicant's lead", "see the internship", False),
    ("director elsewhere", "see the internship", False),
    ("methodist elsewhere", "see the internship", False),
    ("applicant's director", "agree", True),
    ("site's director", "agree", False),
    ("director elsewhere", "agree", False),
    ("applicant", "agree", False),
    ("auditor", "agree", False),
    ("applicant's director", "decline", True),
    ("site's director", "decline", False),
    ("site's director", "accept", True),
    ("site's curator", "accept", False),
    ("applicant's director", "accept", False),
    ("auditor", "accept", False),
    ("site's director", "complete", True),
    ("site's curator", "complete", False),
    ("applicant", "complete", False),
    ("applicant", "withdraw", True),
    ("applicant's director", "withdraw", False),
    ("site's director", "withdraw", False),
]


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=user)[1]}")
    return client


class Undone(Exception):
    """Rolls back what the API attempt did, so the page attempt finds the same state."""


@pytest.mark.parametrize(("who", "action", "allowed"), MATRIX)
def test_the_page_and_the_api_allow_only_what_the_table_says(client, site_world, who, action, allowed):
    user = PEOPLE[who](site_world)
    tried = attempt(site_world, action)

    if tried.api:
        with pytest.raises(Undone), transaction.atomic():
            response = getattr(token_client(user), tried.method)(tried.api, tried.data, format="json")
            assert response.status_code in ((200, 201) if allowed else (403, 404)), response.content
            assert done(site_world, action, response.data if response.status_code == 200 else None) is allowed
            raise Undone
    client.force_login(user)
    response = getattr(client, tried.method)(tried.page, tried.data)

    page = response.content.decode() if response.status_code == 200 else None
    assert response.status_code in ((200, 302) if allowed else (200, 404)), response.status_code
    assert done(site_world, action, page) is allowed
