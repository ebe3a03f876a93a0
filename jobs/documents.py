"""The life of a job a person started from a page (jobs.DocumentJob): the page creates it with its upload
and queues the work in the same transaction; the work (a job on the queue, run by a worker on any
machine) claims it, reports progress and records the outcome; the person watches its page."""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import visible

from .models import DocumentJob

logger = logging.getLogger(__name__)
State = DocumentJob.State
Progress = Callable[[int, int], None]
PROGRESS_STEPS = 50  # a long job writes its progress about this many times, not on every row


def create_job(actor: User, kind: str, params: dict, upload: File | None = None) -> DocumentJob:
    """A queued job of `actor`'s with its uploaded file stored; the caller queues the work with it."""
    job = DocumentJob(started_by=actor, kind=kind, params=params)
    if upload is not None:
        job.upload_name = upload.name[:255]
        job.upload.save(upload.name, upload, save=False)
    job.save()
    return job


def recent_jobs(user: User, kind: str, limit: int = 5) -> QuerySet[DocumentJob]:
    """The jobs of `kind` the person started, newest first: the page that starts them lists them."""
    return visible(user, "view", DocumentJob.objects.filter(kind=kind)).order_by("-created_at", "-pk")[:limit]


def claim(job_id: int) -> DocumentJob | None:
    """The queued job, marked running; None when it ran already (the queue gave it twice) or is gone."""
    with transaction.atomic():
        job = DocumentJob.objects.select_for_update().filter(pk=job_id, state=State.QUEUED).first()
        if job is None:
            return None
        job.state = State.RUNNING
        job.save(update_fields=["state"])
    return job


def progress_of(job: DocumentJob) -> Progress:
    """A callback that records `done` of `total` on the job, committed at once so its page sees it."""
    written = {"done": -1}

    def report(done: int, total: int) -> None:
        step = max(total // PROGRESS_STEPS, 1)
        if done < total and done - written["done"] < step:
            return
        written["done"] = done
        job.done, job.total = done, total
        DocumentJob.objects.filter(pk=job.pk).update(done=done, total=total)

    return report


def finish(job: DocumentJob, state: str, message: str, errors: Sequence[str] = ()) -> None:
    job.state, job.message, job.errors, job.finished_at = state, message, list(errors), timezone.now()
    if state == State.DONE:
        job.done = job.total = max(job.total, job.done)
    job.save(update_fields=["state", "message", "errors", "finished_at", "done", "total"])


def run_safely(job: DocumentJob, work: Callable[[DocumentJob], None]) -> None:
    """Run `work` on the claimed job; whatever it raises, the job ends failed with a Russian message (its
    own transaction rolled back, nothing it saved is lost) and the queue records the error."""
    try:
        work(job)
    except Exception:
        logger.exception("Document job %s (%s) failed", job.pk, job.kind)
        job.refresh_from_db()
        finish(job, State.FAILED, _("The job failed because of an error on the server. Nothing was saved; "
                                    "try again later or tell the administrator."))
        raise
