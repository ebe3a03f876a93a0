"""The shared case machinery: review chains, case numbers, timelines, files, notifications."""
import re
import uuid
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.history import audited_history
from accounts.models import Municipality, Role, Scope, role_permissions

from ..types import process_choices


class ReviewerScope(models.TextChoices):
    """Where the reviewer of a step holds their role, relative to the case."""

    PERSONAL = "personal", _("a person named in the case (e.g. the mentor)")
    ORGANISATION = "organisation", _("the author's organisation")
    MUNICIPALITY = "municipality", _("the municipality")


class Stage(models.TextChoices):
    AGREEMENT = "agreement", _("agreement")
    EVALUATION = "evaluation", _("evaluation of results")
    DECISION = "decision", _("decision on the expertise")


class Chain(models.Model):
    """A municipality's review chain for one process (цепочка согласования).

    Every edit of its steps raises `version`; a case copies the steps when it starts and keeps them,
    so editing a chain never changes running cases.
    """

    municipality = models.ForeignKey(Municipality, models.CASCADE, related_name="chains", verbose_name=_("municipality"))
    process = models.CharField(_("process"), max_length=20, choices=process_choices)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = audited_history()

    scope_lookups = {"municipality": "municipality", "region": "municipality__region"}

    class Meta:
        verbose_name = _("review chain")
        verbose_name_plural = _("review chains")
        ordering = ["municipality__name", "process"]
        constraints = [models.UniqueConstraint(fields=["municipality", "process"], name="chain_unique_per_process")]

    def __str__(self) -> str:
        return f"{self.get_process_display()} — {self.municipality} (v{self.version})"


class ChainStep(models.Model):
    chain = models.ForeignKey(Chain, models.CASCADE, related_name="steps", verbose_name=_("chain"))
    order = models.PositiveSmallIntegerField(_("order"))
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.AGREEMENT)
    code = models.SlugField(_("code"), max_length=50, help_text=_("e.g. lead_agreement"))
    title = models.CharField(_("title"), max_length=200)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    reviewer_scope = models.CharField(_("reviewer's scope"), max_length=20, choices=ReviewerScope.choices)
    deadline_days = models.PositiveSmallIntegerField(_("deadline, working days"), default=5)
    escalation_role = models.CharField(_("escalation to"), max_length=20, choices=Role.choices, blank=True)
    may_reject = models.BooleanField(_("may reject"), default=False)
    for_amendments = models.BooleanField(
        _("agrees amendments"), default=True, help_text=_("Amendments during implementation pass this step again.")
    )
    history = audited_history()

    class Meta:
        verbose_name = _("chain step")
        verbose_name_plural = _("chain steps")
        ordering = ["chain", "order"]
        constraints = [models.UniqueConstraint(fields=["chain", "code"], name="chain_step_code_unique")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.reviewer_scope == ReviewerScope.PERSONAL and self.role not in (Role.MENTOR, Role.TUTOR):
            raise ValidationError({"reviewer_scope": _("Only a mentor or a tutor is named in the case personally.")})

    def snapshot(self) -> dict:
        return {
            "code": self.code,
            "title": self.title,
            "stage": self.stage,
            "role": self.role,
            "reviewer_scope": self.reviewer_scope,
            "deadline_days": self.deadline_days,
            "escalation_role": self.escalation_role,
            "may_reject": self.may_reject,
            "for_amendments": self.for_amendments,
        }


class CaseCounter(models.Model):
    """The last number given to a case of one kind in one year (ИОМ-2026-000123)."""

    prefix = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="case_counter_unique")]


class Decision(models.TextChoices):
    APPROVE = "approve", _("approve")
    RETURN = "return", _("return for revision")
    REJECT = "reject", _("reject")


class CaseEvent(models.Model):
    """One line of a case's timeline: a submission, a decision, a comment, a file, an overdue step."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        RESUBMITTED = "resubmitted", _("resubmitted after revision")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned for revision")
        REJECTED = "rejected", _("rejected")
        ACTIVITY_DONE = "activity_done", _("activity carried out")
        ACTIVITY_REOPENED = "activity_reopened", _("activity reopened")
        COMMENT = "comment", _("comment")
        AMENDMENT = "amendment", _("amendment proposed")
        REPORT = "report", _("final report submitted")
        EVALUATED = "evaluated", _("results evaluated")
        OVERDUE = "overdue", _("step overdue")
        CLOSED = "closed", _("closed")
        CONFLICT_OF_INTEREST = "conflict_of_interest", _("passed on: conflict of interest")

    process = models.ForeignKey("viewflow.Process", models.CASCADE, related_name="case_events")
    task = models.ForeignKey("viewflow.Task", models.SET_NULL, null=True, blank=True, related_name="+")
    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    step_title = models.CharField(_("step"), max_length=200, blank=True)
    actor = models.ForeignKey("accounts.User", models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name=_("who"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    history = audited_history()

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["process", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%d.%m.%Y %H:%M}"


def stored_file_path(instance: "StoredFile", filename: str) -> str:
    """A random name in the model's `upload_folder`, so no one finds the file by guessing; `name` keeps
    the original for the download."""
    return f"{instance.upload_folder}/{uuid.uuid4().hex}{safe_suffix(filename)}"


def safe_suffix(filename: str) -> str:
    """The extension of an uploaded name, lower case and of plain characters only, for the stored file."""
    suffix = PurePath(filename).suffix.lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]{1,10}", suffix) else ""


class StoredFile(models.Model):
    """An uploaded file kept under a random name, with its original name and size for the download."""

    upload_folder = "cases"

    file = models.FileField(_("file"), upload_to=stored_file_path, max_length=300)
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size, bytes"))

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name


class CaseFile(StoredFile):
    event = models.ForeignKey(CaseEvent, models.CASCADE, related_name="files", verbose_name=_("event"))
    history = audited_history()

    class Meta:
        verbose_name = _("attached file")
        verbose_name_plural = _("attached files")


class Notification(models.Model):
    """An in-app message to whoever must act next, or to the author about a decision; and its e-mail,
    sent by a background job (workflows.mail) once the decision that wrote the notice has committed."""

    class Mail(models.TextChoices):
        NONE = "", _("no e-mail")
        PENDING = "pending", _("to be sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("not delivered")

    recipient = models.ForeignKey("accounts.User", models.CASCADE, related_name="notifications")
    message = models.CharField(_("message"), max_length=500)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    mail_status = models.CharField(_("e-mail"), max_length=8, choices=Mail, default=Mail.NONE, blank=True)
    mail_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    # When the next attempt is due: a pending notice long past it lost its worker (mail.requeue_stalled_mail).
    mail_due_at = models.DateTimeField(_("e-mail due"), null=True, blank=True)
    mailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    mail_error = models.CharField(_("e-mail error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["mail_due_at"], condition=models.Q(mail_status="pending"),
                         name="notification_mail_pending"),
        ]

    def __str__(self) -> str:
        return self.message
