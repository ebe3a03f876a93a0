import pytest

from accounts.models import Role
from routes import services
from routes.models import IndividualRoute
from tests.api import route_body, token_client
from tests.factories import DeficitFactory, DiagnosticsFactory, RoleAssignmentFactory, UserFactory
from tests.api.problems import errors_of

pytestmark = pytest.mark.django_db
Status = IndividualRoute.Status


def test_the_list_shows_the_routes_i_may_see_filtered_by_status(school, make_route):
    draft = make_route(school.teacher)
    sent = services.submit(make_route(school.teacher), school.teacher)
    elsewhere = make_route(school.other_teacher)

    def listed(user, **query) -> set[int]:
        response = token_client(user).get("/api/routes/", query)
        assert response.status_code == 200
        return {row["id"] for row in response.data["results"]}

    assert listed(school.teacher) == {draft.pk, sent.pk}
    assert listed(school.teacher, status="agreement") == {sent.pk}
    assert listed(school.lead) == {draft.pk, sent.pk}
    assert listed(school.methodist) == {draft.pk, sent.pk, elsewhere.pk}
    assert listed(school.other_teacher) == {elsewhere.pk}
    assert token_client(school.teacher).get("/api/routes/", {"status": "lost"}).status_code == 400


def test_a_draft_is_created_with_its_plan_and_deficits(school):
    deficit = DeficitFactory(diagnostics=DiagnosticsFactory(teacher=school.teacher))
    body = route_body(deficits=[deficit.pk])

    response = token_client(school.teacher).post("/api/routes/", body, format="json")

    assert response.status_code == 201, response.data
    route = IndividualRoute.objects.get(pk=response.data["id"])
    assert route.author == school.teacher and route.organisation == school.organisation
    assert route.status == Status.DRAFT and route.number.startswith("ИОМ-")
    assert list(route.deficits.all()) == [deficit]
    assert [activity["title"] for activity in response.data["activities"]] == ["Курсы повышения квалификации"]


def test_a_draft_offers_only_my_deficits_and_my_schools_mentors(school):
    someone_elses = DeficitFactory(diagnostics=DiagnosticsFactory(teacher=school.other_teacher))
    teacher = token_client(school.teacher)

    assert "deficits" in errors_of(teacher.post("/api/routes/", route_body(deficits=[someone_elses.pk]), format="json"))
    assert "mentor" in errors_of(teacher.post("/api/routes/", route_body(mentor=school.lead.pk), format="json"))
    assert teacher.post("/api/routes/", route_body(mentor=school.mentor.pk), format="json").status_code == 201


def test_a_route_needs_activities_inside_its_period(school):
    teacher = token_client(school.teacher)
    outside = route_body(activities=[{"form": "seminar", "title": "Семинар", "starts_on": "2025-01-10",
                                      "ends_on": "2025-01-10"}])

    assert set(errors_of(teacher.post("/api/routes/", outside, format="json"))) == {
        "activities[0].starts_on", "activities[0].ends_on"}
    empty = teacher.post("/api/routes/", route_body(activities=[]), format="json")
    assert empty.status_code == 400 and list(errors_of(empty)) == ["activities"]  # next to the field, as the schema says
    assert not IndividualRoute.objects.exists()


def test_a_put_replaces_the_plan_keeping_the_activities_it_names(school, make_route):
    route = make_route(school.teacher, activities=2)
    kept, dropped = route.activities.all()
    body = route_body(activities=[
        {"id": kept.pk, "form": "course", "title": "Курсы, вторая часть", "starts_on": "2026-11-01",
         "ends_on": "2026-11-10"},
        {"form": "webinar", "title": "Вебинар", "starts_on": "2027-03-01", "ends_on": "2027-03-01"},
    ])

    response = token_client(school.teacher).put(f"/api/routes/{route.pk}/", body, format="json")

    assert response.status_code == 200, response.data
    titles = dict(route.activities.values_list("pk", "title"))
    assert titles[kept.pk] == "Курсы, вторая часть" and dropped.pk not in titles and len(titles) == 2


def test_a_plan_cannot_name_another_routes_activity(school, make_route):
    route, other = make_route(school.teacher), make_route(school.teacher)
    foreign = other.activities.first()
    body = {"activities": [{"id": foreign.pk, "form": "course", "title": "Чужое", "starts_on": "2026-11-01",
                            "ends_on": "2026-11-10"}]}

    response = token_client(school.teacher).patch(f"/api/routes/{route.pk}/", body, format="json")

    assert response.status_code == 400 and "activities" in errors_of(response)
    foreign.refresh_from_db()
    assert foreign.title != "Чужое" and foreign.route == other


