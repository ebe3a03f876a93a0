from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from routes import services
from routes.models import IndividualRoute
from competitions.models import MemberRole
from tests.factories import (CompetitionFactory, CompetitionMemberFactory, DeficitFactory, MunicipalityFactory,
                             RoleAssignmentFactory, UserFactory)

pytestmark = pytest.mark.django_db


def holder(username: str, role: Role, **scope):
    user = UserFactory(username=username)
    RoleAssignmentFactory(user=user, role=role, **scope)
    return user


def member(username: str, role: MemberRole, competition):
    user = UserFactory(username=username)
    CompetitionMemberFactory(person=user, role=role, competition=competition)
    return user


def other_people(school) -> dict:
    """People the `school` fixture does not have: other roles, another municipality."""
    municipality = school.organisation.municipality
    return {
        "outsider_methodist": lambda: holder("methodist.elsewhere", Role.METHODIST, municipality=MunicipalityFactory()),
        "expert": lambda: holder("expert.m", Role.EXPERT, municipality=municipality),
        "tutor": lambda: holder("tutor.m", Role.TUTOR, municipality=municipality),
        "jury": lambda: member("jury.m", MemberRole.JURY, CompetitionFactory(municipality=municipality)),
        "committee": lambda: member("committee.m", MemberRole.COMMITTEE, CompetitionFactory(municipality=municipality)),
        "admin": lambda: holder("admin.m", Role.ADMIN),
    }


# who → (sees the route page, may decide on the lead's step)
MATRIX = [
    ("teacher", True, False),
    ("other_teacher", False, False),
    ("mentor", True, False),  # named as the route's mentor
    ("lead", True, True),
    ("other_lead", False, False),
    ("director", True, False),  # the step is the lead's
    ("other_director", False, False),
    ("methodist", True, False),
    ("officer", True, False),
    ("auditor", True, False),
    ("outsider_methodist", False, False),
    ("expert", False, False),
    ("tutor", False, False),  # a tutor sees the routes that name them, like a mentor
    ("jury", False, False),
    ("committee", False, False),
    ("admin", True, False),  # administrators see everything and act in no step
]


@pytest.fixture
def submitted(school, make_route):
    route = make_route(school.teacher, mentor=school.mentor)
    services.submit(route, school.teacher)
    services.review(route, school.mentor, "approve")
    route.refresh_from_db()
    return route


def who(school, name):
    others = other_people(school)
    return others[name]() if name in others else getattr(school, name)


@pytest.mark.parametrize(("name", "sees", "decides"), MATRIX)
def test_who_sees_a_route_and_who_decides_on_it(client, school, submitted, name, sees, decides):
    client.force_login(who(school, name))

    page = client.get(submitted.get_absolute_url())
    listed = client.get(reverse("routes:index")).content.decode()
    response = client.post(reverse("routes:route_action", args=[submitted.pk, "decide"]),
                           {"decision": "approve", "comment": ""})

    assert page.status_code == (200 if sees else 404)
    assert (submitted.number in listed) is sees
    decided = services.current_human_task(submitted).data.get("step") != "lead_agreement"
    assert decided is decides
    if sees and not decides:
        assert response.status_code in (302, 403)
    if not sees:
        assert response.status_code == 404


def test_the_auditor_reads_the_history_and_changes_nothing(client, school, submitted):
    client.force_login(school.auditor)

    page = client.get(submitted.get_absolute_url()).content.decode()
    for action in ("submit", "decide", "evaluate", "comment"):
        client.post(reverse("routes:route_action", args=[submitted.pk, action]), {"decision": "approve"})
    edit = client.get(reverse("routes:route_edit", args=[submitted.pk]))

    assert 'data-testid="history"' in page and 'data-testid="decision"' not in page
    assert edit.status_code == 403
    assert IndividualRoute.objects.get(pk=submitted.pk).status == submitted.status


