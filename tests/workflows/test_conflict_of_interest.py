"""Nobody reviews or decides on their own case: the author, a co-author of a material and a participant of
a group route never take a review or decision step of it; the step passes to another holder of the
role in scope, or to the escalation role, and the timeline says so."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Role
from routes import services as routes
from routes.models import IndividualRoute
from tests.api import route_body, token_client
from tests.expertise import pdf, review
from tests.factories import RoleAssignmentFactory
from tests.school import person
from tests.api.problems import errors_of
from materials import services as materials
from workflows.chains import chain_for
from workflows.models import CaseEvent, ChainStep, ReviewerScope
from materials.types import MATERIAL
from materials.models import Material
from workflows.services import can_act_on, claim, open_tasks
from workflows.tasks import task_list

pytestmark = pytest.mark.django_db


def also(user, role: Role, **scope) -> None:
    """`user` holds `role` too, in their school unless a scope is given."""
    RoleAssignmentFactory(user=user, role=role, **(scope or {"organisation": user.organisation}))


def open_task(case, name: str):
    return next(task for task in open_tasks(case) if task.flow_task.name == name)


def passed_on(case) -> list[str]:
    """The comments of the timeline's «passed on: conflict of interest» events."""
    return list(CaseEvent.objects.filter(process_id=case.process_id, kind=CaseEvent.Kind.CONFLICT_OF_INTEREST)
                .values_list("comment", flat=True))


def refused_everywhere(task, user) -> None:
    """`user` can neither take nor decide the task, in the services or through the API."""
    with pytest.raises(PermissionDenied):
        claim(task, user)
    api = token_client(user)
    assert api.post(f"/api/tasks/{task.pk}/claim/").status_code == 403
    # The task is someone else's now: the API may say so (409) before it says why (403).
    assert api.post(f"/api/tasks/{task.pk}/complete/", {"decision": "approve"},
                    format="json").status_code in (403, 404, 409)
    task.refresh_from_db()
    assert task.status == "ASSIGNED" and task.owner != user


# The route: mentor, lead, director, evaluation, amendment agreement


def test_a_lead_who_wrote_the_route_never_agrees_it_the_other_lead_of_the_school_does(school, make_route):
    also(school.teacher, Role.LEAD)
    route = routes.submit(make_route(school.teacher), school.teacher)

    task = open_task(route, "agreement")
    assert task.owner == school.lead
    assert passed_on(route) == [f"Этап передан: {school.lead} — согласующий в этой области является автором или "
                                "участником дела."]
    with pytest.raises(PermissionDenied):
        routes.review(route, school.teacher, "approve")
    refused_everywhere(task, school.teacher)
    routes.review(route, school.lead, "approve")
    assert open_task(route, "agreement").data["step"] == "director_approval"


def test_a_step_passed_on_is_in_the_new_reviewers_inbox_and_in_nobodys_queue(school, make_route):
    also(school.teacher, Role.LEAD)
    route = routes.submit(make_route(school.teacher), school.teacher)
    task = open_task(route, "agreement")

    assert task_list(school.lead, "mine").filter(pk=task.pk).exists()
    assert not task_list(school.teacher, "queue").filter(pk=task.pk).exists()
    assert not task_list(school.lead, "queue").filter(pk=task.pk).exists()


def test_the_only_lead_of_the_school_passes_agreement_of_their_own_route_to_the_director(school, make_route):
    also(school.other_lead, Role.TEACHER)
    route = routes.submit(make_route(school.other_lead), school.other_lead)

    task = open_task(route, "agreement")
    assert task.owner == school.other_director
    assert route.assignee == school.other_director
    [comment] = passed_on(route)
    assert str(school.other_director) in comment and "руководитель образовательной организации" in comment.lower()
    with pytest.raises(PermissionDenied):
        routes.review(route, school.other_lead, "approve")


def test_a_director_who_wrote_the_route_passes_its_approval_to_the_municipal_methodist(school, make_route):
    also(school.director, Role.TEACHER)
    route = routes.submit(make_route(school.director), school.director)
    routes.review(route, school.lead, "approve")

    task = open_task(route, "agreement")
    assert task.data["step"] == "director_approval" and task.owner == school.methodist
    with pytest.raises(PermissionDenied):
        routes.review(route, school.director, "approve")
    refused_everywhere(task, school.director)


def test_a_mentor_named_on_their_own_route_never_agrees_it(school, make_route):
    also(school.mentor, Role.TEACHER)
    route = make_route(school.mentor)
    IndividualRoute.objects.filter(pk=route.pk).update(mentor=school.mentor)  # as written before the rule
    route = routes.submit(route, school.mentor)

    task = open_task(route, "agreement")
    assert task.data["step"] == "mentor_agreement" and task.owner == school.lead  # the mentor step's escalation
    assert len(passed_on(route)) == 1
    with pytest.raises(PermissionDenied):
        routes.review(route, school.mentor, "approve")


