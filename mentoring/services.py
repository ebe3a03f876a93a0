"""What the director does with mentoring pairs: propose them, set them by their own order, end them with an
evaluation of the term. Pages, the API, the demo and tests all come here.

[004:28] the director's organisation builds its system of mentoring; a pair is set by the director's order
(domain.md §2.6) and becomes active when that order is signed (`activate_named`, on `order_signed`).
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
from accounts.models import Organisation, User
from accounts.permissions import may
from orders import services as orders
from orders.models import Order, OrderItem
from workflows.services import CaseConflict, Refused

from .models import Mentorship

def propose_pair(user: User, organisation: Organisation, *, mentor: User | None, mentee: User | None, kind: str,
                 starts_on: date | None, ends_on: date | None, competence: str = "") -> Mentorship:
    """A proposed pair of the director's organisation, to be set by their order.

    Refused unless `user` proposes the organisation's pairs; people of another organisation, a mentor who is
    their own mentee, a term that ends before it starts or a mentee who already has an active mentor of the
    kind is a ValidationError naming its field, and nothing is saved.
    """
    if not may(user, "propose_mentorships", organisation):
        raise Refused(_("You may not propose the mentoring pairs of this organisation."), "not_allowed")
    pair = Mentorship(organisation=organisation, mentor=mentor, mentee=mentee, kind=kind, starts_on=starts_on,
                      ends_on=ends_on, competence=(competence or "").strip(), proposed_by=user)
    _validate(pair)
    with acting_as(user):
        pair.save()
    return pair


def _validate(pair: Mentorship) -> None:
    errors: dict[str, list[str]] = {}
    for field in ("mentor", "mentee"):
        person = getattr(pair, field)
        if person is None:
            errors[field] = [_("Choose a person.")]
        elif person.organisation_id != pair.organisation_id:
            errors[field] = [_("The person does not work in the organisation of the pair.")]
    if pair.mentor is not None and pair.mentor == pair.mentee:
        errors["mentee"] = [_("A mentor is not their own mentee.")]
    if pair.kind not in Mentorship.Kind.values:
        errors["kind"] = [_("Choose the kind of pair.")]
    elif pair.kind == Mentorship.Kind.COMPETENCE and not pair.competence:
        errors["competence"] = [_("Name the competence the pair works on.")]
    if pair.starts_on is None:
        errors["starts_on"] = [_("Give the date the pair starts.")]
    if pair.ends_on is None:
        errors["ends_on"] = [_("Give the date the pair ends.")]
    elif pair.starts_on and pair.ends_on < pair.starts_on:
        errors["ends_on"] = [_("The term ends before it starts.")]
    if "mentee" not in errors and has_active_mentor(pair.mentee, pair.kind, other_than=pair):
        errors["mentee"] = [_("The mentee already has an active mentor of this kind.")]
    if errors:
        raise ValidationError(errors)


def has_active_mentor(mentee: User, kind: str, *, other_than: Mentorship | None = None) -> bool:
    pairs = Mentorship.objects.filter(mentee=mentee, kind=kind, status=Mentorship.Status.ACTIVE)
    if other_than is not None and other_than.pk:
        pairs = pairs.exclude(pk=other_than.pk)
    return pairs.exists()


def issue_order(user: User, organisation: Organisation, pairs: Iterable[Mentorship], *, date: date,
                number: str | None = None, title: str = "") -> Order:
    """The director's draft order setting `pairs` (each its item), numbered from the organisation's own
    journal and signed by the director; the pairs become active once it is signed.

    A pair of another organisation, one already named by an order, or two pairs giving a mentee two
    mentors of a kind is a ValidationError on `pairs`; nothing is saved.
    """
    pairs = list(pairs)
    if not may(user, "propose_mentorships", organisation) or not all(may(user, "issue_order", p) for p in pairs):
        raise Refused(_("You may not issue the mentoring orders of this organisation."), "not_allowed")
    errors = _order_errors(organisation, pairs)
    if errors:
        raise ValidationError({"pairs": errors})
    items = [{"action": OrderItem.Action.APPOINT, "organisation": organisation, "record": pair,
              "starts_on": pair.starts_on, "ends_on": pair.ends_on,
              "text": _("To appoint %(mentor)s the mentor of %(mentee)s (%(kind)s) from %(start)s to %(end)s.") % {
                  "mentor": pair.mentor.get_full_name(), "mentee": pair.mentee.get_full_name(),
                  "kind": pair.get_kind_display(), "start": pair.starts_on.strftime("%d.%m.%Y"),
                  "end": pair.ends_on.strftime("%d.%m.%Y")}} for pair in pairs]
    with transaction.atomic():
        order = orders.draft_order(
            municipality=organisation.municipality, issuer=organisation, subject=Order.Subject.MENTORING,
            title=title or _("On mentoring pairs"), signatory=user, prepared_by=user, date=date, number=number,
            items=items)
        with acting_as(user):
            for pair in pairs:
                pair.order = order
                pair.save(update_fields=["order"])
    return order


def _order_errors(organisation: Organisation, pairs: list[Mentorship]) -> list[str]:
    if not pairs:
        return [_("Choose the pairs the order sets.")]
    errors, kinds = [], set()
    for pair in pairs:
        if pair.organisation_id != organisation.pk:
            errors.append(_("The pair %(pair)s is not of your organisation.") % {"pair": pair})
        elif pair.status != Mentorship.Status.PROPOSED or pair.order_id is not None:
            errors.append(_("The pair %(pair)s is already named by an order.") % {"pair": pair})
        elif (pair.mentee_id, pair.kind) in kinds or has_active_mentor(pair.mentee, pair.kind) or _in_a_draft(pair):
            errors.append(_("%(mentee)s would have two mentors of one kind.") % {"mentee": pair.mentee})
        kinds.add((pair.mentee_id, pair.kind))
    return errors


def _in_a_draft(pair: Mentorship) -> bool:
    """Does another order, not yet signed, already give the pair's mentee a mentor of its kind?"""
    return Mentorship.objects.filter(mentee=pair.mentee_id, kind=pair.kind, status=Mentorship.Status.PROPOSED,
                                     order__isnull=False).exclude(pk=pair.pk).exists()


