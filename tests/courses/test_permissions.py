"""Who may do what in the courses' registers, on the pages and through the API: one table per register,
role × action. The records belong to the first school (`teacher.a`); «other» people are of the second school
of the municipality, «elsewhere» of another municipality of the region. A person who may not see a record is
told «Не найдено.» (404); one who sees it but may not act, 403; nothing changes for either."""
from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from courses.models import CourseCompletion, CourseNeed, CoursePlan, Focus
from courses.planning import consolidate_plan, submit_need
from tests.courses.world import completion, world  # noqa: F401  fixtures

pytestmark = pytest.mark.django_db

READ = {"list", "view", "export", "history"}
EVERYTHING = READ | {"record", "change", "delete"}
COMPLETIONS = {
    "teacher": EVERYTHING,
    "other_teacher": set(),
    "lead": EVERYTHING,
    "director": EVERYTHING,
    "other_director": set(),
    "methodist": EVERYTHING,
    "officer": READ,
    "auditor": READ,
    "region_auditor": READ,
    "elsewhere_methodist": set(),
    "elsewhere_auditor": set(),
}
COMPLETION_ACTIONS = ("list", "view", "export", "history", "record", "change", "delete")


def sheet_values(response) -> list[tuple]:
    return list(load_workbook(BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True))


def completion_page(client, action, target, world, day):
    if action == "list":
        return target in client.get(reverse("courses:index")).context["page"].object_list
    if action == "view":
        return client.get(target.get_absolute_url()).status_code == 200
    if action == "export":
        return any(row[2] == str(target.person) for row in sheet_values(client.get(reverse("courses:export"))))
    if action == "history":
        response = client.get(target.get_absolute_url())
        return response.status_code == 200 and response.context["changes"] is not None
    if action == "record":
        response = client.post(reverse("courses:create"), {
            "person": world.teacher.pk, "course": world.course.pk, "starts_on": day, "ends_on": day})
        return response.status_code
    if action == "change":
        return client.post(reverse("courses:edit", args=[target.pk]), {
            "course": world.course.pk, "starts_on": "2025-01-05", "ends_on": "2025-01-20"}).status_code
    return client.post(reverse("courses:delete", args=[target.pk])).status_code


def completion_api(api, action, target, world, day):
    if action == "list":
        return target.pk in [row["id"] for row in api.get("/api/course-completions/").json()["results"]]
    if action in ("view", "export"):
        return api.get(f"/api/course-completions/{target.pk}/").status_code == 200
    if action == "history":
        return api.get(f"/api/course-completions/{target.pk}/history/").status_code == 200
    if action == "record":
        return api.post("/api/course-completions/", {"person": world.teacher.pk, "course": world.course.pk,
                                                     "starts_on": day, "ends_on": day}, format="json").status_code
    if action == "change":
        return api.patch(f"/api/course-completions/{target.pk}/", {"starts_on": "2025-01-05"},
                         format="json").status_code
    return api.delete(f"/api/course-completions/{target.pk}/").status_code


@pytest.mark.parametrize("role", list(COMPLETIONS))
def test_who_may_read_and_enter_course_completions(client, world, role):
    person = getattr(world, role)
    client.force_login(person)
    api = APIClient()
    api.force_authenticate(person)
    for n, (channel, outcome, agent) in enumerate((("page", completion_page, client), ("api", completion_api, api))):
        kept = completion(world, starts_on=date(2025, 1, 10 + n), ends_on=date(2025, 1, 20 + n))
        doomed = completion(world, starts_on=date(2025, 2, 10 + n), ends_on=date(2025, 2, 20 + n))
        for action in COMPLETION_ACTIONS:
            target = doomed if action == "delete" else kept
            allowed = action in COMPLETIONS[role]
            where = f"{role} {action} ({channel})"
            before = CourseCompletion.objects.count(), CourseCompletion.objects.get(pk=kept.pk).starts_on
            result = outcome(agent, action, target, world, f"2025-0{4 + n}-01")
            if action in READ:
                assert result is allowed, where
                continue
            if allowed:
                assert result in (200, 201, 204, 302), where
                if action == "record":
                    assert CourseCompletion.objects.count() == before[0] + 1, where
                elif action == "change":
                    assert CourseCompletion.objects.get(pk=kept.pk).starts_on == date(2025, 1, 5), where
                    CourseCompletion.objects.filter(pk=kept.pk).update(starts_on=before[1])
                else:
                    assert not CourseCompletion.objects.filter(pk=doomed.pk).exists(), where
            else:
                expected = (200, 400, 403) if action == "record" else (403 if "view" in COMPLETIONS[role] else 404,)
                assert result in expected, where
                assert (CourseCompletion.objects.count(), CourseCompletion.objects.get(pk=kept.pk).starts_on) == \
                    before, where


