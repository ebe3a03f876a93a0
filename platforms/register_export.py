"""The register as an XLSX workbook: the rows the page's filters select, with Russian headers."""
from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from workflows.xlsx import workbook_bytes

from .models import Site


def headers() -> list[str]:
    return [_("Municipality"), _("Organisation"), _("Kind"), _("Level"), _("Topic"), _("Status from"),
            _("Status until"), _("Status"), _("Curator"), _("Order"), _("Issuing body and document")]


def row(site: Site) -> list:
    external = ", ".join(part for part in (site.issuing_body, site.issuing_document) if part)
    return [site.municipality.name, site.organisation.name, site.get_kind_display(), site.get_level_display(),
            site.topic, site.starts_on, site.ends_on, site.get_status_display(),
            str(site.curator) if site.curator else "", str(site.granted_by) if site.granted_by else "", external]


def register_xlsx(sites: Iterable[Site]) -> bytes:
    return workbook_bytes(_("Register of sites"), headers(), (row(site) for site in sites), date_columns=(6, 7))
