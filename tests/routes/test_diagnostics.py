"""Entering diagnostics, deficits and recommendations, and the young-teacher survey, as people do it."""
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organisation, Role, User
from accounts.permissions import may
from routes.diagnostics import add_recommendation, current_survey_period, save_diagnostics, save_survey
from routes.models import Deficit, Diagnostics, Recommendation, YoungTeacherSurvey
from tests.factories import (DeficitFactory, DiagnosticsFactory, MunicipalityFactory, OrganisationFactory,
    RoleAssignmentFactory, UserFactory)
from tests.routes import diagnostics_form_data

pytestmark = pytest.mark.django_db


@dataclass
class People:
    school: Organisation
    teacher: User
    colleague: User
    director: User
    methodist: User
    auditor: User
    outsider: User


def someone(username: str, last_name: str, role: Role, organisation: Organisation, **scope) -> User:
    person = UserFactory(username=username, last_name=last_name, organisation=organisation)
    RoleAssignmentFactory(user=person, role=role, **(scope or {"organisation": organisation}))
    return person


@pytest.fixture
def people() -> People:
    municipality = MunicipalityFactory()
    school = OrganisationFactory(municipality=municipality)
    centre = OrganisationFactory(municipality=municipality, kind=Organisation.Kind.METHODICAL_CENTRE)
    elsewhere = OrganisationFactory()
    return People(
        school=school,
        teacher=someone("teacher.d", "Смирнова", Role.TEACHER, school),
        colleague=someone("colleague.d", "Кузнецова", Role.TEACHER, school),
        director=someone("director.d", "Соколов", Role.DIRECTOR, school),
        methodist=someone("methodist.d", "Михайлова", Role.METHODIST, centre, municipality=municipality),
        auditor=someone("auditor.d", "Алексеева", Role.AUDITOR, centre, municipality=municipality),
        outsider=someone("teacher.far", "Далёкая", Role.TEACHER, elsewhere),
    )


def new_diagnostics(**overrides) -> dict:
    rows = overrides.pop("deficits", (
        {"area": "subject", "title": "Оценивание образовательных результатов", "severity": 3},
        {"area": "methodical", "title": "Проектирование урока", "severity": 1},
    ))
    return diagnostics_form_data(deficits=rows, **overrides)


def test_a_teacher_records_their_own_diagnostics_with_deficits(client, people):
    client.force_login(people.teacher)

    response = client.post(reverse("diagnostics:create"), new_diagnostics(notes="После курсов ЦНППМ"))

    diagnostics = Diagnostics.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("diagnostics:detail", args=[diagnostics.pk])
    assert (diagnostics.teacher, diagnostics.organisation, diagnostics.entered_by) == (
        people.teacher, people.school, people.teacher)
    assert diagnostics.source == Diagnostics.Source.MANUAL and diagnostics.import_batch is None
    assert diagnostics.competence_areas == ["subject", "methodical"]
    assert sorted(diagnostics.deficits.values_list("title", "severity")) == [
        ("Оценивание образовательных результатов", 3), ("Проектирование урока", 1)]
    page = client.get(response.url).content.decode()
    assert "Оценивание образовательных результатов" in page and "После курсов ЦНППМ" in page


def test_a_teacher_cannot_slip_in_a_colleague_as_the_teacher(client, people):
    client.force_login(people.teacher)

    client.post(reverse("diagnostics:create"), new_diagnostics(teacher=people.colleague.pk))

    assert list(Diagnostics.objects.values_list("teacher", flat=True)) == [people.teacher.pk]


def test_a_methodist_enters_a_diagnostics_for_a_teacher_of_the_municipality(client, people):
    client.force_login(people.methodist)

    response = client.post(reverse("diagnostics:create"), new_diagnostics(teacher=people.teacher.pk))

    assert response.status_code == 302
    diagnostics = Diagnostics.objects.get()
    assert diagnostics.teacher == people.teacher and diagnostics.entered_by == people.methodist
    assert diagnostics.history.get().history_user == people.methodist
    assert {row.history_user for row in Deficit.history.all()} == {people.methodist}


def test_a_methodist_cannot_choose_a_teacher_of_another_municipality(client, people):
    client.force_login(people.methodist)

    response = client.post(reverse("diagnostics:create"), new_diagnostics(teacher=people.outsider.pk))

    assert response.status_code == 200
    assert "Выберите корректный вариант" in response.content.decode()
    assert not Diagnostics.objects.exists()


