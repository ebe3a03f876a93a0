"""The staff import: organisations and people from an XLSX or CSV file, all or nothing, with a dry run, by a
methodist into their own municipality and by an administrator anywhere."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.http import Http404
from django.test import override_settings
from guardian.models import UserObjectPermission
from openpyxl import Workbook, load_workbook
from rest_framework.test import APIClient

from accounts.models import Municipality, Organisation, Role, RoleAssignment, User
from accounts.staff_import import COLUMNS, ORGANISATIONS, PEOPLE, import_staff, template_file
from accounts.staff_import_sample import build_staff_file
from tests.factories import MunicipalityFactory, OrganisationFactory, RoleAssignmentFactory
from tests.school import person

pytestmark = pytest.mark.django_db


@dataclass
class World:
    municipality: Municipality
    centre: Organisation
    school: Organisation
    other_school: Organisation
    elsewhere: Municipality
    far_school: Organisation
    admin: User
    methodist: User
    other_methodist: User  # the methodist of `elsewhere`
    director: User
    teacher: User
    auditor: User


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module, inside a transaction rolled back after its last test (each test's own
    transaction nests in it)."""
    with django_db_blocker.unblock(), override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]), transaction.atomic():
        municipality = MunicipalityFactory(name="Томск", slug="tomsk-import")
        centre = OrganisationFactory(municipality=municipality, kind=Organisation.Kind.METHODICAL_CENTRE,
                                     short_name="ИМЦ")
        school = OrganisationFactory(municipality=municipality, short_name="МАОУ СОШ № 5")
        other_school = OrganisationFactory(municipality=municipality, short_name="МАОУ СОШ № 7")
        elsewhere = MunicipalityFactory(name="Тюмень", slug="tyumen-import")
        far_centre = OrganisationFactory(municipality=elsewhere, kind=Organisation.Kind.METHODICAL_CENTRE)
        far_school = OrganisationFactory(municipality=elsewhere, short_name="МАОУ СОШ № 9")
        admin = person("admin.i", Role.TEACHER, centre)
        RoleAssignmentFactory(user=admin, role=Role.ADMIN)
        yield World(
            municipality=municipality, centre=centre, school=school, other_school=other_school,
            elsewhere=elsewhere, far_school=far_school, admin=admin,
            methodist=person("methodist.i", Role.METHODIST, centre, municipality=municipality),
            other_methodist=person("methodist.j", Role.METHODIST, far_centre, municipality=elsewhere),
            director=person("director.i", Role.DIRECTOR, school),
            teacher=person("teacher.i", Role.TEACHER, school),
            auditor=person("auditor.i", Role.AUDITOR, centre, municipality=municipality),
        )
        transaction.set_rollback(True)


HEADERS = {kind: {item.key: str(item.header) for item in columns} for kind, columns in COLUMNS.items()}


def person_row(number: str, surname: str = "Иванова", **values) -> dict:
    return {"staff_number": number, "email": f"{number}@school5.example.org", "last_name": surname,
            "first_name": "Мария", "patronymic": "Петровна", "organisation": "МАОУ СОШ № 5",
            "position": "учитель", "subject": "математика", "birth_date": "20.05.1995",
            "tenure_start": "01.09.2019", "category": "первая", "roles": "teacher", **values}


def xlsx(rows: list[dict], kind: str = PEOPLE) -> bytes:
    book = Workbook()
    keys = list(HEADERS[kind])
    book.active.append([HEADERS[kind][key] for key in keys])
    for row in rows:
        book.active.append([row.get(key, "") for key in keys])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_file(rows: list[dict], kind: str = PEOPLE) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    keys = list(HEADERS[kind])
    writer.writerow([HEADERS[kind][key] for key in keys])
    for row in rows:
        writer.writerow([row.get(key, "") for key in keys])
    return out.getvalue().encode("cp1251")


def people(world: World, rows: list[dict], *, by: User | None = None, dry_run: bool = False, **kwargs):
    return import_staff(by or world.methodist, PEOPLE, xlsx(rows), "staff.xlsx",
                        municipality=kwargs.get("municipality", world.municipality), dry_run=dry_run)


def history_rows() -> tuple[int, int]:
    return User.history.count(), RoleAssignment.history.count()


def test_a_file_with_three_bad_rows_imports_nothing_and_names_exactly_those_rows(world):
    before, history = User.objects.count(), history_rows()
    report = people(world, [person_row("1001"), person_row("1002", organisation="Гимназия № 100"),
                            person_row("1003", birth_date="31.02.1990"), person_row("1004"),
                            person_row("1005", roles="teacher, pilot")])

    assert report.error_rows == [3, 4, 6]
    assert {(error.row, error.header, error.message) for error in report.errors} == {
        (3, "Организация", "Нет организации «Гимназия № 100» в муниципалитете «Томск»."),
        (4, "Дата рождения", "«31.02.1990» — не дата: запишите её как ДД.ММ.ГГГГ."),
        (6, "Роли", "Неизвестные роли: pilot; роли в организации: teacher, mentor, tutor, lead, director."),
    }
    assert (User.objects.count(), history_rows()) == (before, history)