def test_a_patch_without_the_plan_keeps_it(school, make_route):
    route = make_route(school.teacher, activities=2)

    response = token_client(school.teacher).patch(f"/api/routes/{route.pk}/", {"goals": "Новые цели"}, format="json")

    assert response.status_code == 200 and len(response.data["activities"]) == 2


def test_the_history_says_who_changed_which_field_from_what_to_what(school, make_route):
    route = make_route(school.teacher)
    teacher = token_client(school.teacher)
    teacher.patch(f"/api/routes/{route.pk}/", {"topic": "Смысловое чтение"}, format="json")

    rows = token_client(school.lead).get(f"/api/routes/{route.pk}/history/").data

    assert rows[0]["type"] == "+" and rows[0]["changes"] == []
    change = next(row for row in rows if any(c["field"] == "topic" for c in row["changes"]))
    assert change["user"] == {"id": school.teacher.pk, "name": str(school.teacher)}
    topic = next(c for c in change["changes"] if c["field"] == "topic")
    assert topic["old"] == "Формирование функциональной грамотности" and topic["new"] == "Смысловое чтение"
    assert topic["label"] == str(IndividualRoute._meta.get_field("topic").verbose_name)


def test_the_history_shows_deficits_as_their_ids(school, make_route):
    route = make_route(school.teacher)
    deficit = DeficitFactory(diagnostics=DiagnosticsFactory(teacher=school.teacher))
    token_client(school.teacher).patch(f"/api/routes/{route.pk}/", {"deficits": [deficit.pk]}, format="json")

    rows = token_client(school.teacher).get(f"/api/routes/{route.pk}/history/").data

    changes = [c for row in rows for c in row["changes"] if c["field"] == "deficits"]
    assert changes and changes[-1]["old"] == [] and changes[-1]["new"] == [deficit.pk]


def test_the_detail_says_what_i_may_do_and_which_task_is_open(school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)

    lead = token_client(school.lead).get(f"/api/routes/{route.pk}/").data
    teacher = token_client(school.teacher).get(f"/api/routes/{route.pk}/").data

    assert [a["action"] for a in lead["actions"]] == ["decide"] and teacher["actions"] == []
    assert lead["current_task"] == services.current_human_task(route).pk
    assert lead["author"]["id"] == school.teacher.pk and lead["status_display"] == str(Status.AGREEMENT.label)


def test_a_report_with_nothing_in_it_is_refused(school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)
    for reviewer in (school.lead, school.director):
        services.review(route, reviewer, "approve")

    response = token_client(school.teacher).post(f"/api/routes/{route.pk}/report/",
                                                 {"self_analysis": " ", "product": ""}, format="json")

    assert response.status_code == 400 and set(errors_of(response)) == {"self_analysis", "product"}
    route.refresh_from_db()
    assert route.status == Status.IMPLEMENTATION


def test_submitting_twice_is_refused(school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)

    response = token_client(school.teacher).post(f"/api/routes/{route.pk}/submit/")

    assert response.status_code == 409 and response.data["detail"] == "Маршрут уже подан."


def test_a_group_route_names_colleagues_of_my_school(school):
    colleague = UserFactory(username="teacher.a2", organisation=school.organisation)
    RoleAssignmentFactory(user=colleague, role=Role.TEACHER, organisation=school.organisation)
    teacher = token_client(school.teacher)

    alone = teacher.post("/api/routes/", route_body(kind="group"), format="json")
    assert alone.status_code == 400 and "participants" in errors_of(alone)
    outsider = teacher.post("/api/routes/", route_body(kind="group", participants=[school.other_teacher.pk]),
                            format="json")
    assert outsider.status_code == 400 and "participants" in errors_of(outsider)
    group = teacher.post("/api/routes/", route_body(kind="group", participants=[colleague.pk]), format="json")
    assert group.status_code == 201 and group.data["participants"] == [colleague.pk]
    assert teacher.patch(f"/api/routes/{group.data['id']}/", {"goals": "Общие цели"}, format="json").status_code == 200
    emptied = teacher.patch(f"/api/routes/{group.data['id']}/", {"participants": []}, format="json")
    assert emptied.status_code == 400 and "participants" in errors_of(emptied)