def test_a_future_date_is_refused_in_russian_and_everything_entered_stays(client, people):
    client.force_login(people.teacher)
    tomorrow = timezone.localdate() + timedelta(days=1)

    response = client.post(reverse("diagnostics:create"), new_diagnostics(
        date=tomorrow.isoformat(), notes="Заметка, которую жалко потерять"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Дата диагностики не может быть в будущем." in page
    assert tomorrow.isoformat() in page
    assert "Заметка, которую жалко потерять" in page
    assert "Оценивание образовательных результатов" in page and "Проектирование урока" in page
    assert not Diagnostics.objects.exists()


def test_a_deficit_without_a_title_is_refused_and_nothing_entered_is_lost(client, people):
    client.force_login(people.teacher)

    response = client.post(reverse("diagnostics:create"), new_diagnostics(deficits=(
        {"area": "subject", "title": "", "severity": 2, "description": "Затрудняюсь с заданиями PISA"},
    )))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Обязательное поле." in page
    assert "Затрудняюсь с заданиями PISA" in page
    assert not Diagnostics.objects.exists()


def test_a_deficit_in_an_area_not_assessed_is_refused(client, people):
    client.force_login(people.teacher)

    response = client.post(reverse("diagnostics:create"), new_diagnostics(
        competence_areas=["subject"], deficits=({"area": "digital", "title": "Электронный журнал", "severity": 1},)))

    assert "Эта область не отмечена среди проверенных диагностикой." in response.content.decode()
    assert not Diagnostics.objects.exists()


def test_a_teacher_edits_their_own_diagnostics_removing_and_adding_deficits(client, people):
    diagnostics = DiagnosticsFactory(teacher=people.teacher)
    kept, dropped = DeficitFactory(diagnostics=diagnostics), DeficitFactory(diagnostics=diagnostics)
    client.force_login(people.teacher)
    data = diagnostics_form_data(diagnostics, deficits=(
        {"area": "methodical", "title": "Формирующее оценивание", "severity": 2},))
    data["deficits-1-DELETE"] = "on"
    assert data["deficits-1-id"] == dropped.pk

    response = client.post(reverse("diagnostics:change", args=[diagnostics.pk]), data)

    assert response.status_code == 302
    assert set(diagnostics.deficits.values_list("title", flat=True)) == {kept.title, "Формирующее оценивание"}
    assert Deficit.history.filter(id=dropped.pk, history_type="-").get().history_user == people.teacher


def test_an_area_still_holding_a_deficit_cannot_be_unticked(client, people):
    diagnostics = DiagnosticsFactory(teacher=people.teacher, competence_areas=["subject", "methodical"])
    DeficitFactory(diagnostics=diagnostics, area="subject")
    client.force_login(people.teacher)

    response = client.post(reverse("diagnostics:change", args=[diagnostics.pk]),
                           diagnostics_form_data(diagnostics, competence_areas=["methodical"]))

    assert "Эта область не отмечена среди проверенных диагностикой." in response.content.decode()
    diagnostics.refresh_from_db()
    assert diagnostics.competence_areas == ["subject", "methodical"]


def test_a_methodist_writes_recommendations_and_the_teacher_reads_them(client, people):
    diagnostics = DiagnosticsFactory(teacher=people.teacher)
    client.force_login(people.methodist)

    response = client.post(reverse("diagnostics:recommend", args=[diagnostics.pk]),
                           {"text": "Пройти КПК «Формирующее оценивание», посетить ММО учителей математики"})

    assert response.status_code == 302
    recommendation = Recommendation.objects.get()
    assert recommendation.author == people.methodist
    assert recommendation.history.get().history_user == people.methodist
    client.force_login(people.teacher)
    page = client.get(reverse("diagnostics:detail", args=[diagnostics.pk])).content.decode()
    assert "Пройти КПК «Формирующее оценивание»" in page
    assert 'data-testid="recommendation-form"' not in page


def test_empty_recommendations_are_refused_in_russian(client, people):
    diagnostics = DiagnosticsFactory(teacher=people.teacher)
    client.force_login(people.methodist)

    response = client.post(reverse("diagnostics:recommend", args=[diagnostics.pk]), {"text": ""})

    assert response.status_code == 200
    assert "Обязательное поле." in response.content.decode()
    with pytest.raises(ValidationError) as refused:
        add_recommendation(diagnostics, people.methodist, "   ")
    assert refused.value.message_dict == {"text": ["Напишите рекомендации."]}
    assert not Recommendation.objects.exists()


def test_the_auditor_reads_the_diagnostics_with_its_history_and_changes_nothing(client, people):
    diagnostics = save_diagnostics(
        Diagnostics(teacher=people.teacher, date=date(2025, 10, 1), provider="cnppm", competence_areas=["subject"]),
        people.methodist, [Deficit(area="subject", title="Предметные знания", severity=2)])
    client.force_login(people.teacher)
    client.post(reverse("diagnostics:change", args=[diagnostics.pk]),
                diagnostics_form_data(diagnostics, notes="Уточнила у методиста"))
    client.force_login(people.auditor)

    page = client.get(reverse("diagnostics:detail", args=[diagnostics.pk])).content.decode()
    refused = [
        client.get(reverse("diagnostics:change", args=[diagnostics.pk])).status_code,
        client.post(reverse("diagnostics:change", args=[diagnostics.pk]),
                    diagnostics_form_data(diagnostics, notes="Аудитор")).status_code,
        client.post(reverse("diagnostics:recommend", args=[diagnostics.pk]), {"text": "Аудитор"}).status_code,
    ]

    assert 'data-testid="history"' in page
    assert "Михайлова" in page and "Смирнова" in page
    assert 'data-testid="diagnostics-change"' not in page and 'data-testid="recommendation-form"' not in page
    assert refused == [404, 404, 404]
    diagnostics.refresh_from_db()
    assert diagnostics.notes == "Уточнила у методиста"
    assert not Recommendation.objects.exists()


def test_history_rows_record_who_acted(client, people):
    diagnostics = save_diagnostics(
        Diagnostics(teacher=people.teacher, date=date(2025, 10, 1), provider="school", competence_areas=["digital"]),
        people.methodist)
    client.force_login(people.teacher)

    client.post(reverse("diagnostics:change", args=[diagnostics.pk]),
                diagnostics_form_data(diagnostics, notes="Дополнила", deficits=(
                    {"area": "digital", "title": "Цифровые образовательные ресурсы", "severity": 2},)))

    rows = list(diagnostics.history.order_by("history_date"))
    assert [(row.history_type, row.history_user) for row in rows] == [("+", people.methodist), ("~", people.teacher)]
    assert Deficit.history.get().history_user == people.teacher


def test_services_refuse_those_who_may_not(people):
    diagnostics = DiagnosticsFactory(teacher=people.teacher)

    with pytest.raises(PermissionDenied):
        save_diagnostics(Diagnostics(teacher=people.teacher, date=date(2025, 10, 1), provider="cnppm",
                                     competence_areas=["subject"]), people.director)
    with pytest.raises(PermissionDenied):
        add_recommendation(diagnostics, people.teacher, "Сама себе рекомендую")
    with pytest.raises(PermissionDenied):
        save_diagnostics(diagnostics, people.colleague)
    assert Diagnostics.objects.count() == 1 and not Recommendation.objects.exists()


def test_a_diagnostics_stays_with_the_school_where_it_was_taken(people):
    diagnostics = DiagnosticsFactory(teacher=people.teacher)
    people.teacher.organisation = OrganisationFactory(municipality=people.school.municipality)
    people.teacher.save()

    diagnostics.refresh_from_db()
    assert diagnostics.organisation == people.school
    assert may(people.director, "view", diagnostics)


# The young-teacher survey [002:240]

def survey_data(**overrides) -> dict:
    year, half = current_survey_period()
    data = {"school_year": year, "half": half, "difficulties": ["discipline", "parents"],
            "other_difficulties": "Не хватает времени на проверку тетрадей", "comfort": 4, "wants_mentor": "on",
            "comment": ""}
    data.update(overrides)
    return data


def test_a_young_teacher_answers_the_survey_for_the_current_half_year(client, people):
    client.force_login(people.teacher)

    form = client.get(reverse("diagnostics:survey_create")).content.decode()
    assert f'<option value="{current_survey_period()[1]}" selected>' in form
    response = client.post(reverse("diagnostics:survey_create"), survey_data())

    assert response.status_code == 302
    survey = YoungTeacherSurvey.objects.get()
    assert (survey.teacher, survey.organisation, survey.entered_by) == (people.teacher, people.school, people.teacher)
    assert (survey.school_year, survey.half) == current_survey_period()
    assert survey.difficulties == ["discipline", "parents"] and survey.comfort == 4 and survey.wants_mentor
    assert survey.history.get().history_user == people.teacher


def test_a_second_answer_for_the_same_half_year_is_refused_and_the_answers_stay(client, people):
    year, half = current_survey_period()
    save_survey(YoungTeacherSurvey(teacher=people.teacher, school_year=year, half=half, comfort=3), people.teacher)
    client.force_login(people.teacher)

    response = client.post(reverse("diagnostics:survey_create"), survey_data(comment="Отвечаю второй раз"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Педагог уже ответил на анкету за этот период." in page
    assert "Отвечаю второй раз" in page and "Не хватает времени на проверку тетрадей" in page
    assert YoungTeacherSurvey.objects.count() == 1


def test_comfort_outside_one_to_five_is_refused(client, people):
    client.force_login(people.teacher)

    response = client.post(reverse("diagnostics:survey_create"), survey_data(comfort=7))

    assert "Выберите корректный вариант" in response.content.decode()
    assert not YoungTeacherSurvey.objects.exists()


def test_surveys_are_seen_by_the_teacher_and_their_director_not_by_colleagues(client, people):
    year, half = current_survey_period()
    survey = save_survey(YoungTeacherSurvey(teacher=people.teacher, school_year=year, half=half, comfort=2),
                         people.methodist)

    assert survey.entered_by == people.methodist
    for person, sees in ((people.teacher, True), (people.director, True), (people.auditor, True),
                         (people.colleague, False), (people.outsider, False)):
        client.force_login(person)
        page = client.get(reverse("diagnostics:survey_list")).content.decode()
        assert (page.count('data-testid="survey-row"') == 1) is sees, person.username
    assert not may(people.auditor, "change", survey) and may(people.teacher, "change", survey)


@pytest.mark.parametrize(("today", "period"), [
    (date(2025, 9, 1), (2025, "autumn")),
    (date(2025, 12, 31), (2025, "autumn")),
    (date(2026, 1, 10), (2025, "spring")),
    (date(2026, 6, 30), (2025, "spring")),
])
def test_a_survey_belongs_to_the_half_of_the_school_year_it_is_taken_in(today, period):
    assert current_survey_period(today) == period
