"""The director's form and the case page of an application for a site's status: Russian errors next to the
field, nothing saved half-way, and the steps done on the page."""
import pytest
from django.urls import reverse
from django.utils import timezone

from platforms.models import Site, SiteApplication
from tests.files import HTML, pdf, upload
from tests.platforms.applications_world import at_order, at_protocol, in_expertise, score, sites  # noqa: F401

pytestmark = pytest.mark.django_db
Status = SiteApplication.Status


def form_data(sites, **changes) -> dict:
    data = {
        "call": sites.call.pk, "organisation": sites.school.organisation.pk, "kind": "innovation",
        "topic": "Школа функциональной грамотности", "relevance": "Низкие результаты", "goals": "Модель",
        "tasks": "Разработать модель", "expected_results": "Рост результатов", "resources": "Кадры",
        "term_years": "2", "team": [sites.school.teacher.pk], "partners": "КГПУ",
        "stages-TOTAL_FORMS": "2", "stages-INITIAL_FORMS": "0", "stages-MIN_NUM_FORMS": "0",
        "stages-MAX_NUM_FORMS": "1000",
        "stages-0-title": "Подготовительный", "stages-0-starts_on": "2026-09-01", "stages-0-ends_on": "2026-12-31",
        "stages-1-title": "", "stages-1-starts_on": "", "stages-1-ends_on": "",
    }
    data.update(changes)
    return data


def create(client, data):
    return client.post(reverse("site_applications:create"), data)


def test_the_director_draws_up_the_application_with_stages_and_files_and_submits_it(client, sites):
    client.force_login(sites.director)
    response = create(client, {**form_data(sites), "files": [pdf("проект.pdf")]})
    application = SiteApplication.objects.get()
    assert response.status_code == 302 and response.url == application.get_absolute_url()
    assert [stage.title for stage in application.stages.all()] == ["Подготовительный"]
    assert application.files.get().name == "проект.pdf"
    client.post(reverse("site_applications:action", args=[application.pk, "submit"]))
    application.refresh_from_db()
    assert application.status == Status.CHECK
    page = client.get(application.get_absolute_url()).content.decode()
    assert "на проверке комплектности" in page.lower() or "проверк" in page


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"term_years": "5"}, "term_years", "от 1 до 3 лет"),
    ({"term_years": "0"}, "term_years", "от 1 до 3 лет"),
    ({"goals": "", "resources": ""}, "goals", "Обязательное поле"),
    ({"stages-0-ends_on": "2026-08-01"}, None, "не может закончиться раньше"),
    ({"stages-0-ends_on": "2029-12-31"}, None, "после срока проекта"),
    ({"kind": "internship"}, "kind", "не принимает заявки на этот вид"),
])
def test_bad_input_is_refused_in_russian_next_to_its_field_and_nothing_is_saved(client, sites, changes, field, words):
    client.force_login(sites.director)
    response = create(client, form_data(sites, **changes))
    page = response.content.decode()
    assert response.status_code == 200 and words in page
    if field:
        assert f'data-testid="error-{field}"' in page
    else:
        assert 'data-testid="row-error"' in page
    assert not SiteApplication.objects.exists()


@pytest.mark.parametrize(("file", "words"), [
    (upload("программа.exe", b"MZ\x90\x00"), "не принимаются"),
    (upload("проект.pdf", HTML), "переименован"),
])
def test_a_file_of_the_wrong_type_is_refused_next_to_the_files_and_nothing_is_saved(client, sites, file, words):
    client.force_login(sites.director)
    response = create(client, {**form_data(sites), "files": [file]})
    page = response.content.decode()
    assert 'data-testid="error-files"' in page and words in page
    assert not SiteApplication.objects.exists()


def test_a_file_too_large_is_refused_and_nothing_is_saved(client, sites, settings):
    settings.MAX_UPLOAD_SIZE = 1000
    client.force_login(sites.director)
    page = create(client, {**form_data(sites), "files": [pdf("проект.pdf", size=5000)]}).content.decode()
    assert 'data-testid="error-files"' in page and "слишком велик" in page
    assert not SiteApplication.objects.exists()


