"""The mentoring pages: the list and its filters, a proposal refused by field, the director's order opened
for signing, a pair with its evaluation and history, the pairs on a mentor's start page."""
import pytest
from django.urls import reverse

from mentoring.models import Mentorship
from orders.pdf import order_html

pytestmark = pytest.mark.django_db


def test_the_list_is_filtered_by_kind_and_status(world, client):
    client.force_login(world.director)
    page = client.get(reverse("mentoring:index"), {"status": "ended"}).content.decode()
    assert world.ended.get_absolute_url() in page and world.active.get_absolute_url() not in page
    page = client.get(reverse("mentoring:index"), {"kind": "difficulties"}).content.decode()
    assert world.active.get_absolute_url() in page and world.ended.get_absolute_url() not in page
    assert "наставник – педагог, испытывающий затруднения" in page


def test_a_second_mentor_of_a_kind_is_refused_next_to_the_mentee(world, client):
    client.force_login(world.director)
    response = client.post(reverse("mentoring:propose"), {
        "mentor": world.teacher.pk, "mentee": world.mentee.pk, "kind": "difficulties",
        "starts_on": "2026-09-01", "ends_on": "2027-05-31"})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "mentee": ["У наставляемого уже есть действующий наставник этого вида."]}
    assert 'data-testid="error-mentee"' in response.content.decode()


def test_issuing_the_order_opens_the_directors_draft_for_signing(world, client):
    client.force_login(world.director)
    form = client.get(reverse("mentoring:issue")).content.decode()
    assert f'value="{world.proposed.pk}"' in form and f'value="{world.active.pk}"' not in form
    response = client.post(reverse("mentoring:issue"), {"pairs": [world.proposed.pk], "date": "2026-08-31"})
    order = world.proposed.order
    assert response.status_code == 302 and response.url == order.get_absolute_url()
    page = client.get(response.url).content.decode()
    assert 'data-testid="order-sign"' in page and "Гимназия № 7" in page
    assert [item.record for item in order.items.all()] == [world.proposed]
    printed = order_html(order)
    assert "Гимназия № 7" in printed and "Назначить" in printed


def test_the_order_is_dated_and_refused_by_field(world, client):
    client.force_login(world.director)
    response = client.post(reverse("mentoring:issue"), {"pairs": [world.proposed.pk], "date": ""})
    assert response.status_code == 200 and "date" in response.context["form"].errors
    assert world.proposed.order is None


def test_an_ended_pair_shows_its_evaluation_and_history(world, client):
    client.force_login(world.lead)
    page = client.get(world.ended.get_absolute_url()).content.decode()
    assert "Освоены приёмы работы с цифровыми ресурсами" in page and "достаточный" in page
    assert 'data-testid="history-row"' in page and 'data-testid="pair-end"' not in page
    active = client.get(world.active.get_absolute_url()).content.decode()
    assert 'data-testid="pair-end"' in active and 'data-testid="pair-order"' not in active
    client.force_login(world.director)
    page = client.get(world.active.get_absolute_url()).content.decode()
    assert f'href="{world.active.order.get_absolute_url()}"' in page


def test_the_end_form_shows_each_missing_field(world, client):
    client.force_login(world.director)
    response = client.post(reverse("mentoring:end", args=[world.active.pk]), {"ended_on": "2027-05-31"})
    assert response.status_code == 200
    assert 'data-testid="error-evaluation"' in response.content.decode()
    assert world.active.status == Mentorship.Status.ACTIVE


def test_the_mentor_sees_their_pairs_on_their_start_page(world, client):
    client.force_login(world.mentor)
    page = client.get("/cabinet/").content.decode()
    assert 'data-testid="start-mentoring-pair"' in page and world.active.get_absolute_url() in page
    assert world.proposed.get_absolute_url() not in page


def test_the_director_edits_their_draft_order_keeping_the_pair_it_names(world, client):
    client.force_login(world.director)
    client.post(reverse("mentoring:issue"), {"pairs": [world.proposed.pk], "date": "2026-08-31"})
    order = world.proposed.order
    item = order.items.get()
    response = client.post(f"/orders/{order.pk}/edit/", {
        "municipality": world.municipality.pk, "number": order.number, "date": "2026-08-31",
        "subject": order.subject, "title": "О наставничестве", "text": "", "signatory": world.director.pk,
        "items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "1", "items-0-item": item.pk, "items-0-action": item.action,
        "items-0-organisation": world.school.pk, "items-0-text": item.text, "items-0-starts_on": "2026-09-01",
        "items-0-ends_on": "2027-05-31"})
    assert response.status_code == 302, response.context["form"].errors
    order.refresh_from_db()
    assert order.title == "О наставничестве" and [i.record for i in order.items.all()] == [world.proposed]
