"""The work plan's items as an XLSX workbook: the rows the page's filters select, with Russian headers."""
from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from workflows.xlsx import workbook_bytes

from .models import PlanItem


def headers() -> list[str]:
    return [_("Municipality"), _("Year"), _("No."), _("Section"), _("What is done"), _("Deadline"),
            _("Responsible"), _("Indicator"), _("Status"), _("Closed on"), _("Result")]


def row(item: PlanItem) -> list:
    return [item.plan.municipality.name, item.plan.year, item.number, item.get_section_display(), item.title,
            item.deadline, str(item.responsible), item.get_indicator_display() if item.indicator else "",
            item.get_status_display(), item.closed_on, item.result]


def items_xlsx(items: Iterable[PlanItem]) -> bytes:
    return workbook_bytes(_("Work plan"), headers(), (row(item) for item in items), date_columns=(6, 10))
