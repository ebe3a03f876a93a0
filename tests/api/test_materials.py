"""The expertise of methodical materials and the bank of practices through the API, with the rules of
the pages: who sees a material, experts anonymous to the authors and blind to each other, clear refusals."""
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import Role
from tests.api import token_client
from tests.factories import MunicipalityFactory, OrganisationFactory
from tests.school import person
from tests.expertise import in_expertise, pdf, published, review, submitted
from tests.api.problems import errors_of
from materials import services
from materials.models import Material
from scoring.models import Review

pytestmark = pytest.mark.django_db
Status = Material.Status
TITLE = "Проектная деятельность на уроках математики"


def material_body(**changes) -> dict:
    body = {"title": TITLE, "kind": "development", "subject": "математика", "level": "basic",
            "annotation": "Серия уроков с проектами", "keywords": "проект"}
    return {**body, **changes}


def task_row(client, material_id: int, node: str) -> dict:
    response = client.get("/api/tasks/")
    assert response.status_code == 200, response.data
    matching = [row for row in response.data["results"]
                if row["case"]["type"] == "material" and row["case"]["id"] == material_id and row["node"] == node]
    assert len(matching) == 1, response.data["results"]
    return matching[0]


def open_task(material: Material, node: str) -> Task:
    tasks = Task.objects.filter(process_id=material.process_id, status__in=(STATUS.NEW, STATUS.ASSIGNED))
    return next(task for task in tasks if task.flow_task.name == node)


def scores_for(client, score: int) -> dict:
    criteria = client.get("/api/materials/criteria/")
    assert criteria.status_code == 200 and criteria.data, criteria.data
    return {str(criterion["id"]): score for criterion in criteria.data}


def named_experts(expertise):
    """Every expert with a surname of their own, so their names can be looked for in a response."""
    for number, expert in enumerate([*expertise.experts, expertise.colleague_expert]):
        expert.last_name, expert.first_name, expert.patronymic = f"Рецензентов{number}", "Пётр", "Ильич"
        expert.save()


def expert_names(expertise) -> set[str]:
    experts = [*expertise.experts, expertise.colleague_expert]
    return {expert.username for expert in experts} | {expert.get_full_name() for expert in experts}


def test_a_material_goes_from_draft_to_the_bank_through_the_api(expertise):
    teacher, methodist = token_client(expertise.author), token_client(expertise.methodist)

    created = teacher.post("/api/materials/", {
        **material_body(title="Черновик"), "co_authors": [expertise.co_author.pk], "files": [pdf()]},
        format="multipart")
    assert created.status_code == 201, created.data
    material_id = created.data["id"]
    assert created.data["status"] == Status.DRAFT and [a["action"] for a in created.data["actions"]] == ["edit", "submit"]
    assert [file["name"] for file in created.data["files"]] == ["разработка.pdf"]
    assert [person["id"] for person in created.data["co_authors"]] == [expertise.co_author.pk]
    edited = teacher.patch(f"/api/materials/{material_id}/", {"title": TITLE}, format="json")
    assert edited.status_code == 200 and edited.data["title"] == TITLE
    assert [person["id"] for person in edited.data["co_authors"]] == [expertise.co_author.pk]
    submitted_ = teacher.post(f"/api/materials/{material_id}/submit/")
    assert submitted_.status_code == 200 and submitted_.data["status"] == Status.CHECK
    assert teacher.patch(f"/api/materials/{material_id}/", {"title": "Другое"}, format="json").status_code == 403

    check = task_row(methodist, material_id, "check")
    assert [a["action"] for a in check["actions"]] == ["claim", "check"]
    assert check["case"]["url"] == f"http://testserver/api/materials/{material_id}/"
    checked = methodist.post(f"/api/tasks/{check['id']}/complete/", {"decision": "approve"}, format="json")
    assert checked.status_code == 200, checked.data
    assert methodist.get(f"/api/materials/{material_id}/").data["status"] == Status.EXPERT_ASSIGNMENT

    proposed = methodist.get(f"/api/materials/{material_id}/proposed-experts/")
    assert proposed.status_code == 200 and len(proposed.data) == 2
    assert expertise.colleague_expert.pk not in {expert["id"] for expert in proposed.data}
    assigned = methodist.post(f"/api/materials/{material_id}/experts/",
                              {"experts": [expert["id"] for expert in proposed.data]}, format="json")
    assert assigned.status_code == 200, assigned.data
    assert assigned.data["status"] == Status.EXPERTISE and len(assigned.data["assignments"]) == 2

    for score, row in zip((8, 9), proposed.data):
        expert = token_client(next(e for e in expertise.experts if e.pk == row["id"]))
        assert expert.get(f"/api/materials/{material_id}/").data["actions"][0]["action"] == "review"
        reviewed = expert.post(f"/api/materials/{material_id}/review/", {
            "scores": scores_for(expert, score), "text": "Рецензия", "recommendation": "publish"}, format="json")
        assert reviewed.status_code == 200, reviewed.data
    assert methodist.get(f"/api/materials/{material_id}/").data["status"] == Status.DECISION

    decision = task_row(methodist, material_id, "decision")
    published = methodist.post(f"/api/tasks/{decision['id']}/complete/", {"decision": "approve"}, format="json")
    assert published.status_code == 200, published.data
    assert published.data["case"]["status"] == Status.PUBLISHED

    anonymous = APIClient()
    found = anonymous.get("/api/bank/", {"q": "Проектная", "kind": "development"})
    assert found.status_code == 200, found.data
    assert [practice["id"] for practice in found.data["results"]] == [material_id]
    assert anonymous.get("/api/bank/", {"q": "Игровые"}).data["results"] == []
    practice = anonymous.get(f"/api/bank/{material_id}/")
    assert practice.status_code == 200
    assert practice.data["authors"] == [str(expertise.author), str(expertise.co_author)]
    assert practice.data["organisation"]["id"] == expertise.organisation.pk
    assert practice.data["practice_stage"] == "identified" and practice.data["adopted_by"] == []
    assert [file["name"] for file in practice.data["files"]] == ["разработка.pdf"]
    public = json.dumps([found.data, practice.data], ensure_ascii=False)
    assert not any(name in public for name in expert_names(expertise))