def test_a_key_repeated_in_the_file_and_an_e_mail_of_another_person_are_row_errors(world):
    assert people(world, [person_row("2000")]).ok
    report = people(world, [person_row("2001"), person_row("2001", surname="Петрова"),
                            person_row("2003", email="2000@school5.example.org"),
                            person_row("2001", email="another@school5.example.org")])

    assert [(error.row, error.column, error.message) for error in report.errors] == [
        (3, "staff_number", "Повторяет строку 2 файла."),
        (3, "email", "Повторяет строку 2 файла."),
        (4, "email", "Этот адрес электронной почты — другого человека."),
        (5, "staff_number", "Повторяет строку 2 файла."),
    ]
    assert not User.objects.filter(staff_number__in=["2001", "2003"]).exists()


def test_the_sample_file_of_the_benchmark_imports_cleanly(world):
    report = import_staff(world.admin, PEOPLE, build_staff_file(20, world.municipality), "sample.xlsx",
                          municipality=world.municipality, dry_run=True)

    assert report.ok and report.created == 20, report.errors


def test_a_dry_run_counts_what_the_file_would_do_and_saves_nothing(world):
    before, history = User.objects.count(), history_rows()
    report = people(world, [person_row("3001"), person_row("3002", surname="Петрова")], dry_run=True)

    assert report.ok and (report.created, report.updated, report.skipped) == (2, 0, 0)
    assert report.changes == [(2, "new", "Иванова Мария Петровна"), (3, "new", "Петрова Мария Петровна")]
    assert (User.objects.count(), history_rows()) == (before, history)


def test_reimporting_the_same_file_changes_nothing_and_records_no_history(world):
    rows = [person_row("4001", roles="teacher, mentor"), person_row("4002", surname="Сидорова")]
    first = people(world, rows)
    assert first.ok and first.created == 2, first.errors
    history = history_rows()

    again = people(world, rows)

    assert (again.created, again.updated, again.skipped) == (0, 0, 2)
    assert history_rows() == history
    assert User.objects.filter(staff_number__in=["4001", "4002"]).count() == 2

    changed = people(world, [rows[0], {**rows[1], "position": "заместитель директора по УМР"}])
    assert (changed.created, changed.updated, changed.skipped) == (0, 1, 1)
    assert User.history.count() == history[0] + 1
    assert User.history.filter(staff_number="4002").first().history_user == world.methodist


def test_roles_from_the_file_are_assigned_in_the_organisation_and_granted(world):
    people(world, [person_row("5001", roles="teacher, mentor", organisation="МАОУ СОШ № 7")])
    imported = User.objects.get(staff_number="5001")

    assert set(RoleAssignment.objects.filter(user=imported).values_list("role", "organisation")) == {
        (Role.TEACHER, world.other_school.pk), (Role.MENTOR, world.other_school.pk)}
    assert set(UserObjectPermission.objects.filter(user=imported, object_pk=str(world.other_school.pk))
               .values_list("permission__codename", flat=True)) == {
        "act_as_teacher_in_organisation", "act_as_mentor_in_organisation"}
    assert imported.username == "5001@school5.example.org" and not imported.has_usable_password()


def test_a_person_entered_before_the_import_is_found_by_e_mail_and_given_the_staff_number(world):
    report = people(world, [person_row("6001", email=world.teacher.email, surname="Teacher")])

    assert (report.created, report.updated) == (0, 1), report.errors
    assert User.objects.get(pk=world.teacher.pk).staff_number == "6001"


def test_a_person_of_another_municipality_is_not_taken_over_by_their_e_mail(world):
    far_teacher = person("teacher.far", Role.TEACHER, world.far_school)

    report = people(world, [person_row("7101", email=far_teacher.email)])

    assert [(error.row, error.column) for error in report.errors] == [(2, "email")]
    assert User.objects.get(pk=far_teacher.pk).organisation == world.far_school


def test_a_methodist_imports_only_into_their_own_municipality(world):
    with pytest.raises(Http404):
        people(world, [person_row("7001", organisation="МАОУ СОШ № 9")], municipality=world.elsewhere)
    own = people(world, [person_row("7002", organisation="МАОУ СОШ № 9")])
    assert own.error_rows == [2] and own.errors[0].column == "organisation"

    organisations = import_staff(world.methodist, ORGANISATIONS, xlsx([
        {"municipality": "Тюмень", "name": "Школа № 11", "short_name": "СОШ № 11", "kind": "school"}],
        ORGANISATIONS), "organisations.xlsx")
    assert [(error.row, error.message) for error in organisations.errors] == [
        (2, "Вы не можете загружать данные в муниципалитет «Тюмень».")]

    anywhere = people(world, [person_row("7003", organisation="МАОУ СОШ № 9")], by=world.admin,
                      municipality=world.elsewhere)
    assert anywhere.ok and User.objects.get(staff_number="7003").organisation == world.far_school


