"""Numbering, drafts, corrections and signing of orders, through the services every caller uses."""
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from orders import services
from orders.models import Order, OrderIsSigned, OrderItem, OrderJournal
from orders.signals import order_signed
from workflows.services import CaseConflict, Refused
from tests.orders.world import ORDER_DATE, draft, grant_item, signed


def test_the_journal_numbers_a_municipalitys_orders_one_after_another(department):
    assert services.next_number(department.municipality, 2026) == "1-од"
    first, second = draft(department), draft(department)
    assert (first.number, second.number) == ("1-од", "2-од")
    assert services.next_number(department.municipality, 2026) == "3-од"
    assert OrderJournal.objects.get(municipality=department.municipality, year=2026).last_number == 2


def test_each_year_starts_its_journal_again(department):
    draft(department)
    assert draft(department, date=date(2027, 1, 10)).number == "1-од"


def test_a_typed_number_is_kept_and_the_journal_skips_it(department):
    assert draft(department, number="2-од").number == "2-од"
    assert draft(department).number == "1-од"
    assert draft(department).number == "3-од"


def test_a_number_used_that_year_is_refused_on_its_field_and_nothing_is_saved(department):
    draft(department, number="17-од")
    with pytest.raises(ValidationError) as error:
        draft(department, number="17-од", organisation=department.other_school)
    assert error.value.message_dict == {"number": ["Номер 17-од уже занят приказом 2026 года."]}
    assert Order.objects.count() == 1 and OrderItem.objects.count() == 1


def test_the_signatory_is_an_officer_of_the_municipality(department):
    with pytest.raises(ValidationError) as error:
        services.draft_order(municipality=department.municipality, subject=Order.Subject.OTHER, title="О проекте",
                             signatory=department.methodist, prepared_by=department.officer, date=ORDER_DATE,
                             items=[grant_item(department.school)])
    assert list(error.value.message_dict) == ["signatory"]
    assert not Order.objects.exists()


def test_bad_items_are_named_by_their_row(department):
    with pytest.raises(ValidationError) as error:
        services.draft_order(
            municipality=department.municipality, subject=Order.Subject.OTHER, title="О проекте",
            signatory=department.officer, prepared_by=department.officer, date=ORDER_DATE,
            items=[grant_item(department.school), grant_item(department.school, text=" ", ends_on=date(2020, 1, 1))])
    assert set(error.value.message_dict) == {"items[1].text", "items[1].ends_on"}
    assert not OrderJournal.objects.filter(last_number__gt=0).exists()


def test_a_teacher_or_another_municipality_prepares_no_order(department):
    for person in (department.teacher, department.director, department.stranger, department.auditor):
        with pytest.raises(Refused):
            draft(department, by=person)
    assert not Order.objects.exists()


def test_the_methodist_prepares_a_draft_but_does_not_sign_it(department):
    order = draft(department, by=department.methodist)
    with pytest.raises(Refused):
        services.sign_order(order, department.methodist)
    assert services.sign_order(order, department.officer).status == Order.Status.SIGNED


def test_a_signed_order_and_its_items_refuse_every_change(department):
    order = signed(department)
    with pytest.raises(CaseConflict) as error:
        services.update_draft(order, department.officer, title="Другое")
    assert error.value.code == "signed"
    with pytest.raises(CaseConflict):
        services.sign_order(order, department.officer)
    order.title = "Другое"
    with pytest.raises(OrderIsSigned):
        order.save()
    with pytest.raises(OrderIsSigned):
        order.delete()
    item = order.items.get()
    item.text = "Другое"
    with pytest.raises(OrderIsSigned):
        item.save()
    with pytest.raises(OrderIsSigned):
        item.delete()
    order.refresh_from_db()
    assert order.title == "О присвоении статуса муниципальной инновационной площадки"
    assert order.items.get().text.startswith("Присвоить статус")


def test_a_draft_is_edited_and_its_items_replaced(department):
    order = draft(department)
    services.update_draft(order, department.methodist, title="Об изменении",
                          items=[grant_item(department.other_school), grant_item(department.school)])
    order.refresh_from_db()
    assert order.title == "Об изменении"
    assert [item.organisation for item in order.items.all()] == [department.other_school, department.school]
    assert [item.position for item in order.items.all()] == [1, 2]


def test_a_correction_is_a_new_draft_citing_the_old_order_which_stays_as_it_was(department):
    old = signed(department)
    correction = services.correct_order(old, department.officer, title="О внесении изменений в приказ № 1-од")
    assert correction.corrects == old and correction.status == Order.Status.DRAFT
    assert correction.number == "2-од" and correction.items.count() == 1
    assert list(old.corrections.all()) == [correction]
    old.refresh_from_db()
    assert old.title == "О присвоении статуса муниципальной инновационной площадки" and old.is_signed


def test_signing_sends_order_signed_once_on_commit(department, django_capture_on_commit_callbacks):
    received = []

    def receiver(sender, order, **kwargs):
        received.append(order.pk)

    order_signed.connect(receiver)
    try:
        order = draft(department)
        with django_capture_on_commit_callbacks(execute=True):
            services.sign_order(order, department.officer)
        with pytest.raises(CaseConflict), django_capture_on_commit_callbacks(execute=True):
            services.sign_order(order, department.officer)
    finally:
        order_signed.disconnect(receiver)
    assert received == [order.pk]


def test_issue_order_drafts_and_signs_in_one_step_with_the_record_it_names(department):
    order = services.issue_order(municipality=department.municipality, subject=Order.Subject.SITE_STATUS,
                                 title="О присвоении статуса", signatory=department.officer,
                                 prepared_by=department.officer, date=ORDER_DATE,
                                 items=[grant_item(department.school, record=department.school)])
    assert order.is_signed and order.signed_at is not None
    assert order.items.get().record == department.school


def test_issue_order_by_a_methodist_saves_nothing(department):
    with pytest.raises(Refused):
        services.issue_order(municipality=department.municipality, subject=Order.Subject.SITE_STATUS,
                             title="О присвоении статуса", signatory=department.officer,
                             prepared_by=department.methodist, date=ORDER_DATE, items=[grant_item(department.school)])
    assert not Order.objects.exists()
    assert services.next_number(department.municipality, 2026) == "1-од"


def test_every_change_is_in_the_history_with_who_made_it(department):
    order = draft(department, by=department.methodist)
    services.sign_order(order, department.officer)
    assert [(row.history_type, row.status, row.history_user) for row in order.history.order_by("history_id")] == [
        ("+", "draft", department.methodist), ("~", "signed", department.officer)]
