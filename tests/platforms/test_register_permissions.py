"""Who may do what in the register, on the pages and through the API: one table, role × action.

The sites belong to the first school of the municipality, curated by `methodist.m`; «other» people are of
the second school, of the same municipality but not the curator, or of another municipality of the region.
A person who may not see a site or a report is told «Не найдено.» (404); one who sees it but may not act,
403; nothing changes for either."""
from datetime import date, datetime, time
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient
from viewflow.workflow.timers import fire_due_timers

from platforms.models import AnnualReport, Site
from platforms.reports import submit_report
from tests.platforms.register_world import grant, granted_application, world  # noqa: F401  fixtures

pytestmark = pytest.mark.django_db

ACTIONS = ("list", "view", "export", "submit", "review", "revoke")
ALLOWED = {
    "director": {"list", "view", "export", "submit"},
    "other_director": set(),
    "methodist": {"list", "view", "export", "review"},  # the curator
    "other_methodist": {"list", "view", "export"},
    "officer": {"list", "view", "export", "revoke"},
    "auditor": {"list", "view", "export"},
    "region_auditor": {"list", "view", "export"},
    "elsewhere_methodist": set(),
    "elsewhere_officer": set(),
    "elsewhere_auditor": set(),
}


@pytest.fixture
def sites(world, monkeypatch):
    """For each channel: a site whose report is open, one whose report waits for the curator, one to revoke."""
    made = {channel: [grant(world, granted_application(world, topic=f"{channel} {n}"), number=f"{channel}-{n}")
                      for n in range(3)] for channel in ("page", "api")}
    moment = timezone.make_aware(datetime.combine(date(2027, 8, 5), time(12)))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    fire_due_timers()
    for open_one, waiting, _to_revoke in made.values():
        submit_report(waiting.reports.get(year_of_term=1), world.director, text="Итоги", results="Результаты")
    return made


def report(site) -> AnnualReport:
    return site.reports.get(year_of_term=1)


def page_outcome(client, action: str, site) -> bool | int:
    """True/False for the reads (the site listed, shown, exported); the status code for the changes."""
    if action == "list":
        return site in client.get(reverse("register:index")).context["page"].object_list
    if action == "view":
        return client.get(site.get_absolute_url()).status_code == 200
    if action == "export":
        sheet = load_workbook(BytesIO(client.get(reverse("register:export")).content)).active
        return any(row[4] == site.topic for row in sheet.iter_rows(min_row=2, values_only=True))
    if action == "submit":
        return client.post(reverse("register:report-action", args=[report(site).pk, "submit"]),
                           {"text": "Итоги года", "results": "Результаты"}).status_code
    if action == "review":
        return client.post(reverse("register:report-action", args=[report(site).pk, "review"]),
                           {"decision": "accept"}).status_code
    return client.post(reverse("register:revoke", args=[site.pk]), {"reason": "Отчёт не принят"}).status_code


def api_outcome(api, action: str, site) -> bool | int:
    if action == "list":
        return site.pk in [row["id"] for row in api.get("/api/sites/", {"page_size": 100}).json()["results"]]
    if action in ("view", "export"):
        return api.get(f"/api/sites/{site.pk}/").status_code == 200
    if action == "submit":
        return api.post(f"/api/site-reports/{report(site).pk}/submit/",
                        {"text": "Итоги года", "results": "Результаты"}, format="json").status_code
    if action == "review":
        return api.post(f"/api/site-reports/{report(site).pk}/review/", {"decision": "accept"},
                        format="json").status_code
    return api.post(f"/api/sites/{site.pk}/revoke/", {"reason": "Отчёт не принят"}, format="json").status_code


TARGET = {"list": 0, "view": 0, "export": 0, "submit": 0, "review": 1, "revoke": 2}
DONE = {"submit": AnnualReport.Status.SUBMITTED, "review": AnnualReport.Status.ACCEPTED}


@pytest.mark.parametrize("role", list(ALLOWED))
def test_who_may_read_the_register_and_act_on_its_sites(client, world, sites, role):
    person = getattr(world, role)
    client.force_login(person)
    api = APIClient()
    api.force_authenticate(person)

    for channel, outcome, agent in (("page", page_outcome, client), ("api", api_outcome, api)):
        for action in ACTIONS:
            site = sites[channel][TARGET[action]]
            before = (report(site).status, Site.objects.get(pk=site.pk).status)
            result = outcome(agent, action, site)
            allowed = action in ALLOWED[role]
            where = f"{role} {action} ({channel})"
            if action in ("list", "view", "export"):
                assert result is allowed, where
                continue
            if allowed:
                assert result in (200, 302), where
                changed = (Site.objects.get(pk=site.pk).status == Site.Status.REVOKED if action == "revoke"
                           else report(site).status == DONE[action])
                assert changed, where
            else:
                assert result == (403 if "view" in ALLOWED[role] else 404), where
                assert (report(site).status, Site.objects.get(pk=site.pk).status) == before, where
