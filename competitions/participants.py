"""The register of participants (банк данных потенциальных участников, [000:261]): every contestant admitted
to a competition, across years and levels, with their result and who prepared them; filtered by year,
level, competition, result and organisation, and exported as XLSX with Russian headers. Each reader sees
the entries their role and scope show them (`visible`)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.permissions import visible
from workflows.xlsx import workbook_bytes

from .models import Entry, Level, Placement

TOOK_PART = (Entry.Status.ADMITTED, Entry.Status.ELIMINATED, Entry.Status.FINISHED)
PAGE = 200


def number(value) -> int | None:
    """A filter's whole number, or None for anything else (the filter is then not applied)."""
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 18:
        return None
    return int(text)


def participants(user, filters: Mapping[str, str]) -> QuerySet[Entry]:
    """The participants the user may see, by the filters given (unknown values are ignored, not an error)."""
    entries = visible(user, "view", Entry.objects.filter(status__in=TOOK_PART)).select_related(
        "competition", "nominee", "organisation", "prepared_by", "nomination")
    for field, lookup in (("year", "competition__year"), ("competition", "competition_id"),
                          ("organisation", "organisation_id")):
        value = number(filters.get(field))
        if value is not None:
            entries = entries.filter(**{lookup: value})
    if filters.get("level") in Level.values:
        entries = entries.filter(competition__level=filters["level"])
    if filters.get("placement") in Placement.values:
        entries = entries.filter(placement=filters["placement"])
    return entries.order_by("-competition__year", "competition__name", "rank", "number")


def headers() -> list[str]:
    return [_("Year"), _("Level"), _("Competition"), _("Nomination"), _("Contestant"), _("Organisation"),
            _("Place"), _("Result"), _("Total score"), _("Prepared by")]


def row(entry: Entry) -> list:
    return [entry.competition.year, entry.competition.get_level_display(), entry.competition.name,
            entry.nomination.name if entry.nomination else "", str(entry.nominee),
            entry.organisation.name, entry.rank, entry.get_placement_display(),
            float(entry.total) if entry.total is not None else None,
            str(entry.prepared_by) if entry.prepared_by else ""]


def participants_xlsx(entries: Iterable[Entry]) -> bytes:
    return workbook_bytes(_("Participants"), headers(), (row(entry) for entry in entries))


@require_safe
def participants_page(request: HttpRequest) -> HttpResponse:
    entries = participants(request.user, request.GET)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(participants_xlsx(entries), content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
        response["Content-Disposition"] = 'attachment; filename="participants.xlsx"'
        return response
    return render(request, "competitions/results/participants.html", {
        "entries": entries[:PAGE], "levels": Level.choices, "placements": Placement.choices,
        "filters": request.GET, "query": request.GET.urlencode()})
