"""What the job machinery keeps beside the queue's own table (django_tasks_db.DBTaskResult)."""
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
