"""Review chains: the defaults of domain.md, per-municipality copies, and working-day deadlines."""
from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Municipality, Role

from .models import Chain, ChainStep, ProcessKind, ReviewerScope, Stage


def default_steps(process: str) -> list[dict]:
    """The default chains of domain.md §2.2 and §2.3; a municipality edits its own copy."""
    if process == ProcessKind.ROUTE:
        return [
            dict(code="mentor_agreement", title=_("Agreement by the mentor"), role=Role.MENTOR,
                 reviewer_scope=ReviewerScope.PERSONAL, deadline_days=3, escalation_role=Role.LEAD),
            dict(code="lead_agreement", title=_("Agreement by the school methodical lead"), role=Role.LEAD,
                 reviewer_scope=ReviewerScope.ORGANISATION, deadline_days=5, escalation_role=Role.DIRECTOR),
            dict(code="director_approval", title=_("Approval by the director"), role=Role.DIRECTOR,
                 reviewer_scope=ReviewerScope.ORGANISATION, deadline_days=5, escalation_role=Role.METHODIST,
                 may_reject=True),
            dict(code="evaluation", title=_("Evaluation of results by the school methodical lead"),
                 stage=Stage.EVALUATION, role=Role.LEAD, reviewer_scope=ReviewerScope.ORGANISATION,
                 deadline_days=10, escalation_role=Role.DIRECTOR, for_amendments=False),
        ]
    if process == ProcessKind.MATERIAL:
        return [
            dict(code="completeness_check", title=_("Completeness check by the municipal methodist"),
                 role=Role.METHODIST, reviewer_scope=ReviewerScope.MUNICIPALITY, deadline_days=5,
                 escalation_role=Role.OFFICER, may_reject=True),
            dict(code="expertise_decision", title=_("Decision on the expertise by the municipal methodist"),
                 stage=Stage.DECISION, role=Role.METHODIST, reviewer_scope=ReviewerScope.MUNICIPALITY,
                 deadline_days=5, escalation_role=Role.OFFICER, may_reject=True, for_amendments=False),
        ]
    raise ValueError(process)


@transaction.atomic
def chain_for(municipality: Municipality, process: str) -> Chain:
    """The municipality's chain for a process, created from the defaults on first use."""
    chain, created = Chain.objects.get_or_create(municipality=municipality, process=process)
    if created:
        for order, step in enumerate(default_steps(process), start=1):
            ChainStep.objects.create(chain=chain, order=order, **step)
        Chain.objects.filter(pk=chain.pk).update(version=1)  # the defaults are the first version
        chain.refresh_from_db()
    return chain


def snapshot(chain: Chain) -> list[dict]:
    return [step.snapshot() for step in chain.steps.order_by("order")]


def add_working_days(start: datetime, days: int) -> datetime:
    """The end of the `days`-th working day after `start` (Saturdays and Sundays are not working days)."""
    day = timezone.localtime(start).date()
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            remaining -= 1
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))
