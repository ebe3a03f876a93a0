"""Who may import staff, on the pages and over the API: one table, role × action → allowed. `methodist`
works in the municipality imported into, `other_methodist` in another one; an administrator imports anywhere."""
import io

import pytest
from django.test import Client

from accounts.models import User
from tests.accounts import test_staff_import
from tests.accounts.test_staff_import import api_client, person_row, xlsx

pytestmark = pytest.mark.django_db

world = test_staff_import.world  # the same people, built once for this module too


@pytest.fixture(autouse=True)
def _uploads_kept_aside(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

ROLES = ["admin", "methodist", "other_methodist", "director", "teacher", "auditor"]
IMPORTERS = {"admin", "methodist", "other_methodist"}
OF_THE_MUNICIPALITY = {"admin", "methodist"}

TABLE = [
    ("page", IMPORTERS),
    ("template", IMPORTERS),
    ("preview", OF_THE_MUNICIPALITY),
    ("api_dry_run", OF_THE_MUNICIPALITY),
    ("api_import", OF_THE_MUNICIPALITY),
]


def upload(content: bytes, name: str = "staff.xlsx") -> io.BytesIO:
    file = io.BytesIO(content)
    file.name = name
    return file


def page_client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def attempt(world, role: str, action: str) -> tuple[bool, int]:
    user = getattr(world, role)
    if action == "page":
        response = page_client(user).get("/people/import/")
        return response.status_code == 200, response.status_code
    if action == "template":
        response = page_client(user).get("/people/import/template/people.xlsx")
        return response.status_code == 200 and response.content.startswith(b"PK"), response.status_code
    if action == "preview":
        response = page_client(user).post("/people/import/", {
            "kind": "people", "municipality": world.municipality.pk, "file": upload(xlsx([person_row("9001")]))})
        return 'data-testid="staff-import-preview"' in response.content.decode(), response.status_code
    dry_run = action == "api_dry_run"
    response = api_client(user).post("/api/people/import/", {
        "file": upload(xlsx([person_row("9002")])), "municipality": world.municipality.pk,
        "dry_run": str(dry_run).lower()}, format="multipart")
    done = response.status_code == 200 and User.objects.filter(staff_number="9002").exists() != dry_run
    return done, response.status_code


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("action", "allowed"), TABLE, ids=[row[0] for row in TABLE])
def test_who_may_import_staff(world, role, action, allowed):
    done, status = attempt(world, role, action)

    assert done == (role in allowed), status
    if not done and role not in IMPORTERS:
        assert status == 403
    if not done and action.startswith("api") and role in IMPORTERS:
        assert status == 404  # another municipality's: the same answer as one that does not exist


def test_the_preview_shows_the_counts_and_the_confirmation_imports_the_same_file(world):
    client = page_client(world.methodist)
    preview = client.post("/people/import/", {"kind": "people", "municipality": world.municipality.pk,
                                              "file": upload(xlsx([person_row("9101"), person_row("9102")]))})
    page = preview.content.decode()
    assert 'data-testid="created">2<' in page and not User.objects.filter(staff_number="9101").exists()
    assert 'data-testid="changes"' in page and "Иванова Мария Петровна" in page
    token = preview.context["token"]

    done = client.post("/people/import/confirm/", {"token": token})
    assert done.status_code == 200 and 'data-testid="created">2<' in done.content.decode()
    assert User.objects.filter(staff_number__in=["9101", "9102"]).count() == 2
    assert client.post("/people/import/confirm/", {"token": token}).status_code == 404


def test_a_preview_is_confirmed_only_by_its_uploader(world):
    preview = page_client(world.methodist).post("/people/import/", {
        "kind": "people", "municipality": world.municipality.pk, "file": upload(xlsx([person_row("9201")]))})

    response = page_client(world.admin).post("/people/import/confirm/", {"token": preview.context["token"]})

    assert response.status_code == 404 and not User.objects.filter(staff_number="9201").exists()


def test_the_preview_of_a_file_with_errors_lists_its_rows_and_offers_no_confirmation(world):
    response = page_client(world.methodist).post("/people/import/", {
        "kind": "people", "municipality": world.municipality.pk,
        "file": upload(xlsx([person_row("9301"), person_row("9302", category="вторая")]))})
    page = response.content.decode()

    assert 'data-testid="row-errors"' in page and "Неизвестное значение «вторая»" in page
    assert 'data-testid="confirm"' not in page and response.context["token"] is None


def test_people_need_a_municipality_and_the_page_says_so(world):
    response = page_client(world.admin).post("/people/import/", {
        "kind": "people", "file": upload(xlsx([person_row("9401")]))})

    assert 'data-testid="error-municipality"' in response.content.decode()