def test_a_submit_after_the_deadline_is_told_in_russian_and_the_draft_stays(client, sites):
    client.force_login(sites.director)
    create(client, form_data(sites))
    application = SiteApplication.objects.get()
    sites.call.deadline = timezone.now() - timezone.timedelta(hours=1)
    sites.call.save()
    page = client.post(reverse("site_applications:action", args=[application.pk, "submit"]), follow=True)
    assert "больше не принимаются" in page.content.decode()
    application.refresh_from_db()
    assert application.status == Status.DRAFT


def test_an_expert_sees_only_their_own_scores_until_the_council_has_all(client, sites):
    application = in_expertise(sites)
    score(application, sites.experts[0], 7)
    client.force_login(sites.experts[1])
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Проект оценён на 7" not in page and 'data-testid="review-form"' in page
    score(application, sites.experts[1], 9)
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Проект оценён на 7" in page and "Проект оценён на 9" in page


def test_the_council_secretary_records_the_protocol_and_the_officer_signs_the_order_on_the_page(client, sites):
    application = at_protocol(sites)
    client.force_login(sites.methodist)
    url = reverse("site_applications:action", args=[application.pk, "protocol"])
    body = {"number": "4", "date": timezone.localdate().isoformat(),
            "members_present": [sites.experts[0].pk, sites.experts[1].pk], "votes_for": "2", "votes_against": "1",
            "votes_abstained": "0", "recommendation": "grant", "text": ""}
    page = client.post(url, body).content.decode()
    assert "Подано голосов: 3, а присутствует членов совета: 2" in page
    client.post(url, {**body, "votes_against": "0"})
    application.refresh_from_db()
    assert application.status == Status.ORDER
    client.force_login(sites.officer)
    page = client.get(application.get_absolute_url()).content.decode()
    assert 'data-testid="grant"' in page
    client.post(reverse("site_applications:action", args=[application.pk, "grant"]), {
        "date": timezone.localdate().isoformat(), "signatory": sites.officer.pk, "number": ""})
    application.refresh_from_db()
    assert application.status == Status.GRANTED
    site = Site.objects.get(application=application)
    page = client.get(application.get_absolute_url()).content.decode()
    assert 'data-testid="order-link"' in page and site.granted_by.number in page


def test_the_start_page_shows_the_methodist_the_check_waiting(client, sites):
    client.force_login(sites.director)
    create(client, form_data(sites))
    application = SiteApplication.objects.get()
    client.post(reverse("site_applications:action", args=[application.pk, "submit"]))
    client.force_login(sites.methodist)
    page = client.get(reverse("cabinet:index")).content.decode()
    assert application.number in page


def test_calls_list_the_open_first_and_the_officer_announces_one_with_its_criteria(client, sites):
    client.force_login(sites.officer)
    response = client.post(reverse("site_applications:call_create"), {
        "municipality": sites.call.municipality_id, "title": "Опорные школы", "kinds": ["support"],
        "opens_on": "2026-02-01", "deadline": "2026-01-01T10:00", "criteria": "Актуальность; 10"})
    assert "не может быть раньше начала приёма" in response.content.decode()
    response = client.post(reverse("site_applications:call_create"), {
        "municipality": sites.call.municipality_id, "title": "Опорные школы", "kinds": ["support"],
        "opens_on": "2026-02-01", "deadline": "2026-02-28T18:00", "criteria": "Актуальность; 10\nНовизна; 5"})
    assert response.status_code == 302
    client.force_login(sites.director)
    page = client.get(reverse("site_applications:calls")).content.decode()
    assert page.index(sites.call.title) < page.index("Опорные школы")
    call = sites.call.municipality.site_calls.get(title="Опорные школы")
    assert "Новизна (0–5)" in client.get(call.get_absolute_url()).content.decode()
    client.force_login(sites.school.auditor)
    assert client.get(reverse("site_applications:call_create")).status_code == 403


def test_the_applicant_never_sees_an_experts_name_on_the_page(client, sites):
    application = at_protocol(sites)
    client.force_login(sites.director)
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Эксперт 1" in page and 'data-testid="history"' in page
    for expert in sites.experts[:2]:
        assert expert.get_full_name() not in page and expert.username not in page
