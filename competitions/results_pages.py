"""The results page of a competition for those who may see it, and the committee's actions on it: open and
close a round, draft and approve the protocol, print it, forward a winner. Before a round closes nobody
reads a score of it here — the committee sees how many sheets are in."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.permissions import visible_or_404
from workflows.pdf import pdf_response
from workflows.services import CaseConflict

from .jury import exclusions, frozen, is_committee, open_round
from .models import Competition, Entry, ResultsProtocol, Round
from .protocol import approve_protocol, forward_winner, save_protocol, signatories
from .results import close_round, final_table, juror_deviations, round_table
from .scores import live_assignments, progress


def competition_or_404(request: HttpRequest, pk: int) -> Competition:
    return visible_or_404(request.user, "view", Competition.objects.select_related("municipality", "next_level"),
                          pk=pk)


def round_panels(competition: Competition, user, committee: bool) -> list[dict]:
    panels = []
    for round_ in competition.rounds.all():
        closed = round_.status == Round.Status.CLOSED
        panels.append({
            "round": round_,
            "table": round_table(round_) if closed else [],
            "deviations": juror_deviations(round_) if closed and committee else [],
            "progress": progress(round_) if committee and not closed else [],
            "exclusions": list(exclusions(round_)) if committee else [],
            "mine": live_assignments(round_).filter(expert=user).exists(),
        })
    return panels


def page_context(request: HttpRequest, competition: Competition) -> dict:
    committee = is_committee(request.user, competition)
    protocol = ResultsProtocol.objects.filter(competition=competition).select_related("approved_by").first()
    return {"competition": competition, "committee": committee, "rounds": round_panels(competition, request.user,
                                                                                       committee),
            "final": final_table(competition), "protocol": protocol, "frozen": frozen(competition)}


@require_safe
def competition_results(request: HttpRequest, pk: int) -> HttpResponse:
    competition = competition_or_404(request, pk)
    return render(request, "competitions/results/competition.html", page_context(request, competition))


def act(request: HttpRequest, competition: Competition, call: Callable[[], object], done: str) -> HttpResponse:
    """Run the committee's action; its refusal shown on the results page (nothing done), 409 as a message."""
    try:
        call()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except CaseConflict as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("results:competition", pk=competition.pk)


def committee_round(request: HttpRequest, pk: int) -> Round:
    round_ = get_object_or_404(Round.objects.select_related("competition"), pk=pk)
    competition_or_404(request, round_.competition_id)
    return round_


@require_POST
def open_round_page(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = committee_round(request, pk)
    return act(request, round_.competition, lambda: open_round(round_, request.user),
               _("The round is open for scoring."))


@require_POST
def close_round_page(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = committee_round(request, pk)
    return act(request, round_.competition, lambda: close_round(round_, request.user),
               _("The round is closed and its results computed."))


def posted_date(value: str) -> date | None:
    try:
        return parse_date(value or "")
    except ValueError:
        return None


@require_POST
def protocol_page(request: HttpRequest, pk: int) -> HttpResponse:
    competition = competition_or_404(request, pk)
    if request.POST.get("action") == "approve":
        return act(request, competition, lambda: approve_protocol(competition, request.user),
                   _("The results protocol is approved."))
    return act(request, competition, lambda: save_protocol(
        competition, request.user, number=request.POST.get("number", ""),
        date_=posted_date(request.POST.get("date", "")), text=request.POST.get("text", "")),
        _("The protocol is saved."))


@require_POST
def forward_page(request: HttpRequest, pk: int) -> HttpResponse:
    entry = visible_or_404(request.user, "view", Entry.objects.select_related("competition"), pk=pk)
    return act(request, entry.competition, lambda: forward_winner(entry, request.user),
               _("The winner is forwarded to the next level."))


@require_safe
def protocol_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    competition = competition_or_404(request, pk)
    protocol = get_object_or_404(ResultsProtocol, competition=competition)
    return pdf_response(request, "competitions/results/protocol_pdf.html", {
        "competition": competition, "protocol": protocol, "final": final_table(competition),
        "signatories": signatories(competition)}, f"protocol-{competition.pk}.pdf")
