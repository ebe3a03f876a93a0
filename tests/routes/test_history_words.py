"""What changed and why, in words: the route's history by labels, its activities included; the return
comment on the edit form and in the notice; the author's reply with the resubmission."""
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from routes import services
from routes.models import RouteActivity
from tests.api import token_client
from workflows.history import changes_of, display
from workflows.models import CaseEvent, Notification

pytestmark = pytest.mark.django_db

RETURN_COMMENT = "Уточните сроки курсов и добавьте семинар ШМО"


def history_card(page: str) -> str:
    return page.split('data-testid="history"')[1].split('data-testid="as-of"')[0]


def returned_route(school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)
    services.review(route, school.lead, "return", RETURN_COMMENT)
    route.refresh_from_db()
    return route


def test_the_history_names_statuses_by_their_labels_not_codes(client, school, make_route):
    route = returned_route(school, make_route)
    client.force_login(school.lead)

    page = client.get(route.get_absolute_url()).content.decode()

    card = history_card(page)
    assert "на согласовании" in card and "возвращён на доработку" in card
    for code in ("<td>draft</td>", "<td>agreement</td>", "<td>returned</td>"):
        assert code not in card


def test_an_activity_added_after_a_return_appears_in_the_history(client, school, make_route):
    route = returned_route(school, make_route)
    seminar = RouteActivity(form="seminar", title="Семинар ШМО по смысловому чтению", starts_on=date(2026, 11, 5),
                            ends_on=date(2026, 11, 5))
    services.save_draft(route, school.teacher, activities=[*route.activities.all(), seminar])
    client.force_login(school.lead)

    card = history_card(client.get(route.get_absolute_url()).content.decode())

    added = [row for row in card.split('data-testid="history-row"') if "Семинар ШМО по смысловому чтению" in row]
    assert len(added) == 1
    assert "Мероприятие маршрута" in added[0]


def test_a_removed_activity_and_a_changed_one_are_named_in_the_history(school, make_route):
    route = make_route(school.teacher)
    first, second = route.activities.all()
    first.provider = "ИМЦ"
    services.save_draft(route, school.teacher, activities=[first])

    with translation.override("ru"):
        changes = [change for row in changes_of(route) for change in row["changes"]]

    removed = [change for change in changes if change["field"] == "routeactivity" and change["new"] is None]
    assert [change["old_display"] for change in removed] == [second.title]
    provider = [change for change in changes if change["new_display"] == "ИМЦ"]
    assert provider and provider[0]["old_display"] == "ЦНППМ" and first.title in provider[0]["label"]


def test_booleans_and_dates_read_as_words():
    with translation.override("ru"):
        agreed = RouteActivity._meta.get_field("agreed")
        assert (display(agreed, True), display(agreed, False)) == ("да", "нет")
        assert display(RouteActivity._meta.get_field("starts_on"), date(2026, 12, 8)) == "08.12.2026"


def test_the_api_history_keeps_ids_and_adds_labels(school, make_route):
    route = returned_route(school, make_route)

    rows = token_client(school.lead).get(f"/api/routes/{route.pk}/history/").json()

    status = [change for row in rows for change in row["changes"] if change["field"] == "status"]
    assert {"old", "new", "old_display", "new_display"} <= set(status[0])
    assert status[-1]["new"] == "returned" and status[-1]["new_display"] == "возвращён на доработку"
    assert any(change["field"] == "routeactivity" and isinstance(change["new"], int)
               for row in rows for change in row["changes"])


def test_the_edit_form_shows_the_return_comment(client, school, make_route):
    route = returned_route(school, make_route)
    client.force_login(school.teacher)

    page = client.get(reverse("routes:route_edit", args=[route.pk])).content.decode()

    note = page.split('data-testid="return-comment"')[1].split("</div>\n</div>")[0]
    assert RETURN_COMMENT in note and str(school.lead) in note


def test_the_authors_notice_says_what_was_decided_by_whom_at_which_step_and_why(school, make_route):
    route = returned_route(school, make_route)

    notice = Notification.objects.filter(recipient=school.teacher, url=route.get_absolute_url()).latest("pk")

    assert "возвращён на доработку" in notice.message
    assert str(school.lead) in notice.message
    assert "Согласование" in notice.message  # the step's title
    assert RETURN_COMMENT in notice.message


def test_the_reply_is_saved_with_the_resubmission_and_shown_to_the_reviewer(client, school, make_route):
    route = returned_route(school, make_route)
    client.force_login(school.teacher)
    page = client.get(route.get_absolute_url()).content.decode()
    assert 'name="reply"' in page and RETURN_COMMENT in page

    client.post(reverse("routes:route_action", args=[route.pk, "submit"]), {"reply": "Сроки уточнены, семинар добавлен"})

    event = CaseEvent.objects.filter(process_id=route.process_id, kind=CaseEvent.Kind.RESUBMITTED).get()
    assert event.comment == "Сроки уточнены, семинар добавлен"
    client.force_login(school.lead)
    page = client.get(route.get_absolute_url()).content.decode()
    reply = page.split('data-testid="author-reply"')[1].split('data-testid="decision"')[0]
    assert "Сроки уточнены, семинар добавлен" in reply
    assert "Сроки уточнены, семинар добавлен" in page.split('data-testid="timeline"')[1]