def test_the_case_page_shows_who_changed_which_field_and_the_route_as_of_a_date(client, school, make_route):
    route = make_route(school.teacher)
    route.topic = "Смысловое чтение на уроках математики"
    services.save_draft(route, school.teacher)
    client.force_login(school.lead)

    yesterday = timezone.localdate() - timedelta(days=1)
    page = client.get(route.get_absolute_url()).content.decode()
    past = client.get(route.get_absolute_url(), {"as_of": yesterday.isoformat()}).content.decode()
    today = client.get(route.get_absolute_url(), {"as_of": timezone.localdate().isoformat()}).content.decode()

    assert "Смысловое чтение на уроках математики" in page and "Формирование функциональной грамотности" in page
    assert "Teacher" in page  # who changed it
    assert "ещё не существовал" in past
    assert "Смысловое чтение на уроках математики" in today.split('data-testid="as-of"')[1]


def test_the_history_names_the_deficits_a_change_added(client, school, make_route):
    route = make_route(school.teacher)
    reading, grading = DeficitFactory(title="Смысловое чтение"), DeficitFactory(title="Формирующее оценивание")
    services.save_draft(route, school.teacher, deficits=[reading])
    services.save_draft(route, school.teacher, deficits=[reading, grading])
    client.force_login(school.lead)

    rows = client.get(route.get_absolute_url()).content.decode().split('data-testid="history-row"')[1:]

    deficit_rows = [row for row in rows if "Смысловое чтение" in row]
    assert len(deficit_rows) == 2
    assert "<td>—</td><td>Смысловое чтение</td>" in deficit_rows[0]
    assert "<td>Смысловое чтение</td><td>Смысловое чтение; Формирующее оценивание</td>" in deficit_rows[1]


def test_the_case_page_runs_as_many_queries_for_a_long_history_as_for_a_short_one(client, school, make_route):
    def queries_with(edits: int) -> int:
        route = make_route(school.teacher)
        for n in range(edits):
            route.topic = f"Тема самообразования, редакция {n}"
            services.save_draft(route, school.teacher, deficits=[DeficitFactory()])
        client.force_login(school.lead)
        client.get(route.get_absolute_url())  # the first page of a session fills the shared cache (the avatar)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(route.get_absolute_url()).content.decode()
        assert page.count('data-testid="history-row"') >= 2 * edits
        return len(queries)

    assert queries_with(1) == queries_with(8)


