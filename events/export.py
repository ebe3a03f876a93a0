"""The events as an XLSX workbook: the rows the register's filters select, with Russian headers."""
from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.xlsx import workbook_bytes

from .models import Event

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def headers() -> list[str]:
    return [_("Municipality"), _("Form"), _("Title"), _("Level"), _("Starts"), _("Ends"), _("Organiser"),
            _("Responsible methodist"), _("Target audience"), _("Places"), _("Registered"), _("Attended"),
            _("Venue or link"), _("Status")]


def organiser_of(event: Event) -> str:
    named = event.organisation or event.association or event.site
    return f"{event.get_organiser_display()}: {named}" if named else event.get_organiser_display()


def row(event: Event) -> list:
    local = timezone.localtime
    return [event.municipality.name, event.get_form_display(), event.title, event.get_level_display(),
            local(event.starts_at).replace(tzinfo=None), local(event.ends_at).replace(tzinfo=None),
            organiser_of(event), str(event.methodist), event.get_audience_display(),
            event.capacity or "", event.registered, event.came, event.place or event.link, event.get_status_display()]


def events_xlsx(events: Iterable[Event]) -> bytes:
    return workbook_bytes(_("Events"), headers(), (row(event) for event in events.select_related(
        "association", "site__organisation")))
