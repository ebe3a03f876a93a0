"""What the methodical service does with its work plan: draw it up for a year, add and edit its items,
report on an item (status and result), approve the plan, write the year's analysis of its execution.
Pages, the API, the demo and tests all come here; each checks `may(...)` before it reads the input.

[000:216-236] a plan's line is what is done, by when and by whom; an item is closed with its result
(issue 16), and the year's analysis counts what was done on time, late and not at all
[001:107,319-329; 004:91].
"""
from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.history import acting_as
from accounts.models import Municipality, User
from accounts.permissions import may
from workflows.services import CaseConflict

from .indicators import Indicator
from .models import PlanItem, Section, WorkPlan

FIRST_YEAR, LAST_YEAR = 2000, 2100
ITEM_FIELDS = ("section", "title", "deadline", "responsible", "indicator")


def draw_up_plan(user: User, municipality: Municipality, *, year: int, title: str = "") -> WorkPlan:
    """The municipality's work plan for `year`, drawn up by its methodist or officer; one plan a year."""
    if not may(user, "plan_work", municipality):
        raise PermissionDenied(_("You may not draw up this municipality's work plan."))
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError({"year": _("Give a year between %(first)s and %(last)s.") % {
            "first": FIRST_YEAR, "last": LAST_YEAR}})
    duplicate = ValidationError({"year": _("The municipality already has a work plan for %(year)s.") % {
        "year": year}}, code="duplicate")
    if WorkPlan.objects.filter(municipality=municipality, year=year).exists():
        raise duplicate
    plan = WorkPlan(municipality=municipality, year=year, title=title.strip()[:300], created_by=user)
    try:
        with acting_as(user), transaction.atomic():
            plan.save()
    except IntegrityError:  # another methodist drew it up a moment ago
        raise duplicate from None
    return plan


def _item_errors(plan: WorkPlan, fields: dict) -> dict[str, str]:
    errors = {}
    if fields.get("section") not in Section.values:
        errors["section"] = _("Choose the section of the roadmap.")
    if not (fields.get("title") or "").strip():
        errors["title"] = _("Say what is to be done.")
    elif len(fields["title"].strip()) > 1000:
        errors["title"] = _("At most 1000 characters.")
    deadline = fields.get("deadline")
    if not isinstance(deadline, date):
        errors["deadline"] = _("Give the deadline.")
    elif deadline.year != plan.year:
        errors["deadline"] = _("The deadline is outside the plan's year %(year)s.") % {"year": plan.year}
    responsible = fields.get("responsible")
    if not isinstance(responsible, User):
        errors["responsible"] = _("Name the person responsible.")
    elif not responsible.is_active or responsible.organisation is None or (
            responsible.organisation.municipality_id != plan.municipality_id):
        errors["responsible"] = _("The person responsible works in another municipality.")
    if (fields.get("indicator") or "") not in ("", *Indicator.values):
        errors["indicator"] = _("Choose an indicator from the list.")
    return errors


def add_item(plan: WorkPlan, user: User, **fields) -> PlanItem:
    """A new line of the plan, numbered after the last one: `section`, `title`, `deadline` within the
    plan's year, `responsible` of the municipality, and optionally the `indicator` it serves."""
    if not may(user, "edit", plan):
        raise PermissionDenied(_("You may not change this work plan."))
    errors = _item_errors(plan, fields)
    if errors:
        raise ValidationError(errors)
    with acting_as(user), transaction.atomic():
        WorkPlan.objects.select_for_update().filter(pk=plan.pk).exists()  # numbers given one at a time
        last = plan.items.aggregate(last=Max("number"))["last"] or 0
        item = PlanItem(plan=plan, number=last + 1, **_cleaned(fields))
        item.save()
    return item


