import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from viewflow.workflow.status import PROCESS

from accounts.models import Role
from accounts.permissions import may
from materials import services
from materials.models import Material
from scoring.models import ExpertAssignment, ExpertiseRules
from tests.expertise import in_expertise, pdf, published, review, submitted

pytestmark = pytest.mark.django_db
Status = Material.Status


def test_the_full_path_with_two_experts_ends_in_publication(expertise):
    material = in_expertise(expertise)
    assert material.status == Status.EXPERTISE

    review(material, expertise.experts[0], 8)
    review(material, expertise.experts[1], 9)
    material.refresh_from_db()
    assert material.status == Status.DECISION

    services.final_decision(material, expertise.methodist, "approve")
    material.refresh_from_db()
    assert material.status == Status.PUBLISHED and material.published_at is not None
    assert material.process.status == PROCESS.DONE
    assert material.number.startswith("МАТ-")


def test_an_expert_declines_and_the_methodist_assigns_another(expertise):
    material = in_expertise(expertise)

    services.decline(material, expertise.experts[0], "Не мой профиль")
    services.replace_expert(material, expertise.methodist, expertise.experts[2])
    review(material, expertise.experts[2], 8)
    review(material, expertise.experts[1], 8)

    material.refresh_from_db()
    assert material.status == Status.DECISION
    statuses = dict(material.assignments.values_list("expert__username", "status"))
    assert statuses == {"expert.0": "declined", "expert.1": "reviewed", "expert.2": "reviewed"}


def test_a_wide_score_gap_brings_in_a_further_expert(expertise):
    ExpertiseRules.objects.create(municipality=expertise.organisation.municipality, experts=2, score_gap=10)
    material = in_expertise(expertise)

    review(material, expertise.experts[0], 2)   # total 10
    review(material, expertise.experts[1], 9)   # total 45

    material.refresh_from_db()
    assert material.status == Status.EXPERTISE
    third = material.assignments.get(status=ExpertAssignment.Status.ASSIGNED)
    assert third.expert in expertise.experts[2:]
    review(material, third.expert, 6)
    material.refresh_from_db()
    assert material.status == Status.DECISION  # one further expert per round


def test_a_returned_material_goes_back_to_the_same_experts_who_see_the_previous_round(expertise):
    material = in_expertise(expertise)
    review(material, expertise.experts[0], 7, "revise")
    review(material, expertise.experts[1], 8)
    services.final_decision(material, expertise.methodist, "return", "Учтите замечания экспертов")

    material = services.revise(material, expertise.author, [pdf("разработка-2.pdf")])

    assert material.status == Status.EXPERTISE and material.version == 2 and material.expertise_round == 2
    assert set(material.assignments.filter(round=2).values_list("expert", flat=True)) == {
        expertise.experts[0].pk, expertise.experts[1].pk}
    seen = services.visible_reviews(material, expertise.experts[0])
    assert {(entry["round"], entry["expert"]) for entry in seen} == {
        (1, str(expertise.experts[0])), (1, str(expertise.experts[1]))}
    assert list(material.files.values_list("version", flat=True)) == [1, 2]  # every version is kept


def test_the_methodist_may_reject_at_the_completeness_check(expertise):
    material = submitted(expertise)

    services.check(material, expertise.methodist, "reject", "Материал не соответствует требованиям")

    material.refresh_from_db()
    assert material.status == Status.REJECTED


def test_a_conflict_of_interest_is_refused_with_a_clear_message(expertise):
    material = submitted(expertise)
    services.check(material, expertise.methodist, "approve")

    with pytest.raises(ValidationError, match="Конфликт интересов"):
        services.assign_experts(material, expertise.methodist, [expertise.colleague_expert, expertise.experts[0]])
    assert expertise.colleague_expert not in services.propose_experts(material, 10)
    assert not material.assignments.exists()


def test_experts_are_blind_to_each_other_until_all_reviews_are_in(expertise):
    material = in_expertise(expertise)
    review(material, expertise.experts[0], 8)

    first_sees = services.visible_reviews(material, expertise.experts[0])
    second_sees = services.visible_reviews(material, expertise.experts[1])
    assert [entry["expert"] for entry in first_sees] == [str(expertise.experts[0])]
    assert second_sees == []

    review(material, expertise.experts[1], 9)
    material.refresh_from_db()
    assert len(services.visible_reviews(material, expertise.experts[1])) == 2


