"""The register of sites (реестр площадок): entering a granted status, recording one granted from outside,
revoking by order, and the share of organisations with a status (domain.md §2.4; [002:232] Slavyansk's
target: at least 25 % of organisations are sites)."""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from accounts.history import acting_as
from accounts.models import Municipality, Organisation, Role, RoleAssignment, User
from accounts.permissions import may
from orders.models import Order, OrderItem
from workflows.models import CaseEvent
from workflows.queue import refresh_tasks

from .models import AnnualReport, Site, SiteApplication, SiteKind, SiteLevel
from .register_flow import SiteFlow

# The organisations whose share is counted ([002:232]): schools, kindergartens, supplementary education.
COUNTED_KINDS = (Organisation.Kind.SCHOOL, Organisation.Kind.PRESCHOOL, Organisation.Kind.SUPPLEMENTARY)
TARGET_SHARE = Decimal(25)  # per cent, Slavyansk's target [002:232]
CURRENT = (Site.Status.ACTIVE, Site.Status.EXTENDED)


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def month_before(day: date) -> date:
    """The same day a month earlier (the last day of that month if it has no such day)."""
    year, month = (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def current_on(on: date, prefix: str = "") -> Q:
    """Sites whose status holds on the day: active or extended, within their term (`prefix`: the path to
    the site from the model queried, `sites__`)."""
    return Q(**{f"{prefix}status__in": CURRENT, f"{prefix}starts_on__lte": on, f"{prefix}ends_on__gte": on})


def current_sites(on: date | None = None) -> QuerySet[Site]:
    return Site.objects.filter(current_on(on or timezone.localdate()))


def schedule_reports(site: Site) -> None:
    """One report for every year of the term, each opening a month before its anniversary."""
    years = max(1, site.ends_on.year - site.starts_on.year)
    reports = []
    for year in range(1, years + 1):
        due = min(add_years(site.starts_on, year), site.ends_on)
        reports.append(AnnualReport(site=site, year_of_term=year, due_on=due, opens_on=month_before(due)))
    AnnualReport.objects.bulk_create(reports)


def start_term(site: Site) -> Site:
    """The site's term process starts: municipal sites report to their curator each year, every site
    closes at the end of its term."""
    if site.level == SiteLevel.MUNICIPAL:
        schedule_reports(site)
    SiteFlow.start.run(site=site)
    site.refresh_from_db()
    return site


def granting_item(application: SiteApplication, order: Order) -> OrderItem:
    items = order.items.filter(action__in=(OrderItem.Action.GRANT, OrderItem.Action.EXTEND))
    named = items.filter(content_type=ContentType.objects.get_for_model(SiteApplication), object_id=application.pk)
    item = named.first() or items.filter(organisation=application.organisation).first()
    if item is None:
        raise ValidationError(_("The order grants no status to this application's organisation."),
                              code="not_in_order")
    return item


def checking_methodist(application: SiteApplication) -> User | None:
    """The methodist of the municipality who checked the application: the first to decide on it."""
    if not application.process_id:
        return None
    methodists = RoleAssignment.objects.holders(Role.METHODIST, "municipality", application.municipality)
    event = (CaseEvent.objects.filter(process_id=application.process_id, actor__in=methodists)
             .exclude(kind__in=(CaseEvent.Kind.SUBMITTED, CaseEvent.Kind.RESUBMITTED))
             .order_by("created_at", "pk").select_related("actor").first())
    return event.actor if event else None


def enter_site(application: SiteApplication, order: Order, *, curator: User | None = None) -> Site:
    """The granted application becomes a register entry, for the term the signed order grants (its item's
    dates, else from the item's start for the application's term); an extension marks the site it
    continues extended. The site's term process starts (annual reports by timer)."""
    if not order.is_signed:
        raise ValidationError(_("Only a signed order grants a status."), code="order_not_signed")
    with transaction.atomic():
        SiteApplication.objects.select_for_update().filter(pk=application.pk).exists()
        existing = Site.objects.filter(application=application).first()
        if existing is not None:
            return existing
        item = granting_item(application, order)
        starts_on = item.starts_on or order.date
        ends_on = item.ends_on or add_years(starts_on, application.term_years) - timedelta(days=1)
        site = Site(municipality=application.municipality, organisation=application.organisation,
                    kind=application.kind, level=SiteLevel.MUNICIPAL, topic=application.topic,
                    starts_on=starts_on, ends_on=ends_on, curator=curator or checking_methodist(application),
                    application=application, granted_by=order, status=Site.Status.ACTIVE)
        if application.extends_id:
            old = Site.objects.select_for_update().get(pk=application.extends_id)
            old.status = Site.Status.EXTENDED
            old.save(update_fields=["status"])
            site.continues = old
        site.full_clean(exclude=["process"])
        site.save()
        return start_term(site)


def record_external(user: User, *, organisation: Organisation, kind: str, level: str, topic: str,
                    starts_on: date, ends_on: date, issuing_body: str, issuing_document: str,
                    curator: User | None = None) -> Site:
    """A regional or federal status granted elsewhere is entered by the municipality's methodist or officer,
    with the body that granted it and its document [000:314-324]."""
    if not may(user, "record_site", organisation.municipality):
        raise PermissionDenied(_("You may not enter sites in this register."))
    errors = {}
    if level not in (SiteLevel.REGIONAL, SiteLevel.FEDERAL):
        errors["level"] = _("Only a regional or federal status is recorded from outside.")
    if not issuing_body.strip():
        errors["issuing_body"] = _("Name the body that granted the status.")
    if not issuing_document.strip():
        errors["issuing_document"] = _("Name the document that granted the status.")
    if kind not in SiteKind.values:
        errors["kind"] = _("Choose the kind of site.")
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = _("The end of the term is before its start.")
    if errors:
        raise ValidationError(errors)
    with acting_as(user), transaction.atomic():
        site = Site(municipality=organisation.municipality, organisation=organisation, kind=kind, level=level,
                    topic=topic.strip(), starts_on=starts_on, ends_on=ends_on, curator=curator,
                    issuing_body=issuing_body.strip(), issuing_document=issuing_document.strip())
        site.full_clean(exclude=["process"])
        site.save()
        return start_term(site)


def end_process(process) -> None:
    """Cancel what is left of a site's term process (its open report, its timers) and finish it."""
    now = timezone.now()
    open_tasks = list(Task.objects.filter(process=process, finished__isnull=True).values_list("pk", flat=True))
    Task.objects.filter(pk__in=open_tasks).update(status=STATUS.CANCELED, finished=now)
    refresh_tasks(open_tasks)  # a bulk update sends no signal: take the cancelled report out of the queues
    process.status, process.finished = PROCESS.CANCELED, now
    process.save(update_fields=["status", "finished"])


def revoke_site(site: Site, order: Order) -> Site:
    """The department revoked the status by a signed order: the site is revoked, its term process ends,
    and reports not yet due are no longer asked for."""
    if not order.is_signed:
        raise ValidationError(_("Only a signed order revokes a status."), code="order_not_signed")
    with transaction.atomic():
        site = Site.objects.select_for_update().get(pk=site.pk)
        if not site.is_current:
            raise ValidationError(_("The site's status is no longer in force."), code="not_current")
        site.status, site.revoked_by = Site.Status.REVOKED, order
        site.save(update_fields=["status", "revoked_by"])
        site.reports.filter(status__in=(AnnualReport.Status.SCHEDULED, AnnualReport.Status.OPEN)).delete()
        if site.process_id:
            process = site.process
            end_process(process)
            CaseEvent.objects.create(process=process, kind=CaseEvent.Kind.CLOSED, comment=str(order))
        return site


@dataclass(frozen=True)
class Share:
    with_status: int
    total: int
    share: Decimal  # per cent, one decimal

    def __iter__(self):
        return iter((self.with_status, self.total, self.share))

    @property
    def meets_target(self) -> bool:
        return self.share >= TARGET_SHARE


def share_of_organisations_with_status(municipality: Municipality, on: date | None = None) -> Share:
    """How many of the municipality's schools, kindergartens and supplementary organisations hold a current
    site status on the day, of all of them, and the share in per cent: read from the register, never typed."""
    on = on or timezone.localdate()
    organisations = Organisation.objects.filter(municipality=municipality, kind__in=COUNTED_KINDS)
    total = organisations.count()
    with_status = organisations.filter(pk__in=current_sites(on).values("organisation_id")).count()
    share = (Decimal(100 * with_status) / total).quantize(Decimal("0.1")) if total else Decimal("0.0")
    return Share(with_status, total, share)

