"""Consultations of the methodical centre for teachers, heads and parents [000:130; 001:100-101;
002:135-137; 004:66]: recorded after they are held by whoever consulted (a methodist or a tutor of the
municipality), corrected by a methodist."""
from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.history import acting_as
from accounts.models import Municipality, User
from accounts.permissions import may
from workflows.services import Refused

from .models import Consultation

FIELDS = ("audience", "topic", "form", "held_at", "organisation", "whom", "attendees", "visit", "notes",
          "follows_course")


def record_consultation(user: User, *, municipality: Municipality, people=(), **fields) -> Consultation:
    """A consultation `user` gave in `municipality`; the people consulted must be of it. Nothing is saved on
    a ValidationError, which names its field."""
    if not may(user, "consult", municipality):
        raise Refused(_("You may not record consultations in this municipality."), "not_allowed")
    consultation = Consultation(municipality=municipality, consulted_by=user)
    return _saved(consultation, user, people, fields)


def update_consultation(consultation: Consultation, user: User, *, people=None, **fields) -> Consultation:
    """A methodist corrects a consultation; `people`, given, replace those named."""
    if not may(user, "edit", consultation):
        raise Refused(_("You may not change this consultation."), "not_allowed")
    return _saved(consultation, user, people, fields)


def _saved(consultation: Consultation, user: User, people, fields: dict) -> Consultation:
    for name, value in fields.items():
        if name not in FIELDS:
            raise TypeError(f"Unknown field of a consultation: {name}")
        setattr(consultation, name, "" if value is None and name in ("whom", "notes") else value)
    people = None if people is None else list(people)
    _validate(consultation, people)
    with acting_as(user), transaction.atomic():
        consultation.save()
        if people is not None:
            consultation.people.set(people)
    return consultation


def _validate(consultation: Consultation, people: list[User] | None) -> None:
    errors = {}
    try:
        consultation.full_clean(exclude=["people"])
    except ValidationError as error:
        errors.update(error.message_dict)
    held_at: datetime | None = consultation.held_at
    if held_at and held_at > timezone.now():
        errors.setdefault("held_at", []).append(_("A consultation is recorded after it is held: the time is in the future."))
    municipality_id = consultation.municipality_id
    if people and any(person.organisation is None or person.organisation.municipality_id != municipality_id
                      for person in people):
        errors["people"] = [_("Everyone consulted must work in the consultation's municipality.")]
    visit = consultation.visit
    if visit is not None and visit.schedule.municipality_id != municipality_id:
        errors["visit"] = [_("The visit is of another municipality.")]
    course = consultation.follows_course
    if course is not None and course.provider.region_id != consultation.municipality.region_id:
        errors["follows_course"] = [_("The course is not in the list of the municipality's region.")]
    if consultation.audience == Consultation.Audience.PARENTS and not (consultation.whom or "").strip():
        errors.setdefault("whom", []).append(_("Say whom the parents' consultation was for."))
    if errors:
        raise ValidationError(errors)
