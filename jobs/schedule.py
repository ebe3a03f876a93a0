"""The periodic jobs and when each is due. Every worker calls `queue_due()` as it polls; the row lock on
each job's PeriodicJob row (skipped when another worker holds it) makes one of them queue each run."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks.base import Task

from workflows.mail import requeue_stalled_mail

from .deadlines import fire_timers, rebuild_grants, remind_due_steps
from .models import PeriodicJob


@dataclass(frozen=True)
class Periodic:
    name: str
    job: Task
    every: timedelta | None = None
    daily_at: time | None = None  # local time

    def next_run(self, after: datetime) -> datetime:
        if self.every is not None:
            return after + self.every
        local = timezone.localtime(after)
        moment = local.replace(hour=self.daily_at.hour, minute=self.daily_at.minute, second=0, microsecond=0)
        return moment if moment > local else moment + timedelta(days=1)


def schedule() -> list[Periodic]:
    return [
        Periodic("fire_timers", fire_timers, every=timedelta(minutes=1)),
        Periodic("remind_due_steps", remind_due_steps, every=timedelta(hours=1)),
        Periodic("requeue_stalled_mail", requeue_stalled_mail,
                 every=timedelta(seconds=max(settings.MAIL_STALL_SECONDS // 2, 1))),
        # Also at the first start of the first worker, as each job is due when its row is created.
        Periodic("rebuild_grants", rebuild_grants, daily_at=time(3, 0)),
    ]


def queue_due(now: datetime | None = None) -> list[str]:
    """Queue every periodic job that is due and no other worker is queueing; the names queued."""
    now = now or timezone.now()
    entries = {entry.name: entry for entry in schedule()}
    queued = []
    with transaction.atomic():
        PeriodicJob.objects.bulk_create([PeriodicJob(name=name, next_run_at=now) for name in entries],
                                        ignore_conflicts=True)
        due = PeriodicJob.objects.select_for_update(skip_locked=True).filter(name__in=entries, next_run_at__lte=now)
        for row in due.order_by("name"):
            entry = entries[row.name]
            entry.job.enqueue()
            row.next_run_at, row.last_queued_at = entry.next_run(now), now
            row.save(update_fields=["next_run_at", "last_queued_at"])
            queued.append(row.name)
    return queued
