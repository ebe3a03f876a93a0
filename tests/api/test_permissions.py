"""Who may do what to an ИОМ through the API: the rules of the pages, one row per person."""
from datetime import date

import pytest
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from routes import services
from routes.models import IndividualRoute, RouteActivity
from tests.api import route_body, task_of, token_client

pytestmark = pytest.mark.django_db

# The route is school.teacher's, submitted without a mentor: its open step is the school lead's.
# person: (GET /api/routes/{id}/, POST /api/tasks/{task}/complete/ with an approval)
MATRIX = {
    "teacher": (200, 403),  # the author, own school
    "mentor": (404, 404),  # own school, but not the route's mentor
    "lead": (200, 200),
    "director": (200, 403),  # sees it; not their step
    "methodist": (200, 403),  # municipality
    "officer": (200, 403),  # municipality
    "auditor": (200, 403),  # municipality, reads only
    "other_teacher": (404, 404),  # the other school
    "other_lead": (404, 404),
    "other_director": (404, 404),
}


@pytest.mark.parametrize(("person", "view", "complete"), [(person, *codes) for person, codes in MATRIX.items()])
def test_who_sees_a_route_and_who_decides_on_it(school, make_route, person, view, complete):
    route = services.submit(make_route(school.teacher), school.teacher)
    client = token_client(getattr(school, person))

    assert client.get(f"/api/routes/{route.pk}/").status_code == view
    assert (route.pk in {row["id"] for row in client.get("/api/routes/").data["results"]}) == (view == 200)
    response = client.post(f"/api/tasks/{task_of(route)}/complete/", {"decision": "approve"}, format="json")
    assert response.status_code == complete
    decided = Task.objects.filter(process_id=route.process_id, status=STATUS.DONE, flow_task_type="HUMAN").exists()
    assert decided == (complete == 200)


def in_implementation(school, make_route) -> IndividualRoute:
    route = services.submit(make_route(school.teacher), school.teacher)
    for reviewer in (school.lead, school.director):
        services.review(route, reviewer, "approve")
    route.refresh_from_db()
    return route


def test_an_auditor_reads_the_timeline_and_history_but_every_write_is_refused(school, make_route):
    route = in_implementation(school, make_route)
    activity = route.activities.first()
    draft = make_route(school.teacher)
    queued = services.submit(make_route(school.teacher), school.teacher)
    auditor = token_client(school.auditor)
    new_activity = {"form": "webinar", "title": "Вебинар", "starts_on": "2027-03-01", "ends_on": "2027-03-01"}

    assert auditor.get(f"/api/routes/{route.pk}/timeline/").status_code == 200
    history = auditor.get(f"/api/routes/{route.pk}/history/")
    assert history.status_code == 200 and history.data

    writes = [
        ("post", "/api/routes/", route_body()),
        ("put", f"/api/routes/{draft.pk}/", route_body()),
        ("patch", f"/api/routes/{draft.pk}/", {"topic": "Другая тема"}),
        ("post", f"/api/routes/{draft.pk}/submit/", {}),
        ("post", f"/api/tasks/{task_of(queued)}/claim/", {}),
        ("post", f"/api/tasks/{task_of(queued)}/complete/", {"decision": "approve"}),
        ("post", f"/api/routes/{route.pk}/activities/{activity.pk}/done/", {"link": "https://example.org/cert"}),
        ("post", f"/api/routes/{route.pk}/activities/{activity.pk}/comment/", {"comment": "Хорошо"}),
        ("post", f"/api/routes/{route.pk}/amendments/", {"reason": "Ещё вебинар", "activities": [new_activity]}),
        ("post", f"/api/routes/{route.pk}/report/", {"self_analysis": "Самоанализ", "product": "Уроки"}),
    ]
    for method, url, body in writes:
        response = getattr(auditor, method)(url, body, format="json")
        assert response.status_code == 403, (method, url, response.data)

    assert IndividualRoute.objects.count() == 3
    draft.refresh_from_db()
    assert draft.status == IndividualRoute.Status.DRAFT and draft.topic != "Другая тема"
    assert Task.objects.get(pk=task_of(queued)).status == STATUS.NEW
    assert not RouteActivity.objects.filter(route=route, done_at__isnull=False).exists()
    assert route.activities.count() == 2 and not route.activities.exclude(methodist_comment="").exists()


