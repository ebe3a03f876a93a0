"""Reads about the queue, for health checks and the soak run."""
from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max


def waiting_jobs():
    """Jobs ready to run now and not yet claimed by a worker (retries waiting for their time excluded)."""
    now = timezone.now()
    return DBTaskResult.objects.filter(status=TaskResultStatus.READY).filter(
        Q(run_after=get_date_max()) | Q(run_after__lte=now))


def queue_lag_seconds() -> float:
    """How long the oldest waiting job has waited since it became due (0 with none waiting)."""
    now = timezone.now()
    oldest = waiting_jobs().order_by("enqueued_at").values_list("enqueued_at", "run_after").first()
    if oldest is None:
        return 0.0
    enqueued_at, run_after = oldest
    became_due = enqueued_at if run_after == get_date_max() else max(enqueued_at, run_after)
    return max((now - became_due).total_seconds(), 0.0)
