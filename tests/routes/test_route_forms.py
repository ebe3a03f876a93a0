"""The route's forms: each activity's error on its row, «add a row» without saving, participants only for a
group route, people picked from the author's scope, and decisions only where the step allows them."""
import pytest
from django.urls import reverse

from accounts.models import Role
from routes import services
from routes.forms.route import RouteForm
from routes.models import IndividualRoute
from tests.factories import MunicipalityFactory, OrganisationFactory
from tests.school import person
from workflows.models import CaseEvent

pytestmark = pytest.mark.django_db


def route_data(*rows: dict, **fields) -> dict:
    data = {"kind": "individual", "period_start": "2026-09-01", "period_end": "2027-05-31",
            "topic": "Проектная деятельность", "goals": "Цели", "expected_product": "Продукт",
            "presentation_level": "school", "activities-TOTAL_FORMS": str(len(rows)),
            "activities-INITIAL_FORMS": "0", "activities-MIN_NUM_FORMS": "0", "activities-MAX_NUM_FORMS": "1000"}
    for n, row in enumerate(rows):
        data.update({f"activities-{n}-{name}": value for name, value in row.items()})
    return {**data, **fields}


SEMINAR = {"form": "seminar", "title": "Семинар", "starts_on": "2026-10-10", "ends_on": "2026-10-10"}


def rows_of(page: str) -> list[str]:
    return page.split('<template id="activities-empty-row">')[0].split('data-testid="activity-form-row"')[1:]


def test_an_activitys_error_is_shown_on_its_row_only(client, school):
    client.force_login(school.teacher)
    late = {**SEMINAR, "title": "Вебинар", "starts_on": "2028-01-10", "ends_on": "2028-01-10"}

    page = client.post(reverse("routes:route_create"), route_data(SEMINAR, late, SEMINAR)).content.decode()

    rows = rows_of(page)
    assert len(rows) == 3
    assert ["вне периода маршрута" in row for row in rows] == [False, True, False]
    assert 'data-testid="form-errors"' not in page
    assert not IndividualRoute.objects.exists()


def test_every_error_of_the_form_and_of_the_rows_is_shown_at_once(client, school):
    client.force_login(school.teacher)
    no_title = {**SEMINAR, "title": ""}

    page = client.post(reverse("routes:route_create"), route_data(no_title, topic="")).content.decode()

    assert 'data-testid="error-topic"' in page
    assert 'data-testid="row-error"' in rows_of(page)[0]


def test_add_a_row_shows_one_more_empty_row_and_saves_nothing(client, school):
    client.force_login(school.teacher)

    response = client.post(reverse("routes:route_create"), route_data(SEMINAR, add_row="1"))

    page = response.content.decode()
    assert response.status_code == 200
    assert len(rows_of(page)) == 2
    assert 'value="Семинар"' in page and 'value="Проектная деятельность"' in page
    assert 'class="mf-errors"' not in page.split('<template')[0]
    assert not IndividualRoute.objects.exists()


def test_the_form_carries_an_empty_row_for_the_script_to_add(client, school):
    client.force_login(school.teacher)

    page = client.get(reverse("routes:route_create")).content.decode()

    template = page.split('<template id="activities-empty-row">')[1].split("</template>")[0]
    assert 'name="activities-__prefix__-title"' in template
    assert 'data-add-row="activities"' in page
    assert "methodflow/forms.js" in page


def test_group_participants_are_hidden_for_an_individual_route(client, school, make_route):
    route = make_route(school.teacher)
    client.force_login(school.teacher)

    page = client.get(reverse("routes:route_edit", args=[route.pk])).content.decode()
    assert '<div data-group-only data-testid="group-participants" hidden>' in page

    route.kind = IndividualRoute.Kind.GROUP
    services.save_draft(route, school.teacher, participants=[person("teacher.c", Role.TEACHER, school.organisation)])
    page = client.get(reverse("routes:route_edit", args=[route.pk])).content.decode()
    assert '<div data-group-only data-testid="group-participants">' in page


def test_an_individual_route_keeps_no_participants_ticked_before_the_type_changed(school):
    colleague = person("teacher.c", Role.TEACHER, school.organisation)

    form = RouteForm(route_data(participants=[colleague.pk]), author=school.teacher)

    assert form.is_valid(), form.errors
    assert list(form.cleaned_data["participants"]) == []


def test_the_picker_offers_only_people_in_the_authors_scope(client, school):
    colleague = person("teacher.c", Role.TEACHER, school.organisation)
    stranger = person("teacher.far", Role.TEACHER, OrganisationFactory(municipality=MunicipalityFactory()))
    client.force_login(school.teacher)

    page = client.get(reverse("routes:route_create")).content.decode()

    picker = page.split('data-testid="picker-participants"')[1].split("</datalist>")[0]
    assert f'data-id="{colleague.pk}"' in picker
    assert f'data-id="{stranger.pk}"' not in picker and f'data-id="{school.teacher.pk}"' not in picker
    assert "<select" not in page.split('data-testid="picker-participants"')[1].split("</div></div>")[0]


def test_a_person_typed_in_the_picker_is_chosen_without_the_script(school):
    colleague = person("teacher.c", Role.TEACHER, school.organisation)
    data = route_data(SEMINAR, kind="group", participants__search=f"{colleague} ({school.organisation})")

    form = RouteForm(data, author=school.teacher)

    assert form.is_valid(), form.errors
    assert list(form.cleaned_data["participants"]) == [colleague]


def test_a_forged_person_from_elsewhere_is_refused(school):
    stranger = person("teacher.far", Role.TEACHER, OrganisationFactory(municipality=MunicipalityFactory()))

    form = RouteForm(route_data(kind="group", participants=[stranger.pk]), author=school.teacher)

    assert not form.is_valid() and "participants" in form.errors


def decision_radios(page: str) -> list[str]:
    card = page.split('data-testid="decision"')[1]
    return [part.split('"')[0] for part in card.split('name="decision" value="')[1:]]


def test_a_reviewer_who_may_not_reject_is_not_offered_it(client, school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)
    client.force_login(school.lead)

    assert decision_radios(client.get(route.get_absolute_url()).content.decode()) == ["approve", "return"]


def test_the_director_who_may_reject_is_offered_it(client, school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)
    services.review(route, school.lead, "approve")
    client.force_login(school.director)

    assert decision_radios(client.get(route.get_absolute_url()).content.decode()) == ["approve", "return", "reject"]


def test_a_forged_rejection_is_refused_next_to_the_decision(client, school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)
    client.force_login(school.lead)

    response = client.post(reverse("routes:route_action", args=[route.pk, "decide"]),
                           {"decision": "reject", "comment": "Не подходит"})

    error = response.content.decode().split('data-testid="error-decision"')[1].split("</div>")[0]
    assert "недоступно" in error
    assert not CaseEvent.objects.filter(kind=CaseEvent.Kind.REJECTED).exists()
