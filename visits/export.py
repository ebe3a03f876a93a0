"""The register's lists as XLSX workbooks: the rows the page's filters select, with Russian headers."""
from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.xlsx import workbook_bytes

from .models import Consultation, Recommendation, Visit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def visits_xlsx(visits: Iterable[Visit]) -> bytes:
    headers = [_("Municipality"), _("Organisation"), _("Reason"), _("Purpose of the visit"), _("Planned date"),
               _("Methodists"), _("Status"), _("Date of the visit"), _("Findings")]
    rows = ([visit.schedule.municipality.name, visit.organisation.name, visit.get_reason_display(), visit.purpose,
             visit.planned_on, ", ".join(str(person) for person in visit.methodists.all()),
             visit.get_status_display(), visit.visited_on, visit.findings] for visit in visits)
    return workbook_bytes(_("Methodical visits"), headers, rows, date_columns=(5, 8))


def recommendations_xlsx(recommendations: Iterable[Recommendation]) -> bytes:
    headers = [_("Addressed to"), _("Recommendation"), _("Visit"), _("Due date"), _("Status"), _("What was done"),
               _("Reported by"), _("Execution reported")]
    rows = ([item.organisation.name, item.text, item.visit.visited_on, item.due_on, item.get_status_display(),
             item.execution, str(item.executed_by or ""),
             timezone.localtime(item.executed_at).date() if item.executed_at else None] for item in recommendations)
    return workbook_bytes(_("Addressed recommendations"), headers, rows, date_columns=(3, 4, 8))


def consultations_xlsx(consultations: Iterable[Consultation]) -> bytes:
    headers = [_("Municipality"), _("Held"), _("Audience"), _("Topic"), _("Form"), _("Consulted by"),
               _("Organisation consulted"), _("Whom"), _("Number of people")]
    rows = ([item.municipality.name, timezone.localtime(item.held_at).date(), item.get_audience_display(), item.topic,
             item.get_form_display(), str(item.consulted_by), item.organisation.name if item.organisation else "",
             item.whom, item.attendees] for item in consultations)
    return workbook_bytes(_("Consultations"), headers, rows, date_columns=(2,))
