"""Associations of the municipal level are ММО, РМО or ГМО (domain.md §1): chosen when founded, shown on the
page, the list and the export, given by the API; a school's ШМО has none."""
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from associations.models import Association
from associations.services import found_association
from tests.associations.world import associations  # noqa: F401  fixture

pytestmark = pytest.mark.django_db


def test_a_methodist_founds_a_district_association_shown_as_rmo_on_the_page_list_and_export(associations, client):
    client.force_login(associations.school.methodist)
    response = client.post(reverse("associations:found"), {
        "level": "municipal", "territory": "district", "kind": "methodical",
        "name": "Районное МО учителей истории", "direction": "история"})
    rmo = Association.objects.get(name="Районное МО учителей истории")
    assert response.status_code == 302 and rmo.territory == Association.Territory.DISTRICT

    assert "районное (РМО)" in client.get(rmo.get_absolute_url()).content.decode()
    assert "РМО: Районное МО учителей истории" in client.get(reverse("associations:index")).content.decode()
    sheet = load_workbook(BytesIO(client.get(reverse("associations:export")).content)).active
    assert ("Районное МО учителей истории", "РМО") in [row[1:3] for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_a_school_association_has_no_territory_and_a_municipal_one_needs_a_known_one(associations):
    school = associations.school
    shmo = found_association(school.director, municipality=school.organisation.municipality, level="school",
                             organisation=school.organisation, name="ШМО физиков", direction="физика",
                             territory=Association.Territory.CITY)
    assert (shmo.territory, shmo.abbreviation) == ("", "ШМО")
    with pytest.raises(ValidationError) as refused:
        found_association(school.methodist, municipality=school.organisation.municipality, level="municipal",
                          name="МО химиков", direction="химия", territory="")
    assert refused.value.message_dict == {"territory": ["Выберите: муниципальное, районное или городское объединение."]}
    assert not Association.objects.filter(name="МО химиков").exists()


def test_the_api_gives_the_territory_and_founds_a_city_association(associations):
    api = APIClient()
    api.force_authenticate(associations.school.methodist)
    row = api.get(f"/api/associations/{associations.mmo.pk}/").json()
    assert (row["territory"], row["territory_display"], row["abbreviation"]) == ("municipal", "муниципальное (ММО)",
                                                                                 "ММО")
    response = api.post("/api/associations/", {
        "level": "municipal", "territory": "city", "name": "ГМО учителей музыки", "direction": "музыка",
        "municipality": associations.school.organisation.municipality_id}, format="json")
    assert response.status_code == 201
    assert (response.json()["territory"], response.json()["abbreviation"]) == ("city", "ГМО")


def test_the_list_the_export_and_the_api_filter_by_territory(associations, client):
    school = associations.school
    found_association(school.methodist, municipality=school.organisation.municipality, level="municipal",
                      territory=Association.Territory.DISTRICT, name="РМО географов", direction="география")
    client.force_login(school.methodist)
    api = APIClient()
    api.force_authenticate(school.methodist)

    page = client.get(reverse("associations:index"), {"territory": "district"}).content.decode()
    sheet = load_workbook(BytesIO(client.get(reverse("associations:export"), {"territory": "district"}).content)).active
    listed = api.get("/api/associations/", {"territory": "district"}).json()

    assert "РМО географов" in page and associations.mmo.name not in page
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["РМО географов"]
    assert [row["name"] for row in listed["results"]] == ["РМО географов"]
    refused = client.get(reverse("associations:index"), {"territory": "planet"}).content.decode()
    assert "Выберите корректный вариант" in refused
