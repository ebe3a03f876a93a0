"""The material's pages: a wrong file type at «Файлы», co-authors picked within the municipality, the
subject from a list, the review judged in one pass, decisions in their words, and the methodist's page
during expertise: the step, the experts and how far each got, the reviews on their scale."""
import pytest
from django.urls import reverse

from accounts.models import Role
from materials.models import Material
from scoring.services import criteria
from tests.expertise import in_expertise, review, submitted
from tests.factories import MunicipalityFactory, OrganisationFactory
from tests.files import pdf
from tests.school import person
from workflows.models import Notification

pytestmark = pytest.mark.django_db


def material_data(**fields) -> dict:
    return {"title": "Проектная деятельность", "kind": "development", "subject": "математика", "level": "basic",
            "annotation": "Серия уроков", **fields}


def test_a_wrong_file_type_is_reported_at_the_files_field(client, expertise):
    client.force_login(expertise.author)
    upload = pdf()
    upload.name = "notes.exe"

    page = client.post(reverse("materials:create"), material_data(files=[upload])).content.decode()

    assert "не принимаются" in page.split('data-testid="error-files"')[1].split("</div>")[0]
    assert 'data-testid="form-errors"' not in page
    assert not Material.objects.exists()


def test_the_subject_is_chosen_from_a_list(client, expertise):
    client.force_login(expertise.author)

    page = client.get(reverse("materials:create")).content.decode()
    refused = client.post(reverse("materials:create"), material_data(subject="что-то своё")).content.decode()

    assert '<select name="subject"' in page and '<option value="математика">' in page
    assert 'data-testid="error-subject"' in refused


def test_co_authors_are_picked_within_the_municipality(client, expertise):
    stranger = person("teacher.far", Role.TEACHER, OrganisationFactory(municipality=MunicipalityFactory()))
    client.force_login(expertise.author)

    page = client.get(reverse("materials:create")).content.decode()

    picker = page.split('data-testid="picker-co_authors"')[1].split("</datalist>")[0]
    assert f'data-id="{expertise.co_author.pk}"' in picker and f'data-id="{stranger.pk}"' not in picker
    assert 'type="search"' in picker


def reviewed(expertise, score: int):
    """A material both experts have reviewed, each giving `score` for every criterion, open to the methodist."""
    material = in_expertise(expertise)
    for expert in expertise.experts[:2]:
        review(material, expert, score)
    return material


def test_publishing_is_offered_and_told_as_publishing(client, expertise):
    material = reviewed(expertise, 8)
    client.force_login(expertise.methodist)

    page = client.get(material.get_absolute_url()).content.decode()
    assert 'value="approve"' in page.split('data-testid="decision"')[1]
    assert "опубликовать" in page.split('data-testid="decision"')[1]
    assert "согласовать" not in page.split('data-testid="decision"')[1]

    client.post(reverse("materials:action", args=[material.pk, "decide"]), {"decision": "approve"})

    notice = Notification.objects.filter(recipient=expertise.author).latest("pk").message
    assert "опубликовано" in notice and "согласовано" not in notice
    client.force_login(expertise.author)
    timeline = client.get(material.get_absolute_url()).content.decode().split('data-testid="timeline"')[1]
    assert "<strong>опубликовано</strong>" in timeline


def test_the_review_form_reports_every_error_in_one_pass(client, expertise):
    material = in_expertise(expertise)
    first, second, *_ = criteria(material.municipality)
    client.force_login(expertise.experts[0])

    response = client.post(reverse("materials:action", args=[material.pk, "review"]), {
        f"score_{first.pk}": str(first.max_score + 5), f"score_{second.pk}": "", "text": ""})

    page = response.content.decode()
    for field in (f"score_{first.pk}", f"score_{second.pk}", "text", "recommendation"):
        assert f'data-testid="error-{field}"' in page, field


def test_the_methodists_page_shows_the_expertise_and_how_far_each_expert_got(client, expertise):
    material = in_expertise(expertise)
    review(material, expertise.experts[0], 7)
    client.force_login(expertise.methodist)

    page = client.get(material.get_absolute_url()).content.decode()

    status = page.split('class="vf-card__breadcrumbs"')[1].split("</h2>")[0]
    assert "Назначение экспертов" not in status and "экспертиза" in status.lower()
    rows = page.split('data-testid="experts"')[1].split('data-testid="expert-row"')[1:]
    assert len(rows) == 2
    assert str(expertise.experts[0]) in rows[0] and "рецензия представлена" in rows[0].lower()
    assert str(expertise.experts[1]) in rows[1] and "назначен" in rows[1].lower()


def test_reviews_show_each_score_out_of_its_maximum_and_the_total_out_of_the_maximum(client, expertise):
    material = reviewed(expertise, 3)
    scale = criteria(material.municipality)
    client.force_login(expertise.methodist)

    card = client.get(material.get_absolute_url()).content.decode().split('data-testid="reviews"')[1]

    maximum = sum(criterion.max_score for criterion in scale)
    assert f"{3 * len(scale)} из {maximum}" in card
    assert f"3 из {scale[0].max_score}" in card and scale[0].name in card


def test_the_author_does_not_see_who_the_experts_are(client, expertise):
    material = in_expertise(expertise)
    client.force_login(expertise.author)

    page = client.get(material.get_absolute_url()).content.decode()

    assert 'data-testid="experts"' not in page
    assert str(expertise.experts[0]) not in page


def test_the_checks_approval_reads_as_acceptance_and_a_material_returned_shows_why(client, expertise):
    material = submitted(expertise)
    client.force_login(expertise.methodist)
    page = client.get(material.get_absolute_url()).content.decode()
    assert "принять к экспертизе" in page.split('data-testid="check"')[1]

    client.post(reverse("materials:action", args=[material.pk, "check"]),
                {"decision": "return", "comment": "Нет списка литературы"})
    client.force_login(expertise.author)

    form = client.get(reverse("materials:edit", args=[material.pk])).content.decode()
    assert "Нет списка литературы" in form.split('data-testid="return-comment"')[1]


def test_the_material_page_shows_its_history_in_words_to_the_author_and_the_methodist_not_the_expert(
        client, expertise):
    material = in_expertise(expertise)
    pages = {}
    for who in (expertise.author, expertise.methodist, expertise.experts[0]):
        client.force_login(who)
        pages[who] = client.get(reverse("materials:detail", args=[material.pk])).content.decode()

    history = pages[expertise.methodist].split('data-testid="history"')[1]
    assert history.count('data-testid="history-row"') >= 3
    assert "на проверке комплектности" in history and "на экспертизе" in history  # labels, not codes
    assert "Файл материала" in history and "разработка.pdf" in history  # the material's files are part of it
    assert 'data-testid="history"' in pages[expertise.author]
    assert 'data-testid="history"' not in pages[expertise.experts[0]]


def test_the_author_reads_the_history_without_the_experts_names_on_the_page_and_over_the_api(client, expertise):
    material = in_expertise(expertise)
    for expert in expertise.experts[:2]:
        review(material, expert, 7)
    client.force_login(expertise.author)

    page = client.get(reverse("materials:detail", args=[material.pk])).content.decode()
    history = client.get(f"/api/materials/{material.pk}/history/").content.decode()
    events = client.get(f"/api/materials/{material.pk}/events/").content.decode()

    assert 'data-testid="history"' in page and '"changes"' in history
    for expert in expertise.experts[:2]:
        for text in (page, history, events):
            assert expert.get_full_name() not in text and expert.username not in text