def test_an_author_left_holding_their_own_step_cannot_act_on_it(school, make_route):
    also(school.other_lead, Role.TEACHER)
    also(school.other_lead, Role.MENTOR)  # the school's only mentor and only lead, the mentor step's escalation
    route = make_route(school.other_lead)
    IndividualRoute.objects.filter(pk=route.pk).update(mentor=school.other_lead)
    route = routes.submit(route, school.other_lead)

    task = open_task(route, "agreement")
    assert task.owner == school.other_lead
    assert passed_on(route) == ["Все, кто исполняет роль этого этапа, — авторы или участники дела: этап должен "
                                "назначить администратор."]
    assert not can_act_on(task, school.other_lead)
    with pytest.raises(PermissionDenied):
        routes.review(route, school.other_lead, "approve")


def test_a_participant_of_a_group_route_never_agrees_it(school, make_route):
    also(school.lead, Role.TEACHER)
    route = make_route(school.teacher)
    routes.save_draft(route, school.teacher, participants=[school.lead])
    IndividualRoute.objects.filter(pk=route.pk).update(kind=IndividualRoute.Kind.GROUP)
    route = routes.submit(route, school.teacher)

    task = open_task(route, "agreement")
    assert task.owner == school.director
    with pytest.raises(PermissionDenied):
        routes.review(route, school.lead, "approve")


def implementing(school, make_route) -> IndividualRoute:
    """A route of a teacher who is also a lead of the school, agreed and under way."""
    also(school.teacher, Role.LEAD)
    route = routes.submit(make_route(school.teacher), school.teacher)
    routes.review(route, school.lead, "approve")
    routes.review(route, school.director, "approve")
    route.refresh_from_db()
    assert route.status == IndividualRoute.Status.IMPLEMENTATION
    return route


def test_the_author_never_evaluates_the_results_of_their_own_route(school, make_route):
    route = implementing(school, make_route)
    routes.submit_report(route, school.teacher, "Самоанализ", "Серия уроков", "Семинар ММО")

    task = open_task(route, "evaluation")
    assert task.owner == school.lead
    with pytest.raises(PermissionDenied):
        routes.evaluate(route, school.teacher, "completed")
    refused_everywhere(task, school.teacher)


def test_the_author_never_agrees_an_amendment_of_their_own_route(school, make_route):
    route = implementing(school, make_route)
    plan = [*route.activities.all()][0]
    plan.pk, plan.title = None, "Стажировка в школе-лидере"
    routes.propose_amendment(route, school.teacher, "Добавляю стажировку", [plan])

    task = open_task(route, "agreement")
    assert task.owner == school.lead
    with pytest.raises(PermissionDenied):
        routes.review(route, school.teacher, "approve")


def test_the_case_page_refuses_a_decision_of_the_author(client, school, make_route):
    also(school.teacher, Role.LEAD)
    route = routes.submit(make_route(school.teacher), school.teacher)
    client.force_login(school.teacher)

    page = client.get(route.get_absolute_url()).content.decode()
    response = client.post(reverse("routes:route_action", args=[route.pk, "decide"]), {"decision": "approve"})

    assert 'name="decision"' not in page
    assert response.status_code == 403
    assert not CaseEvent.objects.filter(process_id=route.process_id, kind=CaseEvent.Kind.APPROVED).exists()


# Nobody is their own mentor


def test_the_author_cannot_name_themself_as_the_mentor(school, make_route):
    also(school.mentor, Role.TEACHER)
    route = make_route(school.mentor)
    route.mentor = school.mentor

    with pytest.raises(ValidationError) as refused:
        routes.save_draft(route, school.mentor)

    assert refused.value.message_dict["mentor"] == ["Нельзя быть наставником собственного маршрута: выберите "
                                                    "другого наставника или оставьте поле пустым."]


def test_a_participant_of_the_group_route_cannot_be_its_mentor(school, make_route):
    also(school.mentor, Role.TEACHER)
    route = make_route(school.teacher)
    route.kind, route.mentor = IndividualRoute.Kind.GROUP, school.mentor

    with pytest.raises(ValidationError) as refused:
        routes.save_draft(route, school.teacher, participants=[school.mentor])

    assert refused.value.message_dict["mentor"] == ["Участник группового маршрута не может быть его наставником."]


def test_the_api_refuses_the_author_as_their_own_mentor_on_the_mentor_field(school):
    also(school.mentor, Role.TEACHER)

    response = token_client(school.mentor).post("/api/routes/", route_body(mentor=school.mentor.pk), format="json")

    assert response.status_code == 400
    assert "наставником собственного маршрута" in str(errors_of(response)["mentor"])
    assert not IndividualRoute.objects.exists()


