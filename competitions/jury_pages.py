"""The juror's scoring page of a round: their contestants in a table, a score per criterion, saved as they
go and submitted once; nobody else's scores. Errors stand at their cell and nothing is saved half-way."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views import View

from scoring.models import ExpertAssignment
from workflows.services import CaseConflict

from .jury import frozen
from .models import Round
from .scores import SheetRow, juror_round_or_404, own_assignments, save_scores, sheet

SUBMIT = "submit"
# Contestants a page of the sheet shows: a juror scores a large round page by page, saving as they go.
PAGE = 50


def page_of(request: HttpRequest, count: int) -> tuple[int, int]:
    """The requested page of the sheet (the first for anything that is not one) and the number of pages."""
    pages = max(1, -(-count // PAGE))
    text = request.GET.get("page", "1")
    page = int(text) if text.isascii() and text.isdigit() and len(text) < 6 else 1
    return min(max(page, 1), pages), pages


def rows_of(page: int) -> slice:
    return slice((page - 1) * PAGE, page * PAGE)


def posted_cells(post, rows: list[SheetRow], criteria) -> dict[int, dict[int, str]]:
    """The sheet's cells as sent: `score_<assignment>_<criterion>`."""
    return {row.assignment.pk: {criterion.pk: post.get(f"score_{row.assignment.pk}_{criterion.pk}", "").strip()
                                for criterion in criteria} for row in rows}


def score_cell(name: str, criterion, value, error: str | None, editable: bool) -> dict:
    """A cell of the sheet: its input (or the score, once submitted) built here rather than in the template —
    a page holds 50 contestants × the criteria, and the template's lookups per cell were most of its time."""
    if editable:
        control = format_html('<input type="number" name="{}" value="{}" min="0" max="{}" step="1" '
                              'aria-label="{}" data-testid="{}">', name, value, criterion.max_score, criterion.name, name)
    else:
        control = format_html('<span data-testid="{}">{}</span>', name, value)
    return {"name": name, "label": criterion.name, "control": control, "error": error}


class ScoreSheetView(View):
    def round(self, request: HttpRequest, pk: int) -> Round:
        round_ = get_object_or_404(Round.objects.select_related("competition"), pk=pk)
        return juror_round_or_404(request.user, round_)

    def render(self, request: HttpRequest, round_: Round, *, errors=None, sent=None, status=200) -> HttpResponse:
        criteria = list(round_.criteria.all())
        statuses = list(own_assignments(round_, request.user).values_list("status", flat=True))
        page, pages = page_of(request, len(statuses))
        rows = sheet(round_, request.user, rows_of(page))
        submitted = ExpertAssignment.Status.REVIEWED in statuses
        editable = round_.status == Round.Status.SCORING and not frozen(round_.competition) and not submitted
        lines = [{"row": row, "cells": [score_cell(
            f"score_{row.assignment.pk}_{criterion.pk}", criterion,
            (sent or {}).get(row.assignment.pk, {}).get(criterion.pk, value if value is not None else ""),
            (errors or {}).get(f"score_{row.assignment.pk}_{criterion.pk}"), editable)
            for criterion, value in row.cells(criteria)]} for row in rows]
        shown = {cell["name"] for line in lines for cell in line["cells"]}
        elsewhere = [message for field, message in (errors or {}).items() if field.startswith("score_")
                     and field not in shown]
        return render(request, "competitions/jury/sheet.html", {
            "round": round_, "competition": round_.competition, "criteria": criteria, "lines": lines,
            "editable": editable, "submitted": submitted, "errors": (errors or {}).get("scores"),
            "elsewhere": len(elsewhere), "page": page, "pages": range(1, pages + 1) if pages > 1 else []},
            status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render(request, self.round(request, pk))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        round_ = self.round(request, pk)
        criteria = list(round_.criteria.all())
        page, _pages = page_of(request, own_assignments(round_, request.user).count())
        sent = posted_cells(request.POST, sheet(round_, request.user, rows_of(page)), criteria)
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
        return redirect(f"{reverse('results:sheet', args=[round_.pk])}?page={page}")
