"""What the department does with orders: number, draft, correct and sign them. Pages, the API, the processes
that grant by order (site status, mentoring pairs…) and tests all come here.

[002:250] documents are signed by the head of the department, with date and number: the number comes from
the municipality's journal for the year, gapless, under a lock on the journal's row; a number typed by hand
is accepted unless that year already used it. A signed order never changes; a correction is a new order
citing it.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.history import acting_as
from accounts.models import Municipality, Organisation, Role, RoleAssignment, User
from accounts.permissions import may
from workflows.services import CaseConflict, Refused

from .grants import grant_to_named_directors
from .models import Order, OrderItem, OrderJournal
from .rules import action_for
from .signals import order_signed

ITEM_FIELDS = ("action", "organisation", "text", "starts_on", "ends_on", "record")


def next_number(municipality: Municipality, year: int, organisation: Organisation | None = None) -> str:
    """The number the journal gives next (`17-од`), without taking it; `organisation`'s own journal if given."""
    journal = OrderJournal.objects.filter(municipality=municipality, organisation=organisation, year=year).first()
    journal = journal or OrderJournal(municipality=municipality, organisation=organisation, year=year)
    return _free_number(journal, journal.last_number + 1)[1]


def draft_order(*, municipality: Municipality, subject: str, title: str, signatory: User, prepared_by: User,
                date: date, number: str | None = None, text: str = "", items: Iterable[dict],
                corrects: Order | None = None, issuer: Organisation | None = None) -> Order:
    """A draft order of the municipality's department, numbered from its journal unless `number` is given;
    with `issuer`, that organisation's own order (its director's), numbered from its own journal.

    Refused unless `prepared_by` may prepare orders there; a number that year already used, a signatory who
    is not the municipality's officer (the issuer's director) or an item out of order is a ValidationError
    naming its field, and nothing is saved.
    """
    order = Order(municipality=municipality, subject=subject, title=title, text=text, signatory=signatory,
                  prepared_by=prepared_by, date=date, corrects=corrects, issuer=issuer or _department(municipality),
                  by_organisation=issuer is not None)
    if not may(prepared_by, action_for(order, "prepare"), order):
        raise Refused(_("You may not prepare orders of this municipality."), "not_allowed")
    items = list(items)
    _validate(order, items)
    with acting_as(prepared_by), transaction.atomic():
        order.number = _take_number(order, number)
        _save(order)
        _save_items(order, items)
    return order


def update_draft(order: Order, user: User, *, items: Iterable[dict] | None = None, **fields) -> Order:
    """Change a draft's fields (number, date, subject, title, text, signatory) and, given, replace its items."""
    if not may(user, action_for(order, "edit"), order):
        raise Refused(_("You may not change this order."), "not_allowed")
    with acting_as(user), transaction.atomic():
        order = _locked(order)
        number = fields.pop("number", None)
        for name, value in fields.items():
            setattr(order, name, value)
        items = None if items is None else list(items)
        _validate(order, items)
        if number and number != order.number:
            order.number = _take_number(order, number)
        elif order.year != order.date.year:
            order.number = _take_number(order, order.number)
        _save(order)
        if items is not None:
            order.items.all().delete()
            _save_items(order, items)
    return order


def correct_order(order: Order, user: User, **changes) -> Order:
    """A new draft that corrects signed `order` and cites it; the old order stays as it was.

    It starts as a copy of the old one (its subject, title, text, signatory and items), dated today and
    numbered from the journal, with `changes` applied.
    """
    if not order.is_signed:
        raise CaseConflict(_("Only a signed order is corrected; a draft is edited."), code="draft")
    fields = {"municipality": order.municipality, "subject": order.subject, "title": order.title,
              "text": order.text, "signatory": order.signatory, "date": timezone.localdate(),
              "items": [{name: getattr(item, name) for name in ITEM_FIELDS} for item in order.items.all()]}
    fields.update(changes)
    return draft_order(prepared_by=user, corrects=order, issuer=order.issuer if order.by_organisation else None,
                       **fields)


def sign_order(order: Order, user: User) -> Order:
    """The signatory's signature: the order takes effect and never changes again; `order_signed` is sent
    once the signing is committed."""
    if not may(user, action_for(order, "sign"), order):
        raise Refused(_("You may not sign this order."), "not_allowed")
    with acting_as(user), transaction.atomic():
        order = _locked(order)
        order.status = Order.Status.SIGNED
        order.signed_at = timezone.now()
        order.save()
        grant_to_named_directors(order)
        transaction.on_commit(lambda: order_signed.send(sender=Order, order=order))
    return order


def issue_order(**fields) -> Order:
    """Draft and sign in one step, for a process whose step is the order (the officer deciding signs it):
    `prepared_by` must be allowed to sign. Nothing is saved if the signing is refused."""
    with transaction.atomic():
        order = draft_order(**fields)
        return sign_order(order, fields["prepared_by"])


