"""The worker: django-tasks-db's, which claims the next job with SELECT … FOR UPDATE SKIP LOCKED on
PostgreSQL (workers on several machines never claim one job twice), plus the periodic schedule."""
from __future__ import annotations

import logging
import time

from django.db import close_old_connections
from django.db.utils import OperationalError
from django_tasks.base import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME
from django_tasks_db.management.commands.db_worker import Worker as DatabaseWorker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from .schedule import queue_due

logger = logging.getLogger(__name__)
SCHEDULE_EVERY_SECONDS = 5


def claim_next(worker_id: str, backend_name: str = DEFAULT_TASK_BACKEND_ALIAS) -> DBTaskResult | None:
    """Claim the job to run next, if any: marked running by this worker before the claim commits."""
    ready = DBTaskResult.objects.ready().filter(backend_name=backend_name, queue_name=DEFAULT_TASK_QUEUE_NAME)
    try:
        with exclusive_transaction(ready.db):
            job = ready.get_locked()
            if job is not None:
                job.claim(worker_id)
            return job
    except OperationalError as error:
        if is_locked_database_exception(error):  # SQLite: another process writes; poll again
            return None
        raise


class Worker(DatabaseWorker):
    def __init__(self, *, worker_id: str, interval: float = 1, batch: bool = False, schedule: bool = True) -> None:
        super().__init__(queue_names=[DEFAULT_TASK_QUEUE_NAME], interval=interval, batch=batch,
                         backend_name=DEFAULT_TASK_BACKEND_ALIAS, startup_delay=False, max_tasks=None,
                         worker_id=worker_id, excluded_queue_names=[])
        self.schedule = schedule
        self.scheduled_at = 0.0

    def queue_periodic(self) -> None:
        if not self.schedule or time.monotonic() - self.scheduled_at < SCHEDULE_EVERY_SECONDS:
            return
        self.scheduled_at = time.monotonic()
        try:
            queued = queue_due()
        except OperationalError as error:
            if not is_locked_database_exception(error):  # SQLite: the server is writing; next time
                raise
            return
        if queued:
            logger.info("Queued periodic jobs: %s", ", ".join(queued))

    def run(self) -> None:
        logger.info("Starting worker %s", self.worker_id)
        while self.running:
            close_old_connections()  # a connection the database dropped while we slept
            self.queue_periodic()
            job = claim_next(self.worker_id, self.backend_name)
            if job is not None:
                self.run_task(job)
            elif self.batch:
                return
            close_old_connections()
            if self.running and job is None:
                time.sleep(self.interval)


def run_pending(worker_id: str = "inline") -> int:
    """Run every job that is ready, in this thread, then return how many ran (tests; a cron line)."""
    worker = Worker(worker_id=worker_id, batch=True, schedule=False)
    ran = 0
    while (job := claim_next(worker_id)) is not None:
        worker.run_task(job)
        ran += 1
    return ran
