"""The task queue kept per person (`workflows.queue` keeps it equal to what Viewflow's queue decides)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class QueueEntry(models.Model):
    """An open human task waiting for a person: theirs, or theirs to take (a guardian grant of the task's queue
    permission on its object, for them or a group of theirs, or the permission held outright).

    Every task of the queue also has one entry without a person, for those who may take any task (superusers);
    `anyone` marks that entry of a task without a queue permission, which everybody may take.
    """

    task = models.ForeignKey("viewflow.Task", models.CASCADE, related_name="queue_entries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, null=True, related_name="+")
    anyone = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "user"], name="workflows_queue_task_user"),
            models.UniqueConstraint(fields=["task"], condition=Q(user__isnull=True),
                                    name="workflows_queue_task_itself"),
        ]
        indexes = [models.Index(fields=["anyone"], condition=Q(anyone=True), name="workflows_queue_anyone")]

    def __str__(self) -> str:
        return f"{self.task_id} → {self.user_id or '*'}"