def test_the_bank_shows_only_published_practices(expertise):
    draft = submitted(expertise)

    assert APIClient().get("/api/bank/").data["results"] == []
    assert APIClient().get(f"/api/bank/{draft.pk}/").status_code == 404
    assert APIClient().get("/api/bank/", {"year": 1990}).status_code == 400


def test_the_bank_finds_a_russian_word_form_on_postgresql(expertise):
    """Word forms are found by PostgreSQL's Russian full-text search; `make test` runs on PostgreSQL."""
    practice = published(expertise, TITLE, "Опыт организации проектов в 7 классе")
    published(expertise, "Игровые технологии", "Дидактические игры на уроках")

    found = APIClient().get("/api/bank/", {"q": "проектной"})

    assert [row["id"] for row in found.data["results"]] == [practice.pk]


def test_a_conflict_of_interest_is_refused_with_a_clear_message(expertise):
    material = submitted(expertise)
    services.check(material, expertise.methodist, "approve")

    response = token_client(expertise.methodist).post(f"/api/materials/{material.pk}/experts/", {
        "experts": [expertise.colleague_expert.pk, expertise.experts[0].pk]}, format="json")

    assert response.status_code == 400
    assert "Конфликт интересов" in errors_of(response)["experts"][0]
    assert not material.assignments.exists()


