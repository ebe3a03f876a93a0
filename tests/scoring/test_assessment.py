"""The shared parallel assessment (`scoring.services`), driven through a material: the one case type
that uses it today."""
import pytest
from django.core.exceptions import ValidationError
from guardian.shortcuts import get_perms

from materials import services as materials
from scoring import services
from scoring.models import Criterion, ExpertAssignment, ExpertiseRules
from tests.expertise import in_expertise, review

pytestmark = pytest.mark.django_db
Status = ExpertAssignment.Status


def test_an_assignment_names_its_case_and_grants_the_expert_the_case(expertise):
    material = in_expertise(expertise)

    assignments = services.assignments_of(material)
    assert {assignment.case for assignment in assignments} == {material}
    assert set(assignments) == set(material.assignments.all())
    assert "view_material" in get_perms(expertise.experts[0], material)
    assert set(ExpertAssignment.objects.filter(material=material)) == set(assignments)


def test_reviews_stay_blind_until_the_round_is_complete(expertise):
    material = in_expertise(expertise)
    first, second = expertise.experts[:2]
    review(material, first, 7)
    material.refresh_from_db()

    def seen(user):
        return services.visible_reviews(material, user, round_open=True, authors_wait=True)

    assert [entry["expert"] for entry in seen(first)] == [str(first)]
    assert seen(second) == []
    assert seen(expertise.author) == []
    assert len(seen(expertise.methodist)) == 1
    closed = services.visible_reviews(material, second, round_open=False, authors_wait=False)
    assert [entry["expert"] for entry in closed] == [str(first)]
    anonymous = services.visible_reviews(material, expertise.author, round_open=False, authors_wait=False)
    assert [entry["expert"] for entry in anonymous] == ["Эксперт 1"]


def test_a_conflict_of_interest_is_refused_for_an_author_and_a_colleague(expertise):
    material = in_expertise(expertise)

    assert "автор материала" in services.conflict_of_interest(material, expertise.co_author)
    assert "в одной организации" in services.conflict_of_interest(material, expertise.colleague_expert)
    assert services.conflict_of_interest(material, expertise.experts[3]) is None
    with pytest.raises(ValidationError, match="Конфликт интересов"):
        services.validate_experts(material, [expertise.colleague_expert])
    assert expertise.colleague_expert not in services.propose_experts(material, 10)


def test_experts_are_proposed_by_subject_then_by_load(expertise):
    material = in_expertise(expertise)
    expertise.experts[3].subject = "физика"
    expertise.experts[3].save()

    assert services.propose_experts(material, 2) == [expertise.experts[2], expertise.experts[3]]


def test_the_score_gap_adds_one_further_expert_once_a_round(expertise):
    ExpertiseRules.objects.create(municipality=expertise.organisation.municipality, experts=2, score_gap=10)
    material = in_expertise(expertise)
    review(material, expertise.experts[0], 2)  # total 10
    review(material, expertise.experts[1], 9)  # total 45
    material.refresh_from_db()

    further = services.current_round(material).get(further=True)
    assert further.status == Status.ASSIGNED and further.expert in expertise.experts[2:]
    assert sorted(services.round_totals(material)) == [10, 45]
    assert services.needs_further_expert(material) is False  # once a round, however wide the gap


def test_an_expert_declines_and_another_takes_the_place(expertise):
    material = in_expertise(expertise)

    with pytest.raises(ValidationError):
        materials.decline(material, expertise.experts[0], "  ")
    materials.decline(material, expertise.experts[0], "Не мой профиль")
    with pytest.raises(ValidationError):
        materials.replace_expert(material, expertise.methodist, expertise.experts[1])  # already on the round
    replacement = materials.replace_expert(material, expertise.methodist, expertise.experts[2])

    declined = services.current_round(material).get(expert=expertise.experts[0])
    assert declined.status == Status.DECLINED and declined.decline_reason == "Не мой профиль"
    assert declined.replacement == replacement
    assert {assignment.expert for assignment in services.pending(material)} == set(expertise.experts[1:3])


def test_criteria_are_kept_per_process(expertise):
    municipality = expertise.organisation.municipality

    materials_set = services.criteria(municipality)
    competition_set = services.criteria(municipality, purpose="competition")

    assert len(materials_set) == len(competition_set) == 5
    assert not set(materials_set) & set(competition_set)
    assert Criterion.objects.filter(municipality=municipality).count() == 10
