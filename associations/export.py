"""The register of associations as an XLSX workbook: the rows the page's filters select, Russian headers."""
from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from workflows.xlsx import workbook_bytes

from .models import Association


def headers(year: int) -> list[str]:
    return [_("Municipality"), _("Association"), _("Level"), _("Kind"), _("Subject or area"), _("Organisation"),
            _("Head"), _("Members"), _("Meetings in %(year)s") % {"year": year}]


def row(association: Association) -> list:
    return [association.municipality.name, association.name, association.abbreviation,
            association.get_kind_display(), association.direction,
            association.organisation.short_name if association.organisation_id else "",
            str(association.head) if association.head_id else "", association.members_count,
            association.meetings_count]


def associations_xlsx(associations: Iterable[Association], year: int) -> bytes:
    return workbook_bytes(_("Methodical associations"), headers(year), (row(association) for association in associations))