def test_the_author_never_learns_who_the_experts_are(expertise):
    named_experts(expertise)
    material = in_expertise(expertise)
    methodist, author = token_client(expertise.methodist), token_client(expertise.author)

    declined = token_client(expertise.experts[0]).post(f"/api/materials/{material.pk}/decline/",
                                                       {"reason": "Не мой профиль"}, format="json")
    assert declined.status_code == 200, declined.data
    replaced = methodist.post(f"/api/materials/{material.pk}/replace-expert/", {"expert": expertise.experts[2].pk},
                              format="json")
    assert replaced.status_code == 200, replaced.data
    for expert in expertise.experts[1:3]:
        client = token_client(expert)
        assert client.post(f"/api/materials/{material.pk}/review/", {
            "scores": scores_for(client, 7), "text": "Доработать выводы", "recommendation": "revise"},
            format="json").status_code == 200
    decision = open_task(material, "decision")
    assert methodist.post(f"/api/tasks/{decision.pk}/complete/", {"decision": "return", "comment": "Учтите замечания"},
                          format="json").status_code == 200

    detail = author.get(f"/api/materials/{material.pk}/")
    timeline = author.get(f"/api/materials/{material.pk}/timeline/")

    assert detail.status_code == 200 and timeline.status_code == 200
    assert detail.data["status"] == Status.REVISION and [a["action"] for a in detail.data["actions"]] == ["revise"]
    assert [entry["expert"] for entry in detail.data["reviews"]] == ["Эксперт 1", "Эксперт 2"]
    assert detail.data["assignments"] == []
    text = json.dumps([detail.data, timeline.data], ensure_ascii=False)
    for name in expert_names(expertise):
        assert name not in text
    expert_events = [event for event in timeline.data if event["comment"].startswith(("Эксперт отказался",
                                                                                       "Рецензия представлена"))]
    assert expert_events and all(event["actor"] is None for event in expert_events)
    # Those who run the expertise see who the experts are.
    seen_by_methodist = json.dumps([methodist.get(f"/api/materials/{material.pk}/").data,
                                    methodist.get(f"/api/materials/{material.pk}/timeline/").data], ensure_ascii=False)
    assert str(expertise.experts[1]) in seen_by_methodist and str(expertise.experts[0]) in seen_by_methodist

    revised = author.post(f"/api/materials/{material.pk}/revise/", {"files": [pdf("разработка-2.pdf")]},
                          format="multipart")
    assert revised.status_code == 200, revised.data
    assert revised.data["status"] == Status.EXPERTISE and revised.data["version"] == 2
    assert [file["version"] for file in revised.data["files"]] == [1, 2]


def test_an_expert_sees_only_their_own_review_until_the_round_is_complete(expertise):
    named_experts(expertise)
    material = in_expertise(expertise)
    first, second = (token_client(expert) for expert in expertise.experts[:2])
    assert first.post(f"/api/materials/{material.pk}/review/", {
        "scores": scores_for(first, 8), "text": "Хорошо", "recommendation": "publish"},
        format="json").status_code == 200

    seen_by_first = first.get(f"/api/materials/{material.pk}/").data
    seen_by_second = second.get(f"/api/materials/{material.pk}/").data

    assert [entry["expert"] for entry in seen_by_first["reviews"]] == [str(expertise.experts[0])]
    assert seen_by_second["reviews"] == []
    assert [row["expert"]["id"] for row in seen_by_second["assignments"]] == [expertise.experts[1].pk]
    assert str(expertise.experts[0]) not in json.dumps(seen_by_second, ensure_ascii=False)

    assert second.post(f"/api/materials/{material.pk}/review/", {
        "scores": scores_for(second, 9), "text": "Отлично", "recommendation": "publish"},
        format="json").status_code == 200
    assert len(first.get(f"/api/materials/{material.pk}/").data["reviews"]) == 2
    assert len(second.get(f"/api/materials/{material.pk}/").data["reviews"]) == 2


# person: GET /api/materials/{id}/ of a material under expertise by experts 0 and 1
MATRIX = {
    "author": 200,
    "other_school_teacher": 404,
    "methodist": 200,
    "other_municipality_methodist": 404,
    "unassigned_expert": 404,
    "assigned_expert": 200,
    "auditor": 200,
}


@pytest.mark.parametrize(("who", "code"), MATRIX.items())
def test_who_sees_a_material(school, expertise, who, code):
    material = in_expertise(expertise)
    elsewhere = OrganisationFactory(municipality=MunicipalityFactory())
    people = {
        "author": expertise.author, "other_school_teacher": school.other_teacher, "methodist": expertise.methodist,
        "other_municipality_methodist": person("methodist.x", Role.METHODIST, elsewhere,
                                               municipality=elsewhere.municipality),
        "unassigned_expert": expertise.experts[3], "assigned_expert": expertise.experts[0], "auditor": school.auditor,
    }
    client = token_client(people[who])

    assert client.get(f"/api/materials/{material.pk}/").status_code == code
    assert client.get(f"/api/materials/{material.pk}/timeline/").status_code == code
    listed = {row["id"] for row in client.get("/api/materials/").data["results"]}
    assert (material.pk in listed) == (code == 200)


