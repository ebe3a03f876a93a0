"""Import of a provider's diagnostics results from an XLSX file: all rows or none."""
from datetime import date, datetime, timedelta
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from accounts.models import Organisation, Role
from jobs.models import DocumentJob
from jobs.worker import run_pending
from routes.diagnostics_import import import_diagnostics_xlsx
from routes.models import Deficit, Diagnostics
from tests.factories import MunicipalityFactory, OrganisationFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = ("Логин", "ФИО", "Дата", "Поставщик", "Область", "Дефицит", "Уровень")


def workbook(*rows, header=HEADER) -> BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    content = BytesIO()
    book.save(content)
    content.seek(0)
    return content


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the page stores the upload for the import job


@pytest.fixture
def town():
    municipality = MunicipalityFactory()
    school = OrganisationFactory(municipality=municipality)
    centre = OrganisationFactory(municipality=municipality, kind=Organisation.Kind.METHODICAL_CENTRE)
    methodist = UserFactory(username="methodist.town", last_name="Михайлова", organisation=centre)
    RoleAssignmentFactory(user=methodist, role=Role.METHODIST, municipality=municipality)
    ivanova = UserFactory(username="ivanova", last_name="Иванова", first_name="Мария", patronymic="Петровна",
                          organisation=school)
    petrov = UserFactory(username="petrov", last_name="Петров", first_name="Олег", patronymic="Ильич",
                         organisation=school)
    for teacher in (ivanova, petrov):
        RoleAssignmentFactory(user=teacher, role=Role.TEACHER, organisation=school)
    stranger = UserFactory(username="stranger", organisation=OrganisationFactory())
    return municipality, methodist, ivanova, petrov, stranger


def test_a_providers_file_becomes_one_diagnostics_per_teacher_date_and_provider(town):
    municipality, methodist, ivanova, petrov, _stranger = town
    file = workbook(
        ("ivanova", None, datetime(2025, 3, 5), "ЦНППМ", "предметные", "Решение олимпиадных задач", "выраженный"),
        ("IVANOVA", None, datetime(2025, 3, 5), "цнппм", "Методические", "Проектирование урока", "умеренный"),
        (None, "Петров Олег Ильич", "10.03.2025", "«Я-учитель»", "ИКТ", "Электронные ресурсы", "незначительный"),
        (None, None, None, None, None, None, None),
        ("ivanova", None, "2025-04-01", "Я-учитель", "коммуникативные компетенции", "Работа с родителями", 2),
    )

    result = import_diagnostics_xlsx(file, municipality, methodist)

    assert result.ok, result.errors
    assert len(result.created) == 3 and result.deficit_count == 4
    first = Diagnostics.objects.get(teacher=ivanova, date=date(2025, 3, 5))
    assert first.provider == "cnppm" and first.competence_areas == ["subject", "methodical"]
    assert sorted(first.deficits.values_list("title", "severity")) == [
        ("Проектирование урока", 2), ("Решение олимпиадных задач", 3)]
    digital = Diagnostics.objects.get(teacher=petrov)
    assert (digital.provider, digital.competence_areas) == ("ya_uchitel", ["digital"])
    assert digital.deficits.get().severity == 1
    assert Diagnostics.objects.get(teacher=ivanova, date=date(2025, 4, 1)).deficits.get().area == "communicative"
    every = Diagnostics.objects.all()
    assert {(d.source, d.import_batch, d.entered_by) for d in every} == {("imported", result.batch, methodist)}
    assert {row.history_user for row in Diagnostics.history.all()} == {methodist}
    assert {row.history_user for row in Deficit.history.all()} == {methodist}


