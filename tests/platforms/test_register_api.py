"""/api/sites/ and /api/site-reports/: the page's filters (a bad one is 400), the report's submit and the
curator's review with their errors in the problem shape, 409 when the report has moved on, revocation."""
from datetime import date, datetime, time

import pytest
from django.utils import timezone
from rest_framework.test import APIClient
from viewflow.workflow.timers import fire_due_timers

from platforms.models import AnnualReport, Site, SiteKind
from tests.platforms.register_world import grant, granted_application, world  # noqa: F401  fixtures

pytestmark = pytest.mark.django_db


def as_(person) -> APIClient:
    api = APIClient()
    api.force_authenticate(person)
    return api


@pytest.fixture
def site(world, monkeypatch):
    site = grant(world, granted_application(world))
    moment = timezone.make_aware(datetime.combine(date(2027, 8, 5), time(12)))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    fire_due_timers()
    return site


def test_the_register_lists_with_the_page_filters_and_refuses_a_bad_one(world, site):
    api = as_(world.auditor)

    rows = api.get("/api/sites/", {"kind": SiteKind.INNOVATION, "q": "цифровая"}).json()["results"]
    assert [row["id"] for row in rows] == [site.pk]
    assert rows[0]["status"] == "active" and rows[0]["status_display"] == "действует"
    assert rows[0]["issuing_body"] is None
    assert api.get("/api/sites/", {"kind": SiteKind.BASE}).json()["results"] == []
    bad = api.get("/api/sites/", {"kind": "nonsense"})
    assert bad.status_code == 400 and bad["Content-Type"].startswith("application/problem+json")
    assert bad.json()["errors"][0]["field"] == "kind"
    detail = api.get(f"/api/sites/{site.pk}/").json()
    assert [report["status"] for report in detail["reports"]] == ["open", "scheduled"]


def test_the_director_submits_and_the_curator_reviews_over_the_api(world, site):
    report = site.reports.get(year_of_term=1)
    director = as_(world.director)

    empty = director.post(f"/api/site-reports/{report.pk}/submit/", {"text": "", "results": "x"}, format="json")
    assert empty.status_code == 400 and {e["field"] for e in empty.json()["errors"]} == {"text"}
    sent = director.post(f"/api/site-reports/{report.pk}/submit/", {"text": "Итоги", "results": "Результаты"},
                         format="json")
    assert sent.status_code == 200 and sent.json()["status"] == "submitted"
    again = director.post(f"/api/site-reports/{report.pk}/submit/", {"text": "Итоги", "results": "Ещё"},
                          format="json")
    assert again.status_code == 409

    curator = as_(world.methodist)
    no_comment = curator.post(f"/api/site-reports/{report.pk}/review/", {"decision": "return"}, format="json")
    assert no_comment.status_code == 400 and no_comment.json()["errors"][0]["field"] == "comment"
    assert "комментарий" in no_comment.json()["errors"][0]["message"]
    returned = curator.post(f"/api/site-reports/{report.pk}/review/",
                            {"decision": "return", "comment": "Добавьте цифры"}, format="json")
    assert returned.json()["status"] == "returned" and returned.json()["comment"] == "Добавьте цифры"
    assert AnnualReport.objects.get(pk=report.pk).status == AnnualReport.Status.RETURNED


def test_an_auditor_posting_a_bad_body_is_refused_before_the_body_is_read(world, site):
    report = site.reports.get(year_of_term=1)
    api = as_(world.auditor)

    assert api.post(f"/api/site-reports/{report.pk}/submit/", {"text": ""}, format="json").status_code == 403
    assert api.post(f"/api/sites/{site.pk}/revoke/", {}, format="json").status_code == 403
    assert as_(world.elsewhere_officer).post(f"/api/sites/{site.pk}/revoke/", {}, format="json").status_code == 404


def test_the_officer_revokes_over_the_api(world, site):
    api = as_(world.officer)

    assert api.post(f"/api/sites/{site.pk}/revoke/", {"reason": ""}, format="json").status_code == 400
    revoked = api.post(f"/api/sites/{site.pk}/revoke/", {"reason": "Отчёт не принят", "number": "77-од"},
                       format="json")

    assert revoked.status_code == 200 and revoked.json()["status"] == "revoked"
    assert revoked.json()["revoked_by"]["number"] == "77-од"
    assert Site.objects.get(pk=site.pk).revoked_by.is_signed
    assert api.post(f"/api/sites/{site.pk}/revoke/", {"reason": "Ещё"}, format="json").status_code == 409