def test_an_auditor_reads_but_every_write_is_refused(school, expertise):
    draft = Material(title="Черновик", kind="didactic", subject="физика", level="basic", annotation="А")
    services.save_material(draft, expertise.author, [pdf()])
    checking = submitted(expertise)
    assigning = submitted(expertise)
    services.check(assigning, expertise.methodist, "approve")
    reviewing = in_expertise(expertise)
    services.decline(reviewing, expertise.experts[0], "Не мой профиль")  # expert 1 still reviews
    revising = in_expertise(expertise)
    review(revising, expertise.experts[0], 7, "revise")
    review(revising, expertise.experts[1], 7, "revise")
    services.final_decision(revising, expertise.methodist, "return", "Доработайте")
    auditor = token_client(school.auditor)
    assert auditor.get(f"/api/materials/{reviewing.pk}/").status_code == 200

    writes = [
        ("post", "/api/materials/", material_body(), "json"),
        ("patch", f"/api/materials/{draft.pk}/", {"title": "Другое"}, "json"),
        ("post", f"/api/materials/{draft.pk}/submit/", {}, "json"),
        ("post", f"/api/tasks/{open_task(checking, 'check').pk}/claim/", {}, "json"),
        ("post", f"/api/tasks/{open_task(checking, 'check').pk}/complete/", {"decision": "approve"}, "json"),
        ("get", f"/api/materials/{assigning.pk}/proposed-experts/", None, None),
        ("post", f"/api/materials/{assigning.pk}/experts/", {"experts": [e.pk for e in expertise.experts[:2]]},
         "json"),
        ("post", f"/api/materials/{reviewing.pk}/replace-expert/", {"expert": expertise.experts[2].pk}, "json"),
        ("post", f"/api/materials/{reviewing.pk}/decline/", {"reason": "Некогда"}, "json"),
        ("post", f"/api/materials/{reviewing.pk}/review/", {"scores": {}, "text": "Текст",
                                                           "recommendation": "publish"}, "json"),
        ("post", f"/api/materials/{revising.pk}/revise/", {"files": [pdf("v2.pdf")]}, "multipart"),
    ]
    for method, url, body, body_format in writes:
        response = getattr(auditor, method)(url, body, format=body_format) if body is not None else auditor.get(url)
        assert response.status_code == 403, (method, url, response.data)

    assert Material.objects.count() == 5
    statuses = dict(Material.objects.values_list("pk", "status"))
    assert statuses == {draft.pk: Status.DRAFT, checking.pk: Status.CHECK, assigning.pk: Status.EXPERT_ASSIGNMENT,
                        reviewing.pk: Status.EXPERTISE, revising.pk: Status.REVISION}
    assert not assigning.assignments.exists() and reviewing.assignments.count() == 2
    assert not Review.objects.filter(assignment__material=reviewing).exists()


@pytest.mark.parametrize(("upload", "message"), [
    (SimpleUploadedFile("script.exe", b"MZ"), "не принимаются"),
    (SimpleUploadedFile("big.pdf", b"0" * 4096), "слишком велик"),
])
def test_a_wrong_file_is_refused_in_russian_and_nothing_is_saved(expertise, settings, upload, message):
    settings.MAX_UPLOAD_SIZE = 1024

    response = token_client(expertise.author).post("/api/materials/", {**material_body(), "files": [upload]},
                                                   format="multipart")

    assert response.status_code == 400
    assert message in errors_of(response)["files"][0]
    assert not Material.objects.exists()


def test_a_score_above_the_maximum_is_refused_in_russian(expertise):
    material = in_expertise(expertise)
    expert = token_client(expertise.experts[0])
    scores = scores_for(expert, 5)
    first = next(iter(scores))

    response = expert.post(f"/api/materials/{material.pk}/review/", {
        "scores": {**scores, first: 11}, "text": "Текст", "recommendation": "publish"}, format="json")

    assert response.status_code == 400
    assert "от 0 до 10" in errors_of(response)[f"scores.{first}"][0]
    assert not Review.objects.exists()


def test_the_check_and_the_decision_take_a_comment_to_return(expertise):
    material = submitted(expertise)

    response = token_client(expertise.methodist).post(f"/api/tasks/{open_task(material, 'check').pk}/complete/",
                                                      {"decision": "return"}, format="json")

    assert response.status_code == 400 and "comment" in errors_of(response)
    material.refresh_from_db()
    assert material.status == Status.CHECK