def _locked(order: Order) -> Order:
    """The order re-read under its row lock; 409 once it is signed."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.is_signed:
        raise CaseConflict(_("The order is already signed: a correction is a new order."), code="signed")
    return order


def _department(municipality: Municipality) -> Organisation | None:
    return municipality.organisations.filter(kind=Organisation.Kind.DEPARTMENT).order_by("pk").first()


def _validate(order: Order, items: list[dict] | None) -> None:
    errors: dict[str, list] = {}
    if order.by_organisation:
        if not RoleAssignment.objects.active(order.date).filter(
                user=order.signatory_id, role=Role.DIRECTOR, organisation=order.issuer_id).exists():
            errors["signatory"] = [_("The organisation's order is signed by its director.")]
        if order.issuer.municipality_id != order.municipality_id:
            errors["issuer"] = [_("The organisation is not in the municipality of the order.")]
    elif not RoleAssignment.objects.active(order.date).filter(
            user=order.signatory_id, role=Role.OFFICER, municipality=order.municipality_id).exists():
        errors["signatory"] = [_("The order is signed by an officer of the municipality's department.")]
    if order.corrects_id and order.corrects.municipality_id != order.municipality_id:
        errors["corrects"] = [_("An order corrects an order of the same municipality.")]
    if items is not None:
        if not items:
            errors["items"] = [_("An order has at least one item.")]
        for index, item in enumerate(items):
            for field, message in _item_errors(order, item).items():
                errors[f"items[{index}].{field}"] = [message]
    if errors:
        raise ValidationError(errors)


def _item_errors(order: Order, item: dict) -> dict[str, str]:
    errors = {}
    if item.get("action") not in OrderItem.Action.values:
        errors["action"] = _("Choose what the item does.")
    if not (item.get("text") or "").strip():
        errors["text"] = _("Word the item.")
    organisation = item.get("organisation")
    if organisation is not None and organisation.municipality_id != order.municipality_id:
        errors["organisation"] = _("The organisation is not in the municipality of the order.")
    starts_on, ends_on = item.get("starts_on"), item.get("ends_on")
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = _("The term ends before it starts.")
    return errors


def _take_number(order: Order, number: str | None) -> str:
    """The typed `number` if the year has not used it, else the journal's next; under the journal's lock, so
    two orders of a municipality are numbered one after the other."""
    year = order.date.year
    organisation = order.issuer if order.by_organisation else None
    OrderJournal.objects.bulk_create([OrderJournal(municipality=order.municipality, organisation=organisation,
                                                   year=year)], ignore_conflicts=True)
    journal = OrderJournal.objects.select_for_update().get(municipality=order.municipality,
                                                           organisation=organisation, year=year)
    if number:
        number = number.strip()
        if _used(order, year, number):
            raise ValidationError({"number": [_("Number %(number)s is already used by an order of %(year)s.")
                                              % {"number": number, "year": year}]})
        return number
    journal.last_number, number = _free_number(journal, journal.last_number + 1)
    journal.save(update_fields=["last_number"])
    return number


def _free_number(journal: OrderJournal, start: int) -> tuple[int, str]:
    """The first journal number from `start` that no order of the year took by hand."""
    taken = set(_journal_orders(journal.municipality_id, journal.organisation_id, journal.year)
                .values_list("number", flat=True)) if journal.municipality_id else set()
    count = start
    while f"{count}{journal.suffix}" in taken:
        count += 1
    return count, f"{count}{journal.suffix}"


def _journal_orders(municipality_id: int, organisation_id: int | None, year: int):
    """The orders of one journal's year: the department's, or one organisation's own."""
    if organisation_id is None:
        return Order.objects.filter(municipality=municipality_id, year=year, by_organisation=False)
    return Order.objects.filter(issuer=organisation_id, year=year, by_organisation=True)


def _used(order: Order, year: int, number: str) -> bool:
    organisation_id = order.issuer_id if order.by_organisation else None
    return _journal_orders(order.municipality_id, organisation_id, year).filter(number=number).exclude(
        pk=order.pk).exists()


def _save(order: Order) -> None:
    try:
        with transaction.atomic():
            order.save()
    except IntegrityError:
        raise ValidationError({"number": [_("Number %(number)s is already used by an order of %(year)s.")
                                          % {"number": order.number, "year": order.date.year}]}) from None


def _save_items(order: Order, items: list[dict]) -> None:
    for position, item in enumerate(items, start=1):
        record = item.get("record")
        OrderItem.objects.create(
            order=order, position=position, action=item["action"], organisation=item.get("organisation"),
            text=item["text"].strip(), starts_on=item.get("starts_on"), ends_on=item.get("ends_on"),
            content_type=ContentType.objects.get_for_model(record) if record is not None else None,
            object_id=record.pk if record is not None else None)