NEEDS = {
    "teacher": set(),
    "lead": {"list", "view", "export", "submit", "change"},
    "director": {"list", "view", "export", "submit", "change"},
    "other_director": set(),
    "methodist": {"list", "view", "export", "plans", "consolidate"},
    "officer": {"list", "view", "export", "plans"},
    "auditor": {"list", "view", "export", "plans"},
    "elsewhere_methodist": set(),
    "elsewhere_auditor": set(),
}
NEED_ACTIONS = ("list", "view", "export", "plans", "submit", "change", "consolidate")
YEAR = timezone.localdate().year


def need_page(client, action, need, world):
    if action == "list":
        return need in client.get(reverse("courses:needs")).context["page"].object_list
    if action == "view":
        return client.get(reverse("courses:need", args=[need.pk])).status_code in (200,)
    if action == "export":
        return any(row[4] == need.topic for row in sheet_values(client.get(reverse("courses:needs-export"))))
    if action == "plans":
        return bool(client.get(reverse("courses:plans")).context["plans"])
    if action == "submit":
        return client.post(reverse("courses:need-create"), {
            "organisation": world.organisation.pk, "year": YEAR, "focus": Focus.ICT, "topic": "ИКТ",
            "teachers_count": 2}).status_code
    if action == "change":
        return client.post(reverse("courses:need", args=[need.pk]), {
            "organisation": world.organisation.pk, "year": YEAR, "focus": need.focus, "topic": "Изменено",
            "teachers_count": 3}).status_code
    return client.post(reverse("courses:plans"), {"year": YEAR, "municipality": world.organisation.municipality_id}
                       ).status_code


def need_api(api, action, need, world):
    if action == "list":
        return need.pk in [row["id"] for row in api.get("/api/course-needs/").json()["results"]]
    if action in ("view", "export"):
        return api.get(f"/api/course-needs/{need.pk}/").status_code == 200
    if action == "plans":
        return bool(api.get("/api/course-plans/").json()["results"])
    if action == "submit":
        return api.post("/api/course-needs/", {"organisation": world.organisation.pk, "year": YEAR,
                                               "focus": Focus.ICT, "topic": "ИКТ", "teachers_count": 2},
                        format="json").status_code
    if action == "change":
        return api.patch(f"/api/course-needs/{need.pk}/", {"topic": "Изменено"}, format="json").status_code
    return api.post("/api/course-plans/consolidate/", {"municipality": world.organisation.municipality_id,
                                                       "year": YEAR}, format="json").status_code


@pytest.mark.parametrize("role", list(NEEDS))
def test_who_may_read_and_submit_course_needs_and_consolidate_the_plan(client, world, role):
    person = getattr(world, role)
    client.force_login(person)
    api = APIClient()
    api.force_authenticate(person)
    for channel, outcome, agent in (("page", need_page, client), ("api", need_api, api)):
        need = submit_need(world.director, CourseNeed(organisation=world.organisation, year=YEAR, focus=Focus.FGOS,
                                                      topic=f"ФГОС {channel}", teachers_count=1))
        consolidate_plan(world.methodist, world.organisation.municipality, YEAR)
        for action in NEED_ACTIONS:
            allowed = action in NEEDS[role]
            where = f"{role} {action} ({channel})"
            before = CourseNeed.objects.count(), CourseNeed.objects.get(pk=need.pk).topic
            plan_before = CoursePlan.objects.get().consolidated_at
            result = outcome(agent, action, need, world)
            if action in ("list", "view", "export", "plans"):
                assert result is allowed, where
                continue
            if allowed:
                assert result in (200, 201, 302), where
                if action == "submit":
                    assert CourseNeed.objects.count() == before[0] + 1, where
                elif action == "change":
                    assert CourseNeed.objects.get(pk=need.pk).topic == "Изменено", where
                else:
                    assert CoursePlan.objects.get().consolidated_at > plan_before, where
            else:
                # A school offered only its own organisation posts another's: the form refuses it (200).
                expected = (200, 403, 404) if action == "submit" else (403, 404) if action == "consolidate" else (
                    403 if "view" in NEEDS[role] else 404,)
                assert result in expected, where
                assert (CourseNeed.objects.count(), CourseNeed.objects.get(pk=need.pk).topic) == before, where
                assert CoursePlan.objects.get().consolidated_at == plan_before, where
