"""Proposing, setting by the director's order, and ending mentoring pairs."""
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import User
from mentoring import services
from mentoring.models import Mentorship
from orders import services as orders
from orders.models import Order, OrderIsSigned
from orders.services import sign_order
from tests.mentoring.world import TERM, propose
from workflows.services import CaseConflict, Refused

pytestmark = pytest.mark.django_db


def errors_of(raised) -> dict:
    return raised.value.message_dict


def test_a_pair_with_a_person_of_another_organisation_is_refused_by_name(world):
    with pytest.raises(ValidationError) as raised:
        propose(world.director, world.school, world.mentor, world.other_teacher, Mentorship.Kind.COMPETENCE,
                competence="Формирующее оценивание")
    assert errors_of(raised) == {"mentee": ["Педагог не работает в организации пары."]}


def test_the_order_refuses_a_pair_of_another_organisation(world):
    theirs = propose(world.other_director, world.other_school, world.other_director, world.other_teacher)
    with pytest.raises(Refused):
        services.issue_order(world.director, world.school, [theirs], date=date(2026, 9, 1))
    assert not Order.objects.filter(subject=Order.Subject.MENTORING, items__object_id=theirs.pk).exists()


def test_a_mentor_is_never_their_own_mentee(world):
    with pytest.raises(ValidationError) as raised:
        propose(world.director, world.school, world.teacher, world.teacher)
    assert errors_of(raised)["mentee"] == ["Наставник не может быть собственным наставляемым."]


def test_a_second_active_mentor_of_a_kind_is_refused_by_the_service(world):
    with pytest.raises(ValidationError) as raised:
        propose(world.director, world.school, world.teacher, world.mentee, Mentorship.Kind.DIFFICULTIES)
    assert errors_of(raised) == {"mentee": ["У наставляемого уже есть действующий наставник этого вида."]}


def test_a_second_active_mentor_of_a_kind_is_refused_by_the_database(world):
    second = Mentorship(organisation=world.school, mentor=world.teacher, mentee=world.mentee,
                        kind=Mentorship.Kind.DIFFICULTIES, status=Mentorship.Status.ACTIVE,
                        proposed_by=world.director, **TERM)
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_signing_the_directors_order_activates_the_pairs_it_names(world, django_capture_on_commit_callbacks):
    order = services.issue_order(world.director, world.school, [world.proposed], date=date(2026, 8, 31))
    assert order.issuer == world.school and order.by_organisation and order.number == "2-од"
    assert Mentorship.objects.get(pk=world.proposed.pk).status == Mentorship.Status.PROPOSED
    with django_capture_on_commit_callbacks(execute=True):
        sign_order(order, world.director)
    pair = Mentorship.objects.get(pk=world.proposed.pk)
    assert (pair.status, pair.order) == (Mentorship.Status.ACTIVE, order)
    assert pair.history.first().history_user == world.director


def test_the_officer_does_not_sign_a_schools_order(world):
    order = services.issue_order(world.director, world.school, [world.proposed], date=date(2026, 8, 31))
    with pytest.raises(Refused):
        sign_order(order, world.methodist)


def test_a_signed_order_does_not_change(world):
    order = world.active.order
    order.title = "Иначе"
    with pytest.raises(OrderIsSigned):
        order.save()
    with pytest.raises(OrderIsSigned):
        order.items.first().delete()


def test_an_order_names_a_pair_once(world):
    with pytest.raises(ValidationError) as raised:
        services.issue_order(world.director, world.school, [world.active], date=date(2026, 9, 1))
    assert list(errors_of(raised)) == ["pairs"]


def test_ending_records_the_evaluation_and_who_evaluated(world):
    pair = services.end_pair(world.active, world.lead, ended_on=date(2027, 5, 31), end_reason="Срок истёк",
                             result=Mentorship.Result.HIGH, evaluation="Затруднения преодолены")
    stored = Mentorship.objects.get(pk=pair.pk)
    assert (stored.status, stored.result, stored.evaluated_by) == (Mentorship.Status.ENDED, "high", world.lead)
    assert stored.history.first().history_user == world.lead
    with pytest.raises(CaseConflict):
        services.end_pair(stored, world.lead, ended_on=date(2027, 5, 31), end_reason="Ещё раз",
                          result=Mentorship.Result.HIGH, evaluation="Снова")


def test_an_end_without_its_evaluation_saves_nothing(world):
    with pytest.raises(ValidationError) as raised:
        services.end_pair(world.active, world.director, ended_on=None, end_reason="", result="", evaluation="")
    assert set(errors_of(raised)) == {"ended_on", "end_reason", "result", "evaluation"}
    assert Mentorship.objects.get(pk=world.active.pk).status == Mentorship.Status.ACTIVE


def test_the_mentor_does_not_evaluate_their_own_pair(world):
    world.mentor.role_assignments.create(role="lead", organisation=world.school, valid_from=date(2020, 1, 1))
    with pytest.raises(Refused):
        services.end_pair(world.active, User.objects.get(pk=world.mentor.pk), ended_on=date(2027, 5, 31),
                          end_reason="Срок истёк",
                          result=Mentorship.Result.HIGH, evaluation="Хорошо")


def test_the_school_numbers_its_orders_from_its_own_journal(world):
    assert orders.next_number(world.municipality, 2026) == "1-од"  # the department's journal is untouched
    assert orders.next_number(world.municipality, 2026, world.school) == "2-од"
    assert orders.next_number(world.municipality, 2026, world.other_school) == "1-од"


def test_two_draft_orders_do_not_give_a_mentee_two_mentors_of_a_kind(world):
    services.issue_order(world.director, world.school, [world.proposed], date=date(2026, 8, 31))
    rival = propose(world.director, world.school, world.teacher, world.mentee)
    with pytest.raises(ValidationError) as raised:
        services.issue_order(world.director, world.school, [rival], date=date(2026, 8, 31))
    assert errors_of(raised) == {"pairs": ["У педагога Mentee Мария Петровна оказалось бы два наставника одного вида."]}