def test_a_file_with_errors_imports_nothing_and_names_every_bad_row_in_russian(town):
    municipality, methodist, *_ = town
    future = timezone.localdate() + timedelta(days=3)
    file = workbook(
        ("ivanov", None, datetime(2025, 3, 5), "ЦНППМ", "предметные", "Олимпиадные задачи", "выраженный"),
        ("stranger", None, datetime(2025, 3, 5), "ЦНППМ", "предметные", "Олимпиадные задачи", "выраженный"),
        ("ivanova", None, future, "ЦНППМ", "предметные", "Олимпиадные задачи", "выраженный"),
        ("ivanova", None, "5 марта", "Росметодцентр", "предметные", "Олимпиадные задачи", "высокий"),
        ("petrov", None, datetime(2025, 3, 5), "ЦНППМ", "химические", "", "умеренный"),
        ("petrov", None, datetime(2025, 3, 6), "ЦНППМ", "предметные", "Олимпиадные задачи", "умеренный"),
    )

    result = import_diagnostics_xlsx(file, municipality, methodist)

    assert not result.ok and result.created == []
    assert not Diagnostics.objects.exists() and not Deficit.objects.exists()
    assert 'Строка 2: неизвестный педагог "ivanov"' in result.errors
    assert 'Строка 3: неизвестный педагог "stranger"' in result.errors
    assert f"Строка 4: дата {future:%d.%m.%Y} в будущем" in result.errors
    assert 'Строка 5: дата "5 марта" не распознана; ожидается ДД.ММ.ГГГГ' in result.errors
    assert any(error.startswith('Строка 5: неизвестный поставщик "Росметодцентр"; допустимые значения: ЦНППМ')
               for error in result.errors)
    assert any(error.startswith('Строка 5: неизвестный уровень дефицита "высокий"') for error in result.errors)
    assert any(error.startswith('Строка 6: неизвестная область компетенций "химические"') for error in result.errors)
    assert "Строка 6: не указан дефицит" in result.errors
    assert not any(error.startswith("Строка 7") for error in result.errors)


def test_a_file_without_a_required_column_is_refused_before_any_row(town):
    municipality, methodist, *_ = town
    file = workbook(("ivanova", "05.03.2025", "ЦНППМ", "предметные", "Олимпиадные задачи"),
                    header=("Логин", "Дата", "Поставщик", "Область", "Дефицит"))

    result = import_diagnostics_xlsx(file, municipality, methodist)

    assert result.errors == ["В файле нет столбца «Уровень»."]
    assert not Diagnostics.objects.exists()


def test_longer_column_names_are_recognised(town):
    municipality, methodist, ivanova, *_ = town
    file = workbook(("ivanova", "05.03.2025", "ЦНППМ", "предметные", "Олимпиадные задачи", "умеренный"),
                    header=("Логин педагога", "Дата диагностики", "Поставщик", "Область компетенций",
                            "Дефицит", "Уровень дефицита"))

    result = import_diagnostics_xlsx(file, municipality, methodist)

    assert result.ok, result.errors
    assert Diagnostics.objects.get().teacher == ivanova


def test_a_file_that_is_not_a_workbook_is_refused_clearly(town):
    municipality, methodist, *_ = town

    result = import_diagnostics_xlsx(BytesIO("Логин;Дата\nivanova;05.03.2025".encode()), municipality, methodist)

    assert result.errors == ["Файл не удалось прочитать: нужна книга Excel (.xlsx)."]


def test_importing_the_same_file_twice_imports_nothing_the_second_time(town):
    municipality, methodist, *_ = town
    rows = [("ivanova", None, datetime(2025, 3, 5), "ЦНППМ", "предметные", "Олимпиадные задачи", "выраженный")]
    assert import_diagnostics_xlsx(workbook(*rows), municipality, methodist).ok

    again = import_diagnostics_xlsx(workbook(*rows), municipality, methodist)

    assert again.errors == ["Строка 2: У этого педагога уже есть диагностика этого поставщика на эту дату."]
    assert Diagnostics.objects.count() == 1