def test_organisations_are_created_then_left_alone_when_imported_again(world):
    rows = [{"municipality": "tomsk-import", "name": "Муниципальное бюджетное дошкольное образовательное "
             "учреждение детский сад № 3", "short_name": "МБДОУ № 3",
             "kind": "дошкольная образовательная организация", "is_small_school": "нет", "is_low_results": ""},
            {"municipality": "Томск", "name": "Средняя школа № 12", "short_name": "СОШ № 12", "kind": "school",
             "is_small_school": "да", "is_low_results": "да"}]
    first = import_staff(world.methodist, ORGANISATIONS, csv_file(rows, ORGANISATIONS), "organisations.csv",
                         dry_run=False)
    again = import_staff(world.methodist, ORGANISATIONS, xlsx(rows, ORGANISATIONS), "organisations.xlsx",
                         dry_run=False)

    assert first.ok and first.created == 2, first.errors
    assert (again.created, again.updated, again.skipped) == (0, 0, 2)
    school = Organisation.objects.get(municipality=world.municipality, short_name="СОШ № 12")
    assert school.is_small_school and school.is_low_results and school.kind == Organisation.Kind.SCHOOL
    assert Organisation.objects.get(short_name="МБДОУ № 3").kind == Organisation.Kind.PRESCHOOL


def test_a_file_without_a_required_column_or_in_another_format_is_refused(world):
    missing = import_staff(world.methodist, PEOPLE, "Табельный номер;Фамилия\n1;Иванова\n".encode(), "p.csv",
                           municipality=world.municipality)
    assert {error.header for error in missing.errors} == {"Электронная почта", "Имя", "Организация"}
    assert import_staff(world.methodist, PEOPLE, b"PK broken", "p.xlsx",
                        municipality=world.municipality).errors[0].message.startswith("Загрузите файл XLSX")


def test_the_template_file_has_every_column(world):
    sheet = load_workbook(io.BytesIO(template_file(PEOPLE))).active
    assert [cell.value for cell in sheet[1]] == list(HEADERS[PEOPLE].values())


def api_client(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def api_import(user: User, content: bytes, **data):
    return api_client(user).post("/api/people/import/", {"file": io.BytesIO(content), **data}, format="multipart")


def test_the_api_dry_run_answers_the_counts_and_saves_nothing(world):
    upload = io.BytesIO(xlsx([person_row("8001"), person_row("8002")]))
    upload.name = "staff.xlsx"
    response = api_client(world.methodist).post("/api/people/import/", {
        "file": upload, "kind": "people", "municipality": world.municipality.pk, "dry_run": "true"},
        format="multipart")

    assert response.status_code == 200, response.content
    assert response.json() == {"kind": "people", "dry_run": True, "created": 2, "updated": 0, "skipped": 0}
    assert not User.objects.filter(staff_number="8001").exists()


def test_the_api_refuses_a_file_with_bad_rows_naming_each_row(world):
    upload = io.BytesIO(xlsx([person_row("8101"), person_row("8102", birth_date="вчера")]))
    upload.name = "staff.xlsx"
    response = api_client(world.methodist).post("/api/people/import/", {
        "file": upload, "municipality": world.municipality.pk, "dry_run": "false"}, format="multipart")

    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"] == [{"field": "rows[3].birth_date", "code": "invalid",
                                          "message": "«вчера» — не дата: запишите её как ДД.ММ.ГГГГ."}]
    assert not User.objects.filter(staff_number="8101").exists()


def test_a_new_person_whose_e_mail_is_another_persons_username_gets_a_numbered_one(world):
    User.objects.create(username="9601@school5.example.org", email="someone@example.org")

    assert people(world, [person_row("9601")]).ok
    assert User.objects.get(staff_number="9601").username == "9601@school5.example.org-2"


def test_the_api_asks_for_the_municipality_of_people_and_hides_one_that_is_not_yours(world):
    def post(**data):
        return api_client(world.methodist).post("/api/people/import/", {
            "file": io.BytesIO(xlsx([person_row("9701")])), "dry_run": "true", **data}, format="multipart")

    assert post().json()["errors"] == [{"field": "municipality", "code": "invalid",
                                        "message": "Выберите муниципалитет работников."}]
    assert post(municipality=world.elsewhere.pk).status_code == 404
    assert post(municipality=10**9).status_code == 404