def edit_item(item: PlanItem, user: User, **fields) -> PlanItem:
    """The item's section, wording, deadline, responsible or indicator changed; a closed item is reopened
    first, so that its result keeps saying what it was given for. Once the plan is approved its items say
    what was approved: they are only reported on (`report_on_item`)."""
    if not may(user, "edit", item.plan):
        raise PermissionDenied(_("You may not change this work plan."))
    _refuse_if_approved(item.plan)
    changed = {name: fields.get(name, getattr(item, name)) for name in ITEM_FIELDS}
    errors = _item_errors(item.plan, changed)
    if errors:
        raise ValidationError(errors)
    with acting_as(user), transaction.atomic():
        _refuse_if_approved(WorkPlan.objects.select_for_update().get(pk=item.plan_id))  # approved meanwhile
        item = PlanItem.objects.select_for_update().get(pk=item.pk)
        if item.is_closed:
            raise ValidationError(_("The item is closed: reopen it (in progress) before changing it."),
                                  code="closed")
        for name, value in _cleaned(changed).items():
            setattr(item, name, value)
        item.save()
    return item


def _refuse_if_approved(plan: WorkPlan) -> None:
    if plan.is_approved:
        raise CaseConflict(_("The plan is approved: its items are no longer changed, only their status and "
                             "result are reported."), code="approved")


def _cleaned(fields: dict) -> dict:
    return {"section": fields["section"], "title": fields["title"].strip(), "deadline": fields["deadline"],
            "responsible": fields["responsible"], "indicator": fields.get("indicator") or ""}


def report_on_item(item: PlanItem, user: User, *, status: str, result: str = "",
                   closed_on: date | None = None) -> PlanItem:
    """The responsible person, the methodist or the officer sets the item's status and its result. Done
    or not done closes the item and needs a result (what was done, or why not), dated `closed_on` (today
    unless given, never in the future); planned or in progress reopens it."""
    if not may(user, "report", item):
        raise PermissionDenied(_("You may not report on this plan item."))
    errors = {}
    result = (result or "").strip()
    today = timezone.localdate()
    if status not in PlanItem.Status.values:
        errors["status"] = _("Choose the item's status.")
    elif status in PlanItem.CLOSED:
        if not result:
            errors["result"] = _("An item is closed with its result: say what was done.")
        if closed_on is not None and closed_on > today:
            errors["closed_on"] = _("The item cannot be closed on a future date.")
    if errors:
        raise ValidationError(errors)
    with acting_as(user), transaction.atomic():
        item = PlanItem.objects.select_for_update().get(pk=item.pk)
        item.status, item.result = status, result or item.result
        if status in PlanItem.CLOSED:
            item.closed_on, item.closed_by = closed_on or today, user
        else:
            item.closed_on = item.closed_by = None
        item.save()
    return item


def approve_plan(plan: WorkPlan, user: User) -> WorkPlan:
    """The head of the department approves the plan: who and when are recorded; a plan without items is
    not approved."""
    if not may(user, "approve", plan):
        raise PermissionDenied(_("You may not approve this work plan."))
    with acting_as(user), transaction.atomic():
        plan = WorkPlan.objects.select_for_update().get(pk=plan.pk)
        if plan.is_approved:
            raise ValidationError(_("The plan is already approved."), code="approved")
        if not plan.items.exists():
            raise ValidationError(_("A plan without items is not approved: add its items first."),
                                  code="empty")
        plan.approved_by, plan.approved_at = user, timezone.now()
        plan.save()
    return plan


def write_analysis(plan: WorkPlan, user: User, *, text: str) -> WorkPlan:
    """The year's analysis of the plan's execution, in words, beside the counts computed from its items
    (`workplan.selectors.execution`)."""
    if not may(user, "analyse", plan):
        raise PermissionDenied(_("You may not write this plan's analysis."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"analysis": _("Write the analysis of the plan's execution.")})
    with acting_as(user), transaction.atomic():
        plan = WorkPlan.objects.select_for_update().get(pk=plan.pk)
        plan.analysis, plan.analysed_by, plan.analysed_at = text, user, timezone.now()
        plan.save()
    return plan
