"""Simultaneous actions on one material, on real database connections: twenty clicks on «submit», on
«send the revision», an expert's twenty clicks on «submit the review», two methodists assigning experts."""
import pytest
from rest_framework.test import APIClient
from viewflow.workflow.models import Process

from accounts.models import User
from tests.expertise import in_expertise, pdf, review, submitted
from tests.races import at_once
from materials import services
from workflows.models import CaseEvent
from materials.models import Material
from scoring.models import ExpertAssignment, Review
from workflows.services import CaseConflict, open_tasks
from workflows.tasks import task_list

pytestmark = pytest.mark.django_db(transaction=True)
CLICKS = 20


def draft(expertise) -> Material:
    material = Material(title="Проектная деятельность на уроках математики", kind="development",
                        subject="математика", level="basic", annotation="Серия уроков", keywords="проект")
    return services.save_material(material, expertise.author, [pdf()])


def processes_of(material: Material) -> int:
    return Process.objects.filter(artifact_object_id=material.pk, artifact_content_type__model="material").count()


def conflicts(outcomes: list) -> list[CaseConflict]:
    return [outcome for outcome in outcomes if isinstance(outcome, CaseConflict)]


def test_twenty_simultaneous_submits_of_a_material_start_one_process(expertise):
    material = draft(expertise)

    def submit(_n):
        services.submit(Material.objects.get(pk=material.pk), User.objects.get(pk=expertise.author.pk))
        return "submitted"

    outcomes = at_once(CLICKS, submit)

    assert outcomes.count("submitted") == 1 and len(conflicts(outcomes)) == CLICKS - 1, outcomes
    assert conflicts(outcomes)[0].messages == ["Материал уже подан."]
    assert processes_of(material) == 1
    assert open_tasks(Material.objects.get(pk=material.pk)).count() == 1
    assert task_list(expertise.methodist, "queue").count() == 1


def test_twenty_simultaneous_submits_through_the_api_answer_one_200_and_nineteen_409(expertise):
    material = draft(expertise)

    def submit(_n):
        client = APIClient()
        client.force_authenticate(User.objects.get(pk=expertise.author.pk))
        response = client.post(f"/api/materials/{material.pk}/submit/")
        return response.status_code, response.json()

    outcomes = at_once(CLICKS, submit)

    codes = sorted(outcome[0] if isinstance(outcome, tuple) else outcome for outcome in outcomes)
    assert codes == [200] + [409] * (CLICKS - 1), outcomes
    assert {body["detail"] for code, body in outcomes if code == 409} == {"Материал уже подан."}
    assert processes_of(material) == 1


def test_twenty_simultaneous_reviews_by_one_expert_record_one_review(expertise):
    material = in_expertise(expertise)
    expert = expertise.experts[0]
    scores = {criterion.pk: 8 for criterion in services.criteria(material.municipality)}

    def submit_review(n):
        services.submit_review(Material.objects.get(pk=material.pk), User.objects.get(pk=expert.pk), scores,
                               f"Рецензия {n}", "publish")
        return "reviewed"

    outcomes = at_once(CLICKS, submit_review)

    assert outcomes.count("reviewed") == 1 and len(conflicts(outcomes)) == CLICKS - 1, outcomes
    assert conflicts(outcomes)[0].messages == ["Вы уже подали рецензию на этот материал или отказались от неё."]
    assert Review.objects.filter(assignment__material=material, assignment__expert=expert).count() == 1
    assert material.assignments.get(expert=expert).status == ExpertAssignment.Status.REVIEWED
    assert [task.owner for task in open_tasks(material)] == [expertise.experts[1]]


def test_a_review_and_a_decline_by_one_expert_at_once_do_only_one(expertise):
    material = in_expertise(expertise)
    expert = expertise.experts[0]
    scores = {criterion.pk: 8 for criterion in services.criteria(material.municipality)}

    def act(n):
        fresh, person = Material.objects.get(pk=material.pk), User.objects.get(pk=expert.pk)
        if n == 0:
            services.submit_review(fresh, person, scores, "Рецензия", "publish")
        else:
            services.decline(fresh, person, "Занят")
        return "done"

    outcomes = at_once(2, act)

    assert outcomes.count("done") == 1 and len(conflicts(outcomes)) == 1, outcomes
    assert material.assignments.get(expert=expert).status != ExpertAssignment.Status.ASSIGNED


def test_two_methodists_assigning_experts_at_once_start_one_expertise(school, expertise):
    from tests.school import person
    from accounts.models import Role

    second = person("methodist.second", Role.METHODIST, school.organisation,
                    municipality=school.organisation.municipality)
    material = submitted(expertise)
    services.check(material, expertise.methodist, "approve")
    teams = {0: (expertise.methodist, expertise.experts[:2]), 1: (second, expertise.experts[2:4])}

    def assign(n):
        methodist, experts = teams[n]
        services.assign_experts(Material.objects.get(pk=material.pk), User.objects.get(pk=methodist.pk), experts)
        return "assigned"

    outcomes = at_once(2, assign)

    assert outcomes.count("assigned") == 1 and len(conflicts(outcomes)) == 1, outcomes
    assert material.assignments.count() == 2
    assert [task.flow_task.name for task in open_tasks(material)] == ["expert_review", "expert_review"]


def test_twenty_simultaneous_revisions_raise_the_version_once_and_go_back_once(expertise):
    material = in_expertise(expertise)
    for expert in expertise.experts[:2]:
        review(material, expert, 6, "revise")
    services.final_decision(material, expertise.methodist, "return", "Доработайте выводы")

    def revise(n):
        services.revise(Material.objects.get(pk=material.pk), User.objects.get(pk=expertise.author.pk),
                        [pdf(f"разработка-{n}.pdf")])
        return "revised"

    outcomes = at_once(CLICKS, revise)

    assert outcomes.count("revised") == 1 and len(conflicts(outcomes)) == CLICKS - 1, outcomes
    material.refresh_from_db()
    assert material.version == 2 and material.files.filter(version=2).count() == 1
    assert CaseEvent.objects.filter(process_id=material.process_id, kind=CaseEvent.Kind.RESUBMITTED).count() == 1


def test_twenty_simultaneous_reviews_through_the_api_answer_one_200_and_nineteen_409(expertise):
    material = in_expertise(expertise)
    expert = expertise.experts[0]
    scores = {str(criterion.pk): 8 for criterion in services.criteria(material.municipality)}

    def submit_review(n):
        client = APIClient()
        client.force_authenticate(User.objects.get(pk=expert.pk))
        response = client.post(f"/api/materials/{material.pk}/review/",
                               {"scores": scores, "text": f"Рецензия {n}", "recommendation": "publish"}, format="json")
        return response.status_code, response.json()

    outcomes = at_once(CLICKS, submit_review)

    codes = sorted(outcome[0] if isinstance(outcome, tuple) else outcome for outcome in outcomes)
    assert codes == [200] + [409] * (CLICKS - 1), outcomes
    assert Review.objects.filter(assignment__material=material, assignment__expert=expert).count() == 1
