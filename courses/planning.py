"""The schools' course needs for a year and the municipality's course plan consolidated from them
([002:143] «формирование банка данных педагогов на прохождение курсовой подготовки», [002:239] «сбор заявок
от образовательных организаций о потребностях в курсовой подготовке»).

A school (its director or methodical lead) submits needs: a focus and topic, for a number of its teachers
or for named ones. The municipality's methodist consolidates the year's needs into the plan: one line per
focus and topic, with the teachers and schools it gathers; consolidating again after new needs keeps the
programme chosen for a line that is still there.
"""
from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.history import acting_as
from accounts.models import Municipality, Organisation, User
from accounts.permissions import may, organisations_in_scope

from .models import Course, CourseNeed, CoursePlan, CoursePlanItem
from .services import add_error, errors_of, require


def need_of(organisation: Organisation) -> CourseNeed:
    return CourseNeed(organisation=organisation, municipality_id=organisation.municipality_id)


def need_organisations(user: User) -> list[Organisation]:
    """The organisations whose needs the person submits (a school's director or methodical lead)."""
    return [organisation for organisation in organisations_in_scope(user).order_by("short_name")
            if may(user, "submit", need_of(organisation))]


@transaction.atomic
def submit_need(actor: User, need: CourseNeed, people: Iterable[User] = ()) -> CourseNeed:
    """Submit a need of the organisation (`need.organisation` set) or change one: the school's director or
    methodical lead. Named teachers are the organisation's own; the number is at least theirs (their number
    when left out); a need is for this year or a later one."""
    people = list(people)
    if need.pk:
        stored = CourseNeed.objects.select_for_update().get(pk=need.pk)
        require(may(actor, "change", stored), _("You may not change this need."))
        need.organisation_id, need.municipality_id = stored.organisation_id, stored.municipality_id
        need.submitted_by_id, need.submitted_at = stored.submitted_by_id, stored.submitted_at
    else:
        require(need.organisation_id is not None and may(actor, "submit", need_of(need.organisation)),
                _("You may not submit course needs of this organisation."))
        need.municipality_id = need.organisation.municipality_id
        need.submitted_by = actor
    need.topic = (need.topic or "").strip()
    if need.teachers_count is None and people:
        need.teachers_count = len(people)
    errors = errors_of(need, exclude=["municipality", "submitted_by"])
    if need.year and need.year < timezone.localdate().year:
        add_error(errors, "year", _("Needs are submitted for this year or a later one."))
    strangers = [person for person in people if person.organisation_id != need.organisation_id]
    if strangers:
        add_error(errors, "people", _("Not a teacher of this organisation: %(names)s.") % {
            "names": ", ".join(str(person) for person in strangers)})
    if need.teachers_count and len(people) > need.teachers_count:
        add_error(errors, "teachers_count", _("Fewer teachers than those named."))
    if errors:
        raise ValidationError(errors)
    with acting_as(actor):
        need.save()
        need.people.set(people)
    return need


@transaction.atomic
def delete_need(actor: User, need: CourseNeed) -> None:
    require(may(actor, "delete", need), _("You may not delete this need."))
    stored = CourseNeed.objects.select_for_update().filter(pk=need.pk).first()
    if stored is not None:
        with acting_as(actor):
            stored.delete()


def line_key(need: CourseNeed) -> tuple[str, str]:
    """Needs of one focus and topic, whatever the case and spacing of the topic, are one line of the plan."""
    return need.focus, " ".join(need.topic.split()).casefold()


@transaction.atomic
def consolidate_plan(actor: User, municipality: Municipality, year: int, note: str | None = None) -> CoursePlan:
    """The municipality's course plan for the year, (re)built from the needs its schools submitted: the
    municipality's methodist. Lines no need asks for any more go; a line kept keeps its programme."""
    require(may(actor, "consolidate_course_plan", municipality),
            _("Only the municipality's methodist consolidates its course plan."))
    needs = list(CourseNeed.objects.filter(municipality=municipality, year=year).order_by("submitted_at", "pk"))
    if not needs:
        raise ValidationError({"year": _("No school has submitted course needs for %(year)s.") % {"year": year}})
    lines: dict[tuple[str, str], list[CourseNeed]] = {}
    for need in needs:
        lines.setdefault(line_key(need), []).append(need)
    with acting_as(actor):
        plan, created = CoursePlan.objects.select_for_update().get_or_create(
            municipality=municipality, year=year, defaults={"consolidated_by": actor, "note": note or ""})
        if not created:
            plan.consolidated_by, plan.consolidated_at = actor, timezone.now()
            if note is not None:
                plan.note = note
            plan.save()
        kept = {(item.focus, " ".join(item.topic.split()).casefold()): item for item in plan.items.all()}
        for key, item in kept.items():
            if key not in lines:
                item.delete()
        for key, gathered in lines.items():
            item = kept.get(key) or CoursePlanItem(plan=plan, focus=key[0])
            item.topic = gathered[0].topic
            item.teachers_count = sum(need.teachers_count for need in gathered)
            item.organisations_count = len({need.organisation_id for need in gathered})
            item.save()
            item.needs.set(gathered)
    return plan


@transaction.atomic
def choose_course(actor: User, item: CoursePlanItem, course: Course | None) -> CoursePlanItem:
    """Name the programme that meets a line of the plan (or none): the municipality's methodist."""
    require(may(actor, "change", item.plan), _("Only the municipality's methodist changes its course plan."))
    if course is not None and course.provider.region_id != item.plan.municipality.region_id:
        raise ValidationError({"course": _("Choose a programme of a provider of the region.")})
    item.course = course
    with acting_as(actor):
        item.save(update_fields=["course"])
    return item
