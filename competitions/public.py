"""The public results of competitions (no login): a competition's winner, prize-winners and participants
with their organisations, only once the committee has approved the results protocol; anything else is the
Russian 404 of a page that does not exist."""
from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .models import Competition, Entry, Placement, ResultsProtocol


def published() -> QuerySet[Competition]:
    return Competition.objects.filter(protocol__status=ResultsProtocol.Status.APPROVED).select_related(
        "municipality", "protocol")


def public_results(competition: Competition) -> dict[str, list[Entry]]:
    entries = Entry.objects.filter(competition=competition, rank__isnull=False).select_related(
        "nominee", "organisation", "nomination").order_by("rank", "number")
    grouped: dict[str, list[Entry]] = {value: [] for value in Placement.values}
    for entry in entries:
        grouped[entry.placement or Placement.PARTICIPANT].append(entry)
    return grouped


@require_safe
def public_index(request: HttpRequest) -> HttpResponse:
    return render(request, "competitions/public/index.html", {"competitions": published()})


@require_safe
def public_competition(request: HttpRequest, pk: int) -> HttpResponse:
    competition = published().filter(pk=pk).first()
    if competition is None:
        raise Http404(_("Not found."))
    grouped = public_results(competition)
    return render(request, "competitions/public/competition.html", {
        "competition": competition, "winners": grouped[Placement.WINNER],
        "prize_winners": grouped[Placement.PRIZE_WINNER], "participants": grouped[Placement.PARTICIPANT]})
