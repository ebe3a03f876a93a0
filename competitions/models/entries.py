"""A contestant's entry (заявка участника): the nomination by a director or by the teacher, the consent to the
processing of personal data (152-ФЗ), the materials per round, admission and the result (domain.md §2.5)."""
from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process

from accounts.history import audited_history
from scoring.models import ExpertAssignment
from workflows.models import Case, StoredFile

from .rounds import Nomination, Round
from .setup import Competition


class Placement(models.TextChoices):
    WINNER = "winner", _("winner")
    PRIZE_WINNER = "prize_winner", _("prize-winner")
    PARTICIPANT = "participant", _("participant")


class Entry(Case):
    number_prefix = "КНК"

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        ADMISSION = "admission", _("under admission by the committee")
        RETURNED = "returned", _("returned for missing documents")
        ADMITTED = "admitted", _("admitted to the rounds")
        ELIMINATED = "eliminated", _("did not go on to the next round")
        FINISHED = "finished", _("results approved")
        REFUSED = "refused", _("admission refused")
        WITHDRAWN = "withdrawn", _("withdrawn")

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    competition = models.ForeignKey(Competition, models.PROTECT, related_name="entries",
                                    verbose_name=_("competition"))
    nomination = models.ForeignKey(Nomination, models.PROTECT, null=True, blank=True, related_name="entries",
                                   verbose_name=_("nomination"))
    # `author` is who nominated: the director, or the nominee where self-nomination is allowed.
    nominee = models.ForeignKey("accounts.User", models.PROTECT, related_name="competition_entries",
                                verbose_name=_("contestant"))
    about = models.TextField(_("about the contestant"), blank=True)
    consent_given_on = models.DateField(_("consent to the processing of personal data given on"), null=True,
                                        blank=True)
    prepared_by = models.ForeignKey("accounts.User", models.SET_NULL, null=True, blank=True, related_name="+",
                                    verbose_name=_("prepared by (methodist or mentor)"))
    forwarded_from = models.OneToOneField("self", models.PROTECT, null=True, blank=True,
                                          related_name="forwarded_to", verbose_name=_("forwarded from"))
    # The round being scored (`scoring` reads `expertise_round`): the position of the current round.
    expertise_round = models.PositiveSmallIntegerField(_("current round"), default=0)
    total = models.DecimalField(_("total score"), max_digits=9, decimal_places=2, null=True, blank=True)
    rank = models.PositiveIntegerField(_("place"), null=True, blank=True)
    placement = models.CharField(_("result"), max_length=20, choices=Placement.choices, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    assignments = GenericRelation(ExpertAssignment, related_query_name="competition_entry")
    history = audited_history()

    class Meta:
        verbose_name = _("competition entry")
        verbose_name_plural = _("competition entries")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(
            fields=["competition", "nominee"], condition=~models.Q(status__in=["withdrawn", "refused"]),
            name="one_live_entry_per_contestant")]
        indexes = [models.Index(fields=["competition", "status"]),
                   models.Index(fields=["municipality", "status", "-created_at"]),
                   # the start page counts the cases in scope by status and step from the index alone
                   models.Index(fields=["municipality", "status", "current_step"])]

    def get_absolute_url(self) -> str:
        return reverse("competitions:entry", kwargs={"pk": self.pk})

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def subject(self) -> str:
        return self.nominee.subject

    def authors(self) -> list:
        """The contestant and who nominated them: no juror of their organisation judges the entry."""
        return [self.nominee] if self.author_id == self.nominee_id else [self.nominee, self.author]


class EntryProcess(Process):
    class Meta:
        proxy = True
        verbose_name = _("competition entry process")
        verbose_name_plural = _("competition entry processes")


class EntryMaterial(StoredFile):
    """A contestant's material for a round (the portfolio, the essay, the lesson's plan)."""

    upload_folder = "competitions"

    entry = models.ForeignKey(Entry, models.CASCADE, related_name="materials", verbose_name=_("entry"))
    round = models.ForeignKey(Round, models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name=_("round"))
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    history = audited_history()

    class Meta:
        verbose_name = _("contestant's material")
        verbose_name_plural = _("contestants' materials")
        ordering = ["round__position", "pk"]
