"""The orders' pages: the journal, a draft with its rows, errors beside their fields, signing, the print form."""
from io import BytesIO

import pytest
from pypdf import PdfReader

from orders.models import Order
from orders.pdf import order_html
from orders import services
from tests.orders.world import ORDER_DATE, draft, grant_item, signed

pytestmark = pytest.mark.django_db


def form_data(department, **fields) -> dict:
    data = {"municipality": department.municipality.pk, "number": "", "date": "2026-03-02",
            "subject": Order.Subject.SITE_STATUS, "title": "О присвоении статуса базовой площадки",
            "text": "На основании протокола экспертного совета", "signatory": department.officer.pk,
            "items-TOTAL_FORMS": "2", "items-INITIAL_FORMS": "0",
            "items-0-action": "grant", "items-0-organisation": department.school.pk,
            "items-0-text": "Присвоить статус базовой площадки", "items-0-starts_on": "2026-03-02",
            "items-0-ends_on": "2029-03-01",
            "items-1-action": "", "items-1-organisation": "", "items-1-text": "", "items-1-starts_on": "",
            "items-1-ends_on": ""}
    return {**data, **fields}


def test_the_methodist_drafts_an_order_with_its_rows_and_the_journal_numbers_it(client, department):
    client.force_login(department.methodist)
    response = client.post("/orders/new/", form_data(department))
    order = Order.objects.get()
    assert response.status_code == 302 and response.url == f"/orders/{order.pk}/"
    assert order.number == "1-од" and order.prepared_by == department.methodist
    assert [item.organisation for item in order.items.all()] == [department.school]


def test_add_a_row_shows_one_more_empty_row_and_saves_nothing(client, department):
    client.force_login(department.officer)
    response = client.post("/orders/new/", form_data(department, add_row="1", title=""))
    page = response.content.decode()
    assert 'name="items-TOTAL_FORMS" value="3"' in page and page.count('data-testid="item-form-row"') == 3 + 1
    assert 'data-testid="error-title"' not in page
    assert not Order.objects.exists()


def test_a_used_number_is_told_next_to_its_field_in_russian_and_nothing_is_saved(client, department):
    draft(department, number="7-од")
    client.force_login(department.officer)
    response = client.post("/orders/new/", form_data(department, number="7-од"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="error-number"' in page and "Номер 7-од уже занят приказом 2026 года." in page
    assert Order.objects.count() == 1


def test_a_bad_row_is_told_on_its_row(client, department):
    client.force_login(department.officer)
    response = client.post("/orders/new/", form_data(department, **{"items-0-ends_on": "2020-01-01"}))
    page = response.content.decode()
    assert 'data-testid="row-error">Срок заканчивается раньше, чем начинается.' in page
    assert not Order.objects.exists()


def test_no_items_at_all_is_told_above_the_rows(client, department):
    client.force_login(department.officer)
    response = client.post("/orders/new/", form_data(department, **{"items-0-action": "", "items-0-text": "", "items-0-organisation": "",
                                                                     "items-0-starts_on": "", "items-0-ends_on": ""}))
    assert "В приказе должен быть хотя бы один пункт." in response.content.decode()


def test_a_draft_is_edited_keeping_the_record_its_item_names(client, department):
    order = services.draft_order(municipality=department.municipality, subject=Order.Subject.SITE_STATUS,
                                 title="О присвоении статуса", signatory=department.officer,
                                 prepared_by=department.officer, date=ORDER_DATE,
                                 items=[grant_item(department.school, record=department.other_school)])
    item = order.items.get()
    client.force_login(department.officer)
    page = client.get(f"/orders/{order.pk}/edit/").content.decode()
    assert "Присвоить статус муниципальной инновационной площадки" in page
    response = client.post(f"/orders/{order.pk}/edit/", form_data(
        department, title="Исправленный заголовок", number=order.number, **{"items-0-item": item.pk,
                                                                             "items-INITIAL_FORMS": "1"}))
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.title == "Исправленный заголовок" and order.number == "1-од"
    assert order.items.get().record == department.other_school


def test_the_officer_signs_and_the_signed_page_offers_no_edit(client, department):
    order = draft(department)
    client.force_login(department.officer)
    assert 'data-testid="order-edit"' in client.get(f"/orders/{order.pk}/").content.decode()
    assert client.post(f"/orders/{order.pk}/sign/").status_code == 302
    page = client.get(f"/orders/{order.pk}/").content.decode()
    assert 'data-testid="order-edit"' not in page and 'data-testid="order-sign"' not in page
    assert 'data-testid="order-correct"' in page
    assert client.get(f"/orders/{order.pk}/edit/").status_code == 403
    assert client.post(f"/orders/{order.pk}/edit/", form_data(department, title="Другое")).status_code == 403
    order.refresh_from_db()
    assert order.is_signed and order.title == "О присвоении статуса муниципальной инновационной площадки"


def test_a_correction_opens_as_a_draft_that_cites_the_old_order_on_both_pages(client, department):
    old = signed(department)
    client.force_login(department.officer)
    response = client.post(f"/orders/{old.pk}/correct/")
    correction = Order.objects.get(corrects=old)
    assert response.url == f"/orders/{correction.pk}/edit/"
    assert 'data-testid="order-corrects"' in client.get(f"/orders/{correction.pk}/").content.decode()
    assert "№ 2-од" in client.get(f"/orders/{old.pk}/").content.decode()


def test_the_journal_filters_by_year_subject_status_and_searches_number_or_title(client, department):
    first = signed(department)
    second = draft(department, title="Об итогах мониторинга", subject=Order.Subject.MONITORING)
    client.force_login(department.auditor)

    def numbers(query: str) -> int:
        return client.get(f"/orders/?{query}").content.decode().count('data-testid="order-row"')

    assert numbers("") == 2
    assert numbers("status=signed") == 1 and numbers(f"subject={Order.Subject.MONITORING}") == 1
    assert numbers("q=мониторинг") == 1 and numbers(f"q={second.number}") == 1
    assert numbers("year=2026") == 2 and numbers("year=1990") == 2  # an unknown year is refused, not applied
    assert "Выберите корректный вариант" in client.get("/orders/?year=abc").content.decode()
    assert first.number in client.get("/orders/").content.decode()


def test_the_pdf_is_an_order_in_the_usual_layout(client, department):
    order = signed(department)
    client.force_login(department.director)
    response = client.get(f"/orders/{order.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages).split())
    assert "ПРИКАЗ" in text and "№ 1-од" in text and "02.03.2026" in text
    assert "ПРИКАЗЫВАЮ:" in text and "О. В. Ковалёва" in text and "Проект" not in text
    assert "Управление образования администрации Славянского района".upper() in text.upper()


def test_a_draft_prints_with_the_draft_mark(department):
    assert "Проект" in order_html(draft(department))
