"""The register's pages: the list with its filters and the share against the target, the XLSX export of the
filtered rows, a site's page, the director's report form and the curator's review, revocation by order,
a regional status entered from outside, and the public page of current sites without login."""
from datetime import date, datetime, time
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from viewflow.workflow.timers import fire_due_timers

from platforms.models import AnnualReport, Site, SiteKind, SiteLevel
from platforms.register import record_external, revoke_site
from platforms.reports import submit_report
from tests.files import pdf
from tests.platforms.register_world import grant, granted_application, revocation, world  # noqa: F401  fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(world):
    """Three sites of the municipality (one revoked) and one regional site of another municipality."""
    active = grant(world, granted_application(world, world.schools[0], topic="Цифровая образовательная среда"))
    base = grant(world, granted_application(world, world.schools[1], topic="Наставничество молодых педагогов"),
                 number="18-од")
    Site.objects.filter(pk=base.pk).update(kind=SiteKind.BASE)
    revoked = grant(world, granted_application(world, world.schools[2], topic="Функциональная грамотность"),
                    number="19-од")
    revoke_site(revoked, revocation(world, revoked))
    far = record_external(world.elsewhere_officer, organisation=world.elsewhere.organisations.get(),
                          kind=SiteKind.INTERNSHIP, level=SiteLevel.REGIONAL, topic="Инклюзивное образование",
                          starts_on=date(2026, 1, 1), ends_on=date(2028, 12, 31),
                          issuing_body="Министерство образования", issuing_document="Приказ № 5")
    return {"active": active, "base": base, "revoked": revoked, "far": far}


def on(monkeypatch, day: date) -> None:
    moment = timezone.make_aware(datetime.combine(day, time(12)))
    monkeypatch.setattr(timezone, "now", lambda: moment)


def rows(response) -> list[str]:
    return [site.topic for site in response.context["page"]]


def test_the_register_lists_the_municipality_sites_with_the_share_against_the_target(client, world, register,
                                                                                     monkeypatch):
    on(monkeypatch, date(2026, 10, 1))
    client.force_login(world.methodist)

    response = client.get(reverse("register:index"))

    assert response.status_code == 200
    assert sorted(rows(response)) == ["Наставничество молодых педагогов", "Функциональная грамотность",
                                      "Цифровая образовательная среда"]
    share = response.context["share"]
    assert tuple(share) == (2, 8, 25) and share.meets_target
    assert "2 из 8" in response.content.decode() and 'data-testid="share-met"' in response.content.decode()


def test_the_register_filters_by_kind_level_status_and_topic(client, world, register):
    client.force_login(world.region_auditor)
    url = reverse("register:index")

    assert len(rows(client.get(url))) == 4  # the whole region
    assert rows(client.get(url, {"municipality": world.elsewhere.pk})) == ["Инклюзивное образование"]
    assert rows(client.get(url, {"kind": SiteKind.BASE})) == ["Наставничество молодых педагогов"]
    assert rows(client.get(url, {"level": SiteLevel.REGIONAL})) == ["Инклюзивное образование"]
    assert rows(client.get(url, {"status": Site.Status.REVOKED})) == ["Функциональная грамотность"]
    assert rows(client.get(url, {"q": "наставничество"})) == ["Наставничество молодых педагогов"]
    bad = client.get(url, {"kind": "nonsense", "municipality": "x"})
    assert bad.status_code == 200 and "kind" in bad.context["filter_form"].errors


def test_the_xlsx_export_has_the_filtered_rows_with_russian_headers(client, world, register):
    client.force_login(world.officer)

    response = client.get(reverse("register:export"), {"status": Site.Status.ACTIVE})

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][:3] == ("Муниципалитет", "Организация", "Вид")
    assert sorted(row[4] for row in values[1:]) == ["Наставничество молодых педагогов",
                                                    "Цифровая образовательная среда"]
    assert values[1][7] == "действует"


def test_the_public_page_lists_only_current_sites_and_needs_no_login(client, world, register, monkeypatch):
    on(monkeypatch, date(2026, 10, 1))

    response = client.get(reverse("public-sites", args=[world.municipality.slug]))

    assert response.status_code == 200
    text = response.content.decode()
    assert "Цифровая образовательная среда" in text and "Наставничество молодых педагогов" in text
    assert "Функциональная грамотность" not in text and "Инклюзивное образование" not in text
    assert world.methodist.last_name not in text  # no people
    assert client.get(reverse("public-sites", args=[world.municipality.pk])).status_code == 200
    index = client.get(reverse("public-sites-index")).content.decode()
    assert world.municipality.name in index and "2 действующие площадки" in index
    assert client.get(reverse("public-sites", args=["nowhere"])).status_code == 404
    on(monkeypatch, date(2029, 1, 1))
    assert "Цифровая образовательная среда" not in client.get(
        reverse("public-sites", args=[world.municipality.slug])).content.decode()