def test_the_author_never_sees_the_experts_names(expertise):
    material = in_expertise(expertise)
    review(material, expertise.experts[0], 8)
    review(material, expertise.experts[1], 9)
    material.refresh_from_db()

    seen = services.visible_reviews(material, expertise.author)

    assert [entry["expert"] for entry in seen] == ["Эксперт 1", "Эксперт 2"]
    names = {str(expert) for expert in expertise.experts} | {expert.username for expert in expertise.experts}
    assert not names & {value for entry in seen for value in map(str, entry.values())}


def test_only_assigned_experts_see_the_material(expertise):
    material = in_expertise(expertise)

    assert may(expertise.experts[0], "view", material)
    assert not may(expertise.experts[3], "view", material)


@pytest.mark.parametrize(("upload", "message"), [
    (SimpleUploadedFile("script.exe", b"MZ"), "не принимаются"),
    (SimpleUploadedFile("big.pdf", b"0" * 4096), "слишком велик"),
])
def test_a_wrong_file_is_refused_and_nothing_is_saved(expertise, settings, upload, message):
    settings.MAX_UPLOAD_SIZE = 1024
    material = Material(title="Материал", kind="didactic", subject="физика", level="basic", annotation="А")

    with pytest.raises(ValidationError, match=message):
        services.save_material(material, expertise.author, [upload])
    assert not Material.objects.exists()


def test_a_score_above_the_maximum_and_a_review_without_text_are_refused(expertise):
    material = in_expertise(expertise)
    criterion = services.criteria(material.municipality)[0]
    scores = {c.pk: 5 for c in services.criteria(material.municipality)}

    with pytest.raises(ValidationError, match="от 0 до 10"):
        services.submit_review(material, expertise.experts[0], {**scores, criterion.pk: 11}, "Текст", "publish")
    with pytest.raises(ValidationError, match="Напишите рецензию"):
        services.submit_review(material, expertise.experts[0], scores, "  ", "publish")
    assert not material.assignments.filter(status="reviewed").exists()


def test_an_expert_without_an_assignment_cannot_review(expertise):
    material = in_expertise(expertise)

    with pytest.raises(PermissionDenied):
        review(material, expertise.experts[3], 5)


def test_the_bank_is_public_and_finds_a_practice_by_a_russian_word_form(client, expertise):
    published(expertise, "Проектная деятельность на уроках математики", "Опыт организации проектов в 7 классе")
    published(expertise, "Игровые технологии", "Дидактические игры на уроках")
    submitted(expertise)  # not published: never in the bank

    page = client.get("/bank/", {"q": "проектной"}).content.decode()
    everything = client.get("/bank/").content.decode()

    assert "Проектная деятельность на уроках математики" in page
    assert "Игровые технологии" not in page
    assert everything.count('data-testid="practice"') == 2
    practice = Material.objects.get(title__startswith="Проектная", status=Status.PUBLISHED)
    detail = client.get(f"/bank/{practice.pk}/").content.decode()
    assert practice.author.get_full_name() in detail and "expert." not in detail


def test_a_municipality_may_add_the_schools_endorsement_before_the_check(school, expertise):
    from workflows.chains import chain_for
    from workflows.models import ChainStep, ReviewerScope
    from materials.types import MATERIAL

    chain = chain_for(school.organisation.municipality, MATERIAL.key)
    ChainStep.objects.create(chain=chain, order=0, code="school_endorsement", title="Одобрение школой",
                             role=Role.LEAD, reviewer_scope=ReviewerScope.ORGANISATION, deadline_days=3)
    material = submitted(expertise)

    with pytest.raises(PermissionDenied):
        services.check(material, expertise.methodist, "approve")
    services.check(material, school.lead, "approve")
    services.check(material, expertise.methodist, "approve")

    material.refresh_from_db()
    assert material.status == Status.EXPERT_ASSIGNMENT