def test_the_route_form_refuses_the_author_as_their_own_mentor(client, school):
    also(school.mentor, Role.TEACHER)
    client.force_login(school.mentor)
    data = {
        "kind": "individual", "mentor": school.mentor.pk, "period_start": "2026-09-01", "period_end": "2027-05-31",
        "topic": "Проектная деятельность", "goals": "Цели", "expected_product": "Продукт",
        "presentation_level": "school",
        "activities-TOTAL_FORMS": "1", "activities-INITIAL_FORMS": "0",
        "activities-MIN_NUM_FORMS": "0", "activities-MAX_NUM_FORMS": "1000",
        "activities-0-form": "seminar", "activities-0-title": "Семинар",
        "activities-0-starts_on": "2026-10-10", "activities-0-ends_on": "2026-10-10",
    }

    response = client.post(reverse("routes:route_create"), data)

    assert response.status_code == 200
    assert "Нельзя быть наставником собственного маршрута" in response.content.decode()
    assert not IndividualRoute.objects.exists()


# The material: school endorsement, completeness check, assignment of experts, decision


def material_by(author, co_authors=()) -> Material:
    material = Material(title="Проектная деятельность на уроках математики", kind="development",
                        subject="математика", level="basic", annotation="Серия уроков", keywords="проект")
    materials.save_material(material, author, [pdf()], co_authors=list(co_authors))
    return materials.submit(material, author)


def test_a_methodist_who_wrote_the_material_never_checks_it_another_methodist_does(school, expertise):
    author = person("methodist.author", Role.METHODIST, school.organisation,
                    municipality=school.organisation.municipality)
    also(author, Role.TEACHER)
    material = material_by(author)

    task = open_task(material, "check")
    assert task.owner == school.methodist
    assert str(school.methodist) in passed_on(material)[0]
    with pytest.raises(PermissionDenied):
        materials.check(material, author, "approve")
    refused_everywhere(task, author)


def at_step(expertise, school, step: str) -> Material:
    """A material co-written by the municipality's only methodist, brought to `step` by the officer."""
    material = material_by(expertise.author, [school.methodist])
    if step in ("assign_experts", "decision"):
        materials.check(material, school.officer, "approve")
    if step == "decision":
        materials.assign_experts(material, school.officer, expertise.experts[:2])
        for expert in expertise.experts[:2]:
            review(material, expert, 8)
    material.refresh_from_db()
    return material


@pytest.mark.parametrize("step", ["check", "assign_experts", "decision"])
def test_a_co_author_who_is_the_only_methodist_passes_each_step_to_the_officer(school, expertise, step):
    material = at_step(expertise, school, step)

    task = open_task(material, step)
    assert task.owner == school.officer
    assert any(str(school.officer) in comment for comment in passed_on(material))
    act = {"check": lambda: materials.check(material, school.methodist, "approve"),
           "assign_experts": lambda: materials.assign_experts(material, school.methodist, expertise.experts[2:4]),
           "decision": lambda: materials.final_decision(material, school.methodist, "approve")}[step]
    with pytest.raises(PermissionDenied):
        act()
    with pytest.raises(PermissionDenied):
        claim(task, school.methodist)


def test_the_material_page_refuses_the_check_of_a_co_author(client, school, expertise):
    material = material_by(expertise.author, [school.methodist])
    client.force_login(school.methodist)

    response = client.post(reverse("materials:action", args=[material.pk, "check"]), {"decision": "approve"})

    assert response.status_code == 403
    assert open_task(material, "check").status == "ASSIGNED"


def test_a_director_who_wrote_the_material_never_endorses_it_for_the_school(school, expertise):
    chain = chain_for(school.organisation.municipality, MATERIAL.key)
    ChainStep.objects.create(chain=chain, order=0, code="school_endorsement", title="Представление школы",
                             role=Role.DIRECTOR, reviewer_scope=ReviewerScope.ORGANISATION,
                             escalation_role=Role.METHODIST)
    also(school.director, Role.TEACHER)
    material = material_by(school.director)

    task = open_task(material, "check")
    assert task.data["step"] == "school_endorsement" and task.owner == school.methodist
    with pytest.raises(PermissionDenied):
        materials.check(material, school.director, "approve")


def test_experts_in_conflict_are_still_refused_when_assigned(school, expertise):
    material = material_by(expertise.author, [expertise.co_author])
    materials.check(material, school.methodist, "approve")

    with pytest.raises(ValidationError) as refused:
        materials.assign_experts(material, school.methodist, [expertise.colleague_expert, expertise.experts[0]])

    assert "Конфликт интересов" in str(refused.value)