def test_two_teachers_with_the_same_full_name_need_a_login(town):
    municipality, methodist, ivanova, *_ = town
    namesake = UserFactory(username="ivanova2", last_name="Иванова", first_name="Мария", patronymic="Петровна",
                           organisation=ivanova.organisation)
    RoleAssignmentFactory(user=namesake, role=Role.TEACHER, organisation=ivanova.organisation)

    result = import_diagnostics_xlsx(
        workbook((None, "Иванова Мария Петровна", "05.03.2025", "ЦНППМ", "предметные", "Задачи", "умеренный")),
        municipality, methodist)

    assert result.errors == ['Строка 2: несколько педагогов с ФИО "Иванова Мария Петровна"; укажите логин']


def test_only_a_methodist_of_the_municipality_may_import(town):
    municipality, _methodist, ivanova, *_ = town
    elsewhere = UserFactory(organisation=OrganisationFactory())
    RoleAssignmentFactory(user=elsewhere, role=Role.METHODIST, municipality=elsewhere.organisation.municipality)
    file = workbook(("ivanova", None, "05.03.2025", "ЦНППМ", "предметные", "Задачи", "умеренный"))

    for person in (ivanova, elsewhere):
        with pytest.raises(PermissionDenied):
            import_diagnostics_xlsx(file, municipality, person)
    assert not Diagnostics.objects.exists()


def upload(content: BytesIO, name: str = "results.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content.getvalue(),
                              content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def test_the_methodist_imports_through_the_page(client, town):
    municipality, methodist, ivanova, *_ = town
    client.force_login(methodist)
    file = workbook(("ivanova", None, "05.03.2025", "ЦНППМ", "предметные", "Задачи", "умеренный"))

    queued = client.post(reverse("diagnostics:import"), {"municipality": municipality.pk, "file": upload(file)})
    run_pending()
    response = client.get(queued["Location"])

    assert queued["Location"] == reverse("jobs:detail", args=[DocumentJob.objects.get().pk])
    assert "Импортирована 1 диагностика." in response.content.decode()
    assert Diagnostics.objects.get().teacher == ivanova


def test_the_import_page_lists_the_errors_and_keeps_the_chosen_municipality(client, town):
    municipality, methodist, *_ = town
    client.force_login(methodist)
    file = workbook(("ivanov", None, "05.03.2025", "ЦНППМ", "предметные", "Задачи", "умеренный"))

    queued = client.post(reverse("diagnostics:import"), {"municipality": municipality.pk, "file": upload(file)})
    run_pending()
    response = client.get(queued["Location"])

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="job-errors"' in page
    assert "Ничего не импортировано." in page
    assert "Строка 2: неизвестный педагог &quot;ivanov&quot;" in page
    back = DocumentJob.objects.get().params["back"]
    assert f'href="{back}"' in page
    assert f'<option value="{municipality.pk}" selected>' in client.get(back).content.decode()
    assert not Diagnostics.objects.exists()


def test_a_file_of_another_type_is_refused_on_the_page(client, town):
    municipality, methodist, *_ = town
    client.force_login(methodist)

    response = client.post(reverse("diagnostics:import"),
                           {"municipality": municipality.pk, "file": upload(BytesIO(b"a;b"), "results.csv")})

    assert response.status_code == 200
    assert "Расширение файлов “csv” не поддерживается." in response.content.decode()


@pytest.mark.parametrize("role", [Role.TEACHER, Role.DIRECTOR, Role.OFFICER, Role.AUDITOR])
def test_nobody_but_a_methodist_finds_the_import_page(client, town, role):
    municipality = town[0]
    person = UserFactory(organisation=OrganisationFactory(municipality=municipality))
    scope = {"organisation": person.organisation} if role in (Role.TEACHER, Role.DIRECTOR) else {
        "municipality": municipality}
    RoleAssignmentFactory(user=person, role=role, **scope)
    client.force_login(person)

    assert client.get(reverse("diagnostics:import")).status_code == 404
    assert 'data-testid="diagnostics-import"' not in client.get(reverse("diagnostics:index")).content.decode()