def test_a_route_without_activities_is_refused_and_keeps_what_was_entered(client, school):
    client.force_login(school.teacher)
    data = {
        "kind": "individual", "period_start": "2026-09-01", "period_end": "2027-05-31",
        "topic": "Проектная деятельность", "goals": "Цели", "expected_product": "Продукт",
        "presentation_level": "school",
        "activities-TOTAL_FORMS": "1", "activities-INITIAL_FORMS": "0",
        "activities-MIN_NUM_FORMS": "0", "activities-MAX_NUM_FORMS": "1000",
    }

    response = client.post(reverse("routes:route_create"), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "хотя бы одно мероприятие" in page
    assert "Проектная деятельность" in page
    assert not IndividualRoute.objects.exists()


def test_activity_dates_outside_the_period_are_refused(client, school):
    client.force_login(school.teacher)
    data = {
        "kind": "individual", "period_start": "2026-09-01", "period_end": "2027-05-31",
        "topic": "Проектная деятельность", "goals": "Цели", "expected_product": "Продукт",
        "presentation_level": "school",
        "activities-TOTAL_FORMS": "1", "activities-INITIAL_FORMS": "0",
        "activities-MIN_NUM_FORMS": "0", "activities-MAX_NUM_FORMS": "1000",
        "activities-0-form": "seminar", "activities-0-title": "Семинар",
        "activities-0-starts_on": "2028-01-10", "activities-0-ends_on": "2028-01-10",
    }

    page = client.post(reverse("routes:route_create"), data).content.decode()

    assert "вне периода маршрута" in page
    assert "Семинар" in page
    assert not IndividualRoute.objects.exists()


def implementation_route(school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)
    services.review(route, school.lead, "approve")
    services.review(route, school.director, "approve")
    return route


@pytest.mark.parametrize(("name", "content", "message"), [
    ("virus.exe", b"MZ", "не принимаются"),
    ("big.pdf", b"0" * 2048, "слишком велик"),
])
def test_a_disallowed_or_oversized_evidence_file_is_refused(client, settings, school, make_route, name, content,
                                                            message):
    settings.MAX_UPLOAD_SIZE = 1024
    route = implementation_route(school, make_route)
    activity = route.activities.first()
    client.force_login(school.teacher)

    page = client.post(reverse("routes:route_action", args=[route.pk, "record_activity"]),
                       {"activity": activity.pk, "evidence": SimpleUploadedFile(name, content),
                        "comment": "Курсы пройдены"}).content.decode()

    assert message in page
    assert "Курсы пройдены" in page
    activity.refresh_from_db()
    assert not activity.is_done


def test_a_return_without_a_comment_is_refused_on_the_page(client, school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)
    client.force_login(school.lead)

    page = client.post(reverse("routes:route_action", args=[route.pk, "decide"]),
                       {"decision": "return", "comment": ""}).content.decode()

    assert "комментарий" in page
    assert IndividualRoute.objects.get(pk=route.pk).status == IndividualRoute.Status.AGREEMENT


def test_the_approved_route_prints_as_pdf(client, school, make_route):
    route = implementation_route(school, make_route)
    client.force_login(school.teacher)

    response = client.get(reverse("routes:route_print", args=[route.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_an_other_organisations_teacher_cannot_print_it(client, school, make_route):
    route = implementation_route(school, make_route)
    client.force_login(school.other_teacher)

    assert client.get(reverse("routes:route_print", args=[route.pk])).status_code == 404


def test_the_regulation_on_routes_is_generated_from_the_configured_chain(client, school):
    from workflows.chains import chain_for
    from workflows.models import ChainStep, ReviewerScope
    from routes.types import ROUTE

    municipality = school.organisation.municipality
    ChainStep.objects.create(chain=chain_for(municipality, ROUTE.key), order=3, code="methodist_agreement",
                             title="Согласование методистом ИМЦ", role=Role.METHODIST,
                             reviewer_scope=ReviewerScope.MUNICIPALITY, deadline_days=4)
    client.force_login(school.teacher)

    page = client.get(reverse("routes:regulation", args=[municipality.slug])).content.decode()
    pdf = client.get(reverse("routes:regulation", args=[municipality.slug]), {"format": "pdf"})

    assert "Согласование методистом ИМЦ" in page
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def rows_of(response) -> list[str]:
    return response.content.decode().split('data-testid="route-row"')[1:]


def test_the_municipal_case_list_filters_by_status_organisation_overdue_and_author(client, school, make_route):
    drafted = make_route(school.teacher)
    submitted = services.submit(make_route(school.teacher), school.teacher)
    elsewhere = services.submit(make_route(school.other_teacher), school.other_teacher)
    IndividualRoute.objects.filter(pk=elsewhere.pk).update(due_at=timezone.now() - timedelta(days=1))
    client.force_login(school.methodist)
    url = reverse("routes:index")

    def numbers(**query) -> set[str]:
        return {number for number in (drafted.number, submitted.number, elsewhere.number)
                if any(number in row for row in rows_of(client.get(url, query)))}

    assert numbers() == {drafted.number, submitted.number, elsewhere.number}
    assert numbers(status="agreement") == {submitted.number, elsewhere.number}
    assert numbers(organisation=school.other.pk) == {elsewhere.number}
    assert numbers(overdue="on") == {elsewhere.number}
    assert numbers(q=submitted.number) == {submitted.number}
    assert numbers(q="Teacher") == {drafted.number, submitted.number, elsewhere.number}
    assert numbers(q="Nobody") == set()


def test_a_filter_that_is_not_valid_says_why_and_lists_everything(client, school, make_route):
    submitted = services.submit(make_route(school.teacher), school.teacher)
    client.force_login(school.methodist)

    response = client.get(reverse("routes:index"), {"organisation": "999999", "status": "nonsense"})

    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="mf-errors"' in page and submitted.number in page


def test_the_case_list_comes_a_page_at_a_time_keeping_the_filter(client, school, make_route, monkeypatch):
    monkeypatch.setattr("workflows.case_lists.PAGE_SIZE", 2)
    routes = [services.submit(make_route(school.teacher), school.teacher) for _ in range(3)]
    client.force_login(school.methodist)
    url = reverse("routes:index")

    first = client.get(url, {"status": "agreement"})
    second = client.get(url, {"status": "agreement", "page": 2})

    assert len(rows_of(first)) == 2 and len(rows_of(second)) == 1
    assert "status=agreement&amp;page=2" in first.content.decode()
    shown = "".join(rows_of(first) + rows_of(second))
    assert all(route.number in shown for route in routes)
