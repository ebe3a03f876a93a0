"""Reads of internships: the programmes a person finds, the internships they may see or must act on, and
the professional development completions add up to (for indicators)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from accounts.models import Municipality, Organisation, User
from accounts.permissions import visible

from .internships import HOSTING_KINDS, LIVE
from .models import Internship, InternshipProgramme, Site


def programmes_for(user: User) -> QuerySet[InternshipProgramme]:
    """Every published programme, and the unpublished ones of the person's sites and municipality, with the
    places left (`places_left`)."""
    seen = visible(user, "view", InternshipProgramme.objects.all()).values("pk")
    managed = visible(user, "manage", InternshipProgramme.objects.all()).values("pk")
    return (InternshipProgramme.objects.filter(Q(published=True) | Q(pk__in=seen) | Q(pk__in=managed))
            .select_related("site__organisation", "site__municipality")
            .annotate(taken=Count("internships", filter=Q(internships__status__in=LIVE)))
            .annotate(places_left=F("capacity") - F("taken"))
            .order_by("starts_on", "topic", "pk"))


def filter_programmes(programmes: QuerySet[InternshipProgramme], *, municipality: Municipality | None = None,
                      topic: str = "", starts_from: date | None = None, ends_until: date | None = None,
                      open_only: bool = False) -> QuerySet[InternshipProgramme]:
    if municipality is not None:
        programmes = programmes.filter(site__municipality=municipality)
    if topic:
        programmes = programmes.filter(Q(topic__icontains=topic) | Q(description__icontains=topic))
    if starts_from:
        programmes = programmes.filter(starts_on__gte=starts_from)
    if ends_until:
        programmes = programmes.filter(ends_on__lte=ends_until)
    if open_only:
        programmes = programmes.filter(published=True, places_left__gt=0)
    return programmes


def sites_for_programmes(user: User) -> QuerySet[Site]:
    """The current sites of a hosting kind whose programmes the person draws up."""
    sites = Site.objects.filter(kind__in=HOSTING_KINDS, status__in=[Site.Status.ACTIVE, Site.Status.EXTENDED])
    return visible(user, "add_programme", sites).select_related("organisation").order_by("organisation__short_name")


def internship_queryset() -> QuerySet[Internship]:
    return Internship.objects.select_related(
        "teacher", "organisation", "programme__site__organisation", "agreed_by", "accepted_by", "declined_by",
        "recorded_by", "route_activity__route")


def internships_for(user: User) -> QuerySet[Internship]:
    """The internships the person may see: their own and their organisation's and municipality's (the rules
    of `Internship`), and those on the programmes of their site (the rules of its programmes)."""
    teachers_side = visible(user, "view", Internship.objects.all()).values("pk")
    sites_side = visible(user, "view", InternshipProgramme.objects.all()).values("pk")
    return internship_queryset().filter(Q(pk__in=teachers_side) | Q(programme__in=sites_side))


def participants(programme: InternshipProgramme) -> QuerySet[Internship]:
    return internship_queryset().filter(programme=programme).order_by("created_at", "pk")


def my_internships(user: User) -> QuerySet[Internship]:
    return internship_queryset().filter(teacher=user) if user.is_authenticated else Internship.objects.none()


def awaiting_agreement(user: User) -> QuerySet[Internship]:
    """The applications of the director's teachers waiting for their agreement."""
    return visible(user, "agree", internship_queryset().filter(status=Internship.Status.APPLIED)).order_by("created_at")


def awaiting_site(user: User) -> QuerySet[Internship]:
    """The internships on the director's site to accept, or whose outcome is to be recorded."""
    programmes = visible(user, "decide", InternshipProgramme.objects.all()).values("pk")
    return internship_queryset().filter(
        programme__in=programmes, status__in=[Internship.Status.AGREED, Internship.Status.ACCEPTED],
    ).order_by("programme__ends_on", "created_at")


@dataclass(frozen=True)
class ProfessionalDevelopment:
    count: int
    hours: int


def professional_development(subject: User | Organisation | Municipality, year: int) -> ProfessionalDevelopment:
    """The internships completed in `year` (by the date the site recorded the outcome) by a teacher, by the
    teachers of an organisation, or by those of a municipality's organisations, and their hours."""
    completions = Internship.objects.filter(status=Internship.Status.COMPLETED, completed_on__year=year)
    if isinstance(subject, User):
        completions = completions.filter(teacher=subject)
    elif isinstance(subject, Organisation):
        completions = completions.filter(organisation=subject)
    elif isinstance(subject, Municipality):
        completions = completions.filter(organisation__municipality=subject)
    else:
        raise TypeError(f"No professional development of {type(subject).__name__}.")
    totals = completions.aggregate(count=Count("pk"), hours=Coalesce(Sum("programme__hours"), 0))
    return ProfessionalDevelopment(totals["count"], totals["hours"])
