"""The juror's scoring page of a round: their contestants in a table, a score per criterion, saved as they
go and submitted once; nobody else's scores. Errors stand at their cell and nothing is saved half-way."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from workflows.services import CaseConflict

from .jury import frozen
from .models import Round
from .scores import SheetRow, juror_round_or_404, save_scores, sheet

SUBMIT = "submit"


def posted_cells(post, rows: list[SheetRow], criteria) -> dict[int, dict[int, str]]:
    """The sheet's cells as sent: `score_<assignment>_<criterion>`."""
    return {row.assignment.pk: {criterion.pk: post.get(f"score_{row.assignment.pk}_{criterion.pk}", "").strip()
                                for criterion in criteria} for row in rows}


class ScoreSheetView(View):
    def round(self, request: HttpRequest, pk: int) -> Round:
        round_ = get_object_or_404(Round.objects.select_related("competition"), pk=pk)
        return juror_round_or_404(request.user, round_)

    def render(self, request: HttpRequest, round_: Round, *, errors=None, sent=None, status=200) -> HttpResponse:
        criteria = list(round_.criteria.all())
        rows = sheet(round_, request.user)
        lines = [{"row": row, "cells": [{
            "criterion": criterion, "name": f"score_{row.assignment.pk}_{criterion.pk}",
            "value": (sent or {}).get(row.assignment.pk, {}).get(criterion.pk, value if value is not None else ""),
            "error": (errors or {}).get(f"score_{row.assignment.pk}_{criterion.pk}"),
        } for criterion, value in row.cells(criteria)]} for row in rows]
        editable = (round_.status == Round.Status.SCORING and not frozen(round_.competition)
                    and not any(row.submitted for row in rows))
        return render(request, "competitions/jury/sheet.html", {
            "round": round_, "competition": round_.competition, "criteria": criteria, "lines": lines,
            "editable": editable, "submitted": any(row.submitted for row in rows),
            "errors": (errors or {}).get("scores")}, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render(request, self.round(request, pk))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        round_ = self.round(request, pk)
        criteria = list(round_.criteria.all())
        sent = posted_cells(request.POST, sheet(round_, request.user), criteria)
        submit = request.POST.get("action") == SUBMIT
        try:
            save_scores(round_, request.user, sent, submit=submit)
        except ValidationError as error:
            return self.render(request, round_, errors={field: " ".join(messages_)
                                                        for field, messages_ in error.message_dict.items()},
                               sent=sent, status=400)
        except CaseConflict as error:
            messages.error(request, " ".join(error.messages))
            return redirect("results:sheet", pk=round_.pk)
        messages.success(request, _("Your scores are submitted.") if submit else _("Your scores are saved."))
        return redirect("results:sheet", pk=round_.pk)
