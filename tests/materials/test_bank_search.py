"""The bank of practices and the case lists find word forms and names in any case, on PostgreSQL and on
SQLite (the demo's database); the bank's files are public for published practices only."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from materials.models import Material
from routes import services as route_services
from tests.expertise import published, submitted
from tests.school import draft_route

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
TITLE = "Проектная деятельность на уроках математики"


def practice_file_url(material: Material) -> str:
    stored = material.files.get(version=material.version)
    return reverse("practice-file", args=[material.pk, stored.pk])


def test_the_bank_page_finds_a_word_form_and_says_how_many_it_found(client, expertise):
    practice = published(expertise, TITLE, "Серия уроков с учебными проектами")
    published(expertise, "Игровые технологии", "Уроки-игры в начальной школе")

    page = client.get(reverse("bank"), {"q": "проектной"}).content.decode()

    assert TITLE in page and "Игровые технологии" not in page
    assert re.search(r'data-testid="bank-count">\s*Найдено: 1\s*<', page)
    assert reverse("practice", args=[practice.pk]) in page


def test_the_bank_api_finds_a_word_form(expertise):
    practice = published(expertise, TITLE, "Серия уроков с учебными проектами")

    found = APIClient().get("/api/bank/", {"q": "проектной"})

    assert found.status_code == 200
    assert [row["id"] for row in found.data["results"]] == [practice.pk]
    assert APIClient().get("/api/bank/", {"q": "ПРОЕКТЫ"}).data["count"] == 1  # a word of the annotation
    assert APIClient().get("/api/bank/", {"q": "физика"}).data["count"] == 0


def test_the_bank_filters_the_subject_whatever_the_case(client, expertise):
    published(expertise, TITLE, "Серия уроков")

    assert TITLE in client.get(reverse("bank"), {"subject": "МАТЕМАТИКА"}).content.decode()
    assert TITLE not in client.get(reverse("bank"), {"subject": "физика"}).content.decode()


def test_the_case_lists_find_the_author_by_a_lower_case_surname(client, school, expertise):
    school.teacher.last_name = "Смирнова"
    school.teacher.save()
    material = submitted(expertise)
    route = route_services.submit(draft_route(school.teacher), school.teacher)
    client.force_login(school.methodist)

    for url, number in ((reverse("materials:index"), material.number), (reverse("routes:index"), route.number)):
        assert number in client.get(url, {"q": "смирнова"}).content.decode()
        assert number in client.get(url, {"q": number.lower()}).content.decode()
        assert number not in client.get(url, {"q": "иванова"}).content.decode()


def test_an_anonymous_visitor_downloads_a_file_of_a_published_practice(client, expertise):
    practice = published(expertise, TITLE, "Серия уроков")
    page = client.get(reverse("practice", args=[practice.pk])).content.decode()

    response = client.get(practice_file_url(practice))

    assert practice_file_url(practice) in page
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == practice.files.get().file.open("rb").read()
    assert response["Cache-Control"].startswith("public")


def test_the_bank_refuses_the_files_of_unpublished_materials_alike_to_everyone(client, school, expertise):
    draft = submitted(expertise)
    practice = published(expertise, TITLE, "Серия уроков")
    stored = draft.files.get()
    refused = [reverse("practice-file", args=[draft.pk, stored.pk]),
               reverse("practice-file", args=[practice.pk, stored.pk]),  # another material's file
               reverse("practice-file", args=[practice.pk, 2**31]), reverse("practice-file", args=[0, 1])]

    for who in (None, school.other_teacher, expertise.author):
        if who is not None:
            client.force_login(who)
        for url in refused:
            response = client.get(url)
            assert response.status_code == 404, (who, url)
            assert "Страница не найдена" in response.content.decode()


def test_the_bank_offers_only_the_current_version_of_a_practice(client, expertise):
    practice = published(expertise, TITLE, "Серия уроков")
    earlier = practice.files.get()
    earlier.version, earlier.pk = 0, None
    earlier.save()  # a file of an earlier version, as a revision leaves behind

    assert client.get(reverse("practice-file", args=[practice.pk, earlier.pk])).status_code == 404
    assert client.get(practice_file_url(practice)).status_code == 200


def test_a_practice_page_has_a_shareable_address_and_its_title_for_link_previews(client, settings, expertise):
    settings.SITE_URL = "https://imc.example.org/"
    practice = published(expertise, TITLE, "Серия уроков с учебными проектами")

    page = client.get(reverse("practice", args=[practice.pk])).content.decode()

    address = f"https://imc.example.org/bank/{practice.pk}/"
    assert f'<link rel="canonical" href="{address}">' in page
    assert f'<meta property="og:title" content="{TITLE}">' in page
    assert f"<title>{TITLE} — " in page
    assert client.get(reverse("practice", args=[submitted(expertise).pk])).status_code == 404


# What depends on the database: the searches. The demo's schema is the models' (test_project migrates
# SQLite for real), so the SQLite run builds its tables without replaying the migrations.
SQLITE_HALF = [*(f"tests/materials/test_bank_search.py::{name}" for name in (
    "test_the_bank_page_finds_a_word_form_and_says_how_many_it_found", "test_the_bank_api_finds_a_word_form",
    "test_the_bank_filters_the_subject_whatever_the_case", "test_the_case_lists_find_the_author_by_a_lower_case_surname",
)), "tests/workflows/test_search.py"]


def test_the_same_searches_pass_on_sqlite(tmp_path):
    """The demo runs on SQLite: the searches of this module and workflows.search's tests once more, on SQLite."""
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("DATABASE_URL", "METHODFLOW_REQUIRE_POSTGRES", "SQLITE_PATH")}
    environment["SQLITE_PATH"] = str(tmp_path / "search.sqlite3")
    environment["MEDIA_ROOT"] = str(tmp_path / "media")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:randomly", "--no-migrations", *SQLITE_HALF],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=240)

    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "database: sqlite3" in run.stdout
    passed = re.search(r"\b(\d+) passed\b", run.stdout)
    assert passed and int(passed.group(1)) >= 16 and "skipped" not in run.stdout, run.stdout[-1000:]
