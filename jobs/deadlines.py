"""Jobs that keep deadlines moving: Viewflow's timers, reminders before a step is due, the daily rebuild
of role grants (for assignments whose validity begins or ends)."""
from __future__ import annotations

import logging
from datetime import timedelta
from datetime import timezone as dt_timezone

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS
from viewflow.workflow.timers import fire_due_timers

from accounts.grants import sync_all_role_grants
from accounts.history import acting_as
from accounts.system import system_actor
from workflows.notifications import notify

from .models import DeadlineReminder

logger = logging.getLogger(__name__)
OPEN = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


@task()
def fire_timers() -> int:
    """Fire the due workflow timers (deadlines, escalation). Several at once are safe: Viewflow re-reads
    each timer under its flow's row lock and fires only one still scheduled."""
    with acting_as(system_actor()):
        return fire_due_timers()


@task()
def rebuild_grants() -> int:
    with acting_as(system_actor()):
        return sync_all_role_grants()


def iso_utc(moment) -> str:
    """A moment as task data keeps due dates (UTC ISO text, compared as text)."""
    return moment.astimezone(dt_timezone.utc).isoformat()


@task()
def remind_due_steps() -> int:
    """Tell whoever must act on an open step that it is due within DEADLINE_REMINDER_DAYS, once per task;
    how many tasks were reminded."""
    now = timezone.now()
    soon = Task.objects.filter(
        status__in=OPEN, data__due_at__gt=iso_utc(now),
        data__due_at__lte=iso_utc(now + timedelta(days=settings.DEADLINE_REMINDER_DAYS)),
        deadline_reminder__isnull=True,
    ).select_related("process", "owner").order_by("pk")
    reminded = 0
    with override(settings.LANGUAGE_CODE):
        for step in soon.iterator():
            try:
                with transaction.atomic():
                    _reminder, created = DeadlineReminder.objects.get_or_create(task=step)
                    if created:
                        remind(step)
                        reminded += 1
            except Exception:  # one broken case must not hold up the others' reminders; it is tried next run
                logger.exception("Task %s: the deadline reminder failed", step.pk)
    return reminded


def remind(step: Task) -> None:
    flow = step.flow_task.flow_class.instance
    recipients = flow.candidates(step.process, step) if hasattr(flow, "candidates") else [step.owner]
    case = step.process.artifact
    due = timezone.localtime(parse_datetime(step.data["due_at"]))
    notify(recipients, _("%(case)s: the step «%(step)s» is due by %(due)s") % {
        "case": case.number, "step": step.data.get("step_title", ""),
        "due": formats.date_format(due, "SHORT_DATETIME_FORMAT")}, case.get_absolute_url())
