"""Diagnostics over the API: records with their deficits, a methodist's recommendations and import."""
import pytest

from routes.models import Deficit, Diagnostics
from tests.api import token_client
from tests.api.problems import problem_of
from tests.routes.test_diagnostics_import import workbook

pytestmark = pytest.mark.django_db

RECORD = {"date": "2026-03-05", "provider": "cnppm", "competence_areas": ["subject"], "notes": "",
          "deficits": [{"area": "subject", "title": "Олимпиадные задачи", "severity": 3}]}


def test_a_teacher_records_their_diagnostics_and_the_route_may_name_its_deficit(school):
    teacher = token_client(school.teacher)
    created = teacher.post("/api/diagnostics/", RECORD, format="json")

    assert created.status_code == 201, created.json()["errors"]
    record = created.json()
    assert record["teacher"]["id"] == school.teacher.pk and record["deficits"][0]["title"] == "Олимпиадные задачи"
    assert [row["id"] for row in teacher.get("/api/diagnostics/").json()["results"]] == [record["id"]]
    assert token_client(school.other_teacher).get(f"/api/diagnostics/{record['id']}/").status_code == 404
    # The methodist sees it and writes recommendations; the teacher may not.
    assert problem_of(teacher.post(f"/api/diagnostics/{record['id']}/recommendations/", {"text": "x"}))[
        "status"] == 403
    recommended = token_client(school.methodist).post(f"/api/diagnostics/{record['id']}/recommendations/",
                                                      {"text": "Курсы по олимпиадной математике"}, format="json")
    assert recommended.status_code == 200, recommended.content
    assert recommended.json()["recommendations"][0]["author"]["id"] == school.methodist.pk
    deficit = Deficit.objects.get(diagnostics_id=record["id"])
    assert deficit.diagnostics.teacher == school.teacher


def test_bad_records_are_russian_400s_and_others_teachers_are_refused(school):
    teacher = token_client(school.teacher)
    bad = problem_of(teacher.post("/api/diagnostics/", {**RECORD, "competence_areas": ["magic"]}, format="json"))
    assert bad["status"] == 400 and bad["errors"][0]["field"].startswith("competence_areas")
    other = problem_of(teacher.post("/api/diagnostics/", {**RECORD, "teacher": school.other_teacher.pk},
                                    format="json"), english_data=True)
    assert other["status"] == 400 and other["errors"][0]["field"] == "teacher"
    assert problem_of(token_client(school.auditor).post("/api/diagnostics/", RECORD, format="json"))["status"] == 403
    assert not Diagnostics.objects.exists()


def test_the_methodist_enters_for_a_teacher_and_imports_a_providers_file(school):
    methodist = token_client(school.methodist)
    entered = methodist.post("/api/diagnostics/", {**RECORD, "teacher": school.teacher.pk}, format="json")
    assert entered.status_code == 201, entered.content
    assert entered.json()["entered_by"]["id"] == school.methodist.pk

    municipality = school.organisation.municipality_id
    file = workbook(("teacher.a", None, "2026-04-01", "ЦНППМ", "предметные", "Решение задач", "выраженный"))
    file.name = "results.xlsx"
    imported = methodist.post("/api/diagnostics/import/", {"municipality": municipality, "file": file})
    assert imported.status_code == 201, imported.content
    assert imported.json()["diagnostics"] == 1 and imported.json()["deficits"] == 1

    broken = workbook(("nobody", None, "2026-04-01", "ЦНППМ", "предметные", "Решение задач", "выраженный"))
    broken.name = "results.xlsx"
    refused = problem_of(methodist.post("/api/diagnostics/import/", {"municipality": municipality, "file": broken}),
                         english_data=True)
    assert refused["status"] == 400 and refused["errors"][0]["field"] == "file"
    assert problem_of(token_client(school.teacher).post("/api/diagnostics/import/", {}))["status"] == 403