def activate_named(order: Order) -> list[Mentorship]:
    """The proposed pairs a signed order names become active, the signatory acting.

    Run on `order_signed`, after the signing is committed: a pair whose mentee got an active mentor of the
    kind meanwhile stays proposed (the database refuses the second), the others activate.
    """
    if order.subject != Order.Subject.MENTORING or not order.is_signed:
        return []
    named = order.items.filter(content_type=ContentType.objects.get_for_model(Mentorship)).values("object_id")
    activated = []
    with acting_as(order.signatory):
        for pair in Mentorship.objects.filter(pk__in=named, status=Mentorship.Status.PROPOSED):
            pair.status, pair.order = Mentorship.Status.ACTIVE, order
            try:
                with transaction.atomic():
                    pair.save(update_fields=["status", "order"])
            except IntegrityError:
                continue
            activated.append(pair)
    return activated


def end_pair(pair: Mentorship, user: User, *, ended_on: date | None, end_reason: str, result: str,
             evaluation: str) -> Mentorship:
    """The end of an active pair with the evaluation of its term, by the director or the school's
    methodical lead — never by the mentor or the mentee themselves."""
    if not may(user, "end", pair):
        raise Refused(_("You may not end this mentoring pair."), "not_allowed")
    if user.pk in (pair.mentor_id, pair.mentee_id):
        raise Refused(_("You do not evaluate a pair you belong to."), "conflict_of_interest")
    errors: dict[str, list[str]] = {}
    if ended_on is None:
        errors["ended_on"] = [_("Give the date the pair ended.")]
    elif ended_on < pair.starts_on:
        errors["ended_on"] = [_("The pair ends before it starts.")]
    if not (end_reason or "").strip():
        errors["end_reason"] = [_("Say why the pair ends.")]
    if result not in Mentorship.Result.values:
        errors["result"] = [_("Choose the result of the term.")]
    if not (evaluation or "").strip():
        errors["evaluation"] = [_("Write the evaluation of the term.")]
    if errors:
        raise ValidationError(errors)
    with acting_as(user), transaction.atomic():
        pair = Mentorship.objects.select_for_update().get(pk=pair.pk)
        if pair.status != Mentorship.Status.ACTIVE:
            raise CaseConflict(_("Only an active pair ends."), code="not_active")
        pair.status, pair.ended_on, pair.end_reason = Mentorship.Status.ENDED, ended_on, end_reason.strip()
        pair.result, pair.evaluation = result, evaluation.strip()
        pair.evaluated_by, pair.evaluated_at = user, timezone.now()
        pair.save()
    return pair