def test_the_site_page_shows_term_curator_orders_reports_and_history(client, world, register):
    site = register["active"]
    client.force_login(world.director)

    response = client.get(site.get_absolute_url())

    text = response.content.decode()
    assert response.status_code == 200
    assert site.topic in text and "01.09.2026" in text and str(world.methodist) in text
    assert "17-од" in text and 'data-testid="report-row"' in text and 'data-testid="history"' in text
    assert response.context["revoke_form"] is None
    client.force_login(world.other_director)
    assert client.get(site.get_absolute_url()).status_code == 404


def test_the_director_sends_the_report_and_the_curator_accepts_it_on_their_pages(client, world, register,
                                                                                  monkeypatch):
    site = register["active"]
    on(monkeypatch, date(2027, 8, 5))
    fire_due_timers()
    report = site.reports.get(year_of_term=1)
    url = reverse("register:report", args=[report.pk])
    client.force_login(world.director)
    assert client.get(url).context["report_form"] is not None

    bad = client.post(reverse("register:report-action", args=[report.pk, "submit"]), {"text": "", "results": ""})
    assert "Опишите" in bad.content.decode() and bad.context["report_form"].errors["text"]
    client.post(reverse("register:report-action", args=[report.pk, "submit"]),
                {"text": "Семинары", "results": "Рекомендации", "files": [pdf("отчёт.pdf")]})
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.SUBMITTED
    stored = report.files.get()
    assert client.get(reverse("register:report-file", args=[report.pk, stored.pk])).status_code == 200

    client.force_login(world.methodist)
    page = client.get(url)
    assert page.context["review_form"] is not None and page.context["report_form"] is None
    client.post(reverse("register:report-action", args=[report.pk, "review"]), {"decision": "accept"})
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.ACCEPTED
    client.force_login(world.other_director)
    assert client.get(url).status_code == 404
    assert client.get(reverse("register:report-file", args=[report.pk, stored.pk])).status_code == 404


def test_the_officer_revokes_the_status_by_an_order_from_the_site_page(client, world, register):
    site = register["active"]
    client.force_login(world.officer)
    url = reverse("register:revoke", args=[site.pk])

    empty = client.post(url, {"reason": ""})
    assert "Укажите основания" in empty.content.decode()
    assert Site.objects.get(pk=site.pk).status == Site.Status.ACTIVE
    client.post(url, {"reason": "Отчёт не принят", "date": "2027-10-01"})

    site.refresh_from_db()
    assert site.status == Site.Status.REVOKED and site.revoked_by.date == date(2027, 10, 1)
    assert site.revoked_by.number in client.get(site.get_absolute_url()).content.decode()
    client.force_login(world.methodist)
    assert client.post(reverse("register:revoke", args=[register["base"].pk]), {"reason": "x"}).status_code == 403


def test_a_regional_status_is_entered_from_outside_with_errors_next_to_the_fields(client, world):
    client.force_login(world.methodist)
    url = reverse("register:record")
    fields = {"organisation": world.other_school.pk, "kind": SiteKind.SUPPORT, "level": SiteLevel.FEDERAL,
              "topic": "Опорная школа", "starts_on": "2026-01-01", "ends_on": "2027-12-31"}

    response = client.post(url, {**fields, "issuing_body": "", "issuing_document": ""})
    assert response.context["form"].errors.keys() == {"issuing_body", "issuing_document"}
    assert not Site.objects.exists()
    client.post(url, {**fields, "issuing_body": "Минпросвещения России", "issuing_document": "Приказ № 77"})
    assert Site.objects.get().issuing_document == "Приказ № 77"
    client.force_login(world.auditor)
    assert client.get(url).status_code == 403


def test_the_start_page_lists_the_reports_waiting_for_the_director_then_the_curator(client, world, register,
                                                                                    monkeypatch):
    on(monkeypatch, date(2027, 8, 5))
    fire_due_timers()
    report = register["active"].reports.get(year_of_term=1)
    client.force_login(world.director)
    assert report in [row for panel in client.get("/cabinet/").context["panels"] for row in panel.get("reports", [])]

    submit_report(report, world.director, text="Итоги", results="Результаты")
    client.force_login(world.methodist)
    page = client.get("/cabinet/")
    assert 'data-testid="start-site-report"' in page.content.decode()
    client.force_login(world.other_methodist)
    assert 'data-testid="start-site-report"' not in client.get("/cabinet/").content.decode()
