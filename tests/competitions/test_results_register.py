"""The register of participants across years and levels: filters, who prepared a winner, the XLSX export, and
each reader's scope; the public results only after approval."""
from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Role
from competitions.models import Entry, Level, Placement, ResultsProtocol
from tests.api import token_client
from tests.competitions.jury_world import contestant
from tests.factories import CompetitionFactory, MunicipalityFactory, UserFactory, person_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    municipality = MunicipalityFactory()
    mentor = UserFactory(last_name="Наставникова")
    municipal = CompetitionFactory(municipality=municipality, name="Учитель года", year=2025)
    regional = CompetitionFactory(municipality=municipality, name="Учитель года", year=2026, level=Level.REGIONAL)
    winner = contestant(municipal, status=Entry.Status.FINISHED, rank=1, placement=Placement.WINNER,
                        prepared_by=mentor)
    other = contestant(regional, status=Entry.Status.ELIMINATED, rank=4, placement=Placement.PARTICIPANT)
    contestant(regional, status=Entry.Status.REFUSED)  # never took part
    methodist = person_with_role(Role.METHODIST, municipality=municipality)
    return {"methodist": methodist, "winner": winner, "other": other, "municipal": municipal,
            "elsewhere": person_with_role(Role.METHODIST, municipality=MunicipalityFactory())}


def test_the_register_filters_by_year_level_and_result_and_names_who_prepared_a_winner(client, register):
    client.force_login(register["methodist"])
    url = reverse("results:participants")

    everyone = client.get(url).content.decode()
    winners = client.get(url, {"placement": "winner", "year": "2025"}).content.decode()
    regional = client.get(url, {"level": "regional"}).content.decode()
    nonsense = client.get(url, {"year": "²", "competition": "x" * 30, "placement": "nobody"})

    assert everyone.count('data-testid="participant-row"') == 2
    assert winners.count('data-testid="participant-row"') == 1 and "Наставникова" in winners
    assert regional.count('data-testid="participant-row"') == 1
    assert nonsense.status_code == 200 and nonsense.content.decode().count('data-testid="participant-row"') == 2


def test_the_register_exports_the_filtered_rows_as_xlsx_with_russian_headers(client, register):
    client.force_login(register["methodist"])

    response = client.get(reverse("results:participants"), {"placement": "winner", "format": "xlsx"})

    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("Год", "Уровень", "Конкурс")
    assert len(rows) == 2 and rows[1][0] == 2025 and rows[1][-1] == str(register["winner"].prepared_by)


def test_another_municipalitys_methodist_sees_none_of_the_register(client, register):
    client.force_login(register["elsewhere"])

    page = client.get(reverse("results:participants")).content.decode()
    api = token_client(register["elsewhere"]).get("/api/competition-participants/").json()

    assert 'data-testid="participant-row"' not in page and api["results"] == []
    assert token_client(register["methodist"]).get("/api/competition-participants/", {"year": 2025}).json()[
        "results"][0]["placement"] == "winner"


def test_the_public_results_show_only_an_approved_competition(client, register):
    competition = register["municipal"]
    public = reverse("results:public", args=[competition.pk])
    assert client.get(public).status_code == 404

    ResultsProtocol.objects.create(competition=competition, number="3", date=date(2025, 4, 1),
                                   status=ResultsProtocol.Status.APPROVED)

    page = client.get(public).content.decode()
    assert str(register["winner"].nominee) in page and register["winner"].organisation.name in page
    assert 'data-testid="public-competition"' in client.get(reverse("results:public-index")).content.decode()