def test_the_routes_mentor_sees_the_route_but_not_its_history(school, make_route):
    route = services.submit(make_route(school.teacher, mentor=school.mentor), school.teacher)
    mentor = token_client(school.mentor)

    assert mentor.get(f"/api/routes/{route.pk}/").status_code == 200
    assert mentor.get(f"/api/routes/{route.pk}/timeline/").status_code == 200
    assert mentor.get(f"/api/routes/{route.pk}/history/").status_code == 403


def test_a_route_hidden_from_me_has_no_timeline_or_history_either(school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)
    outsider = token_client(school.other_lead)

    assert outsider.get(f"/api/routes/{route.pk}/timeline/").status_code == 404
    assert outsider.get(f"/api/routes/{route.pk}/history/").status_code == 404


def test_only_the_author_edits_and_only_a_draft_or_a_returned_route(school, make_route):
    draft = make_route(school.teacher)
    sent = services.submit(make_route(school.teacher), school.teacher)

    assert token_client(school.lead).patch(f"/api/routes/{draft.pk}/", {"topic": "Тема"},
                                           format="json").status_code == 403
    assert token_client(school.other_teacher).patch(f"/api/routes/{draft.pk}/", {"topic": "Тема"},
                                                    format="json").status_code == 404
    teacher = token_client(school.teacher)
    assert teacher.patch(f"/api/routes/{sent.pk}/", {"topic": "Тема"}, format="json").status_code == 403
    assert teacher.patch(f"/api/routes/{draft.pk}/", {"topic": "Тема"}, format="json").status_code == 200
    assert teacher.post(f"/api/routes/{draft.pk}/submit/").status_code == 200
    assert token_client(school.lead).post(f"/api/routes/{draft.pk}/submit/").status_code == 403


def test_only_teachers_draw_up_routes(school):
    assert token_client(school.director).post("/api/routes/", route_body(), format="json").status_code == 403
    assert token_client(school.methodist).post("/api/routes/", route_body(), format="json").status_code == 403


def test_the_methodist_comments_on_an_activity_and_the_author_records_it_done(school, make_route):
    route = in_implementation(school, make_route)
    activity = route.activities.first()

    assert token_client(school.director).post(f"/api/routes/{route.pk}/activities/{activity.pk}/comment/",
                                              {"comment": "Хорошо"}, format="json").status_code == 403
    commented = token_client(school.methodist).post(f"/api/routes/{route.pk}/activities/{activity.pk}/comment/",
                                                    {"comment": "Возьмите курс ЦНППМ"}, format="json")
    assert commented.status_code == 200 and commented.data["methodist_comment"] == "Возьмите курс ЦНППМ"
    assert token_client(school.lead).post(f"/api/routes/{route.pk}/activities/{activity.pk}/done/",
                                          {"link": "https://example.org/cert"}, format="json").status_code == 403
    done = token_client(school.teacher).post(f"/api/routes/{route.pk}/activities/{activity.pk}/done/",
                                             {"link": "https://example.org/cert"}, format="json")
    assert done.status_code == 200 and done.data["evidence_link"] == "https://example.org/cert"


def test_an_activity_of_another_route_is_not_found(school, make_route):
    route = in_implementation(school, make_route)
    other = make_route(school.teacher)

    response = token_client(school.teacher).post(
        f"/api/routes/{route.pk}/activities/{other.activities.first().pk}/done/", {"link": "https://example.org"},
        format="json")

    assert response.status_code == 404


def test_an_amendment_goes_back_to_agreement(school, make_route):
    route = in_implementation(school, make_route)

    response = token_client(school.teacher).post(f"/api/routes/{route.pk}/amendments/", {
        "reason": "Добавляю открытый урок",
        "activities": [{"form": "open_lesson", "title": "Открытый урок", "starts_on": "2027-02-01",
                        "ends_on": "2027-02-01"}]}, format="json")

    assert response.status_code == 200, response.data
    assert response.data["status"] == IndividualRoute.Status.AMENDMENT
    added = route.activities.get(title="Открытый урок")
    assert added.starts_on == date(2027, 2, 1) and not added.agreed and added.amendment == 1
