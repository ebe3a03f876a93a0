"""What the job machinery keeps beside the queue's own table (django_tasks_db.DBTaskResult)."""
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.history import audited_history
from workflows.models import stored_file_path


class PeriodicJob(models.Model):
    """When a periodic job (jobs.schedule) is next due. Whichever worker locks the row first queues the
    job; the others skip the locked row, so several workers queue each run once."""

    name = models.CharField(_("job"), max_length=64, primary_key=True)
    next_run_at = models.DateTimeField(_("next run"))
    last_queued_at = models.DateTimeField(_("last queued"), null=True, blank=True)

    class Meta:
        verbose_name = _("periodic job")
        verbose_name_plural = _("periodic jobs")

    def __str__(self) -> str:
        return self.name


class DeadlineReminder(models.Model):
    """A step's task whose reviewers were reminded of its due date: one reminder per task."""

    task = models.OneToOneField("viewflow.Task", models.CASCADE, related_name="deadline_reminder")
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")

    def __str__(self) -> str:
        return str(self.task_id)


# The kinds of work a person may start: each app that starts document jobs registers its own (`register_kind`,
# from its AppConfig.ready), so the job machinery names no process.
_kinds: dict[str, Any] = {}


def register_kind(key: str, title: Any) -> str:
    _kinds[key] = title
    return key


def kind_choices() -> list[tuple[str, Any]]:
    return list(_kinds.items())


class DocumentJob(models.Model):
    """A long piece of work a person started from a page (an import, a large document): its progress and
    result are for that person alone. The uploaded file and the result live on the storage every server
    and worker shares, under random names."""

    upload_folder = "jobs"

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="document_jobs",
                                   verbose_name=_("started by"))
    kind = models.CharField(_("kind"), max_length=32, choices=kind_choices)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    message = models.TextField(_("message"), blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    upload = models.FileField(_("uploaded file"), upload_to=stored_file_path, max_length=300, blank=True)
    upload_name = models.CharField(_("uploaded file name"), max_length=255, blank=True)
    result = models.FileField(_("result"), upload_to=stored_file_path, max_length=300, blank=True)
    result_name = models.CharField(_("result file name"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    history = audited_history()

    class Meta:
        verbose_name = _("document job")
        verbose_name_plural = _("document jobs")
        indexes = [models.Index(fields=["started_by", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%d.%m.%Y %H:%M}"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)
