"""The staff import: administrators and the methodical centre load organisations and people from an XLSX
or CSV file — the municipality's database of pedagogical workers [001:86, 002:107], renewed every August
[002:149].

All or nothing: the file is imported in one transaction, and a file with any bad row imports nothing and
reports each bad row by its number in the file, with a message per column. A dry run imports and rolls
back, to show what the file would create, update and leave unchanged. Re-importing a file changes nothing:
an unchanged row is skipped, so it is neither saved nor recorded in the history.
"""
from __future__ import annotations

import csv
import io
import logging
import zipfile
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from import_export.formats.base_formats import XLSX
from import_export.results import Result, RowResult
from openpyxl import Workbook
from openpyxl.utils.exceptions import InvalidFileException
from tablib import InvalidDimensions

from .grants import synced_at_the_end
from .history import acting_as
from .models import Municipality, Role, User
from .permissions import allow, may, visible
from .staff_import_resources import OrganisationResource, PersonResource, StaffResource
from .staff_import_widgets import ORGANISATION_ROLES

logger = logging.getLogger(__name__)

# The municipality's methodical centre keeps its database of pedagogical workers [001:86, 002:107].
allow(Municipality, ["import_staff"], [Role.METHODIST])

MAX_ROWS = 10_000
MAX_FILE_BYTES = 10 * 1024 * 1024
CHANGES_SHOWN = 200  # rows a preview lists by name
ORGANISATIONS, PEOPLE = "organisations", "people"


def column(header: str) -> str:
    return pgettext_lazy("staff file column", header)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool
    hint: str
    example: str


COLUMNS: dict[str, list[Column]] = {
    ORGANISATIONS: [
        Column("municipality", column("Municipality"), True,
               pgettext_lazy("staff file", "Its name or code."), "Томск"),
        Column("name", column("Full name"), True, "", "Муниципальное автономное общеобразовательное учреждение "
               "средняя общеобразовательная школа № 5"),
        Column("short_name", column("Short name"), True,
               pgettext_lazy("staff file", "Unique within the municipality: people name it."), "МАОУ СОШ № 5"),
        Column("kind", column("Type"), True,
               pgettext_lazy("staff file", "One of the types of organisations, as listed below."),
               "общеобразовательная организация"),
        Column("is_small_school", column("Small school"), False, pgettext_lazy("staff file", "да or нет."), "нет"),
        Column("is_low_results", column("Low results"), False, pgettext_lazy("staff file", "да or нет."), "да"),
    ],
    PEOPLE: [
        Column("staff_number", column("Staff number"), True,
               pgettext_lazy("staff file", "The internal staff number (not the SNILS)."), "000123"),
        Column("email", column("E-mail"), True, pgettext_lazy(
            "staff file", "With the staff number, the key of the person: the next import updates them."),
               "ivanova@school5.example.org"),
        Column("last_name", column("Surname"), True, "", "Иванова"),
        Column("first_name", column("Name"), True, "", "Мария"),
        Column("patronymic", column("Patronymic"), False, "", "Петровна"),
        Column("organisation", column("Organisation"), True,
               pgettext_lazy("staff file", "Its short name, an organisation of the municipality."), "МАОУ СОШ № 5"),
        Column("position", column("Position"), False, "", "учитель"),
        Column("subject", column("Subject"), False, "", "математика"),
        Column("birth_date", column("Date of birth"), False, pgettext_lazy("staff file", "DD.MM.YYYY."),
               "20.05.1995"),
        Column("tenure_start", column("Start of teaching experience"), False,
               pgettext_lazy("staff file", "DD.MM.YYYY."), "01.09.2019"),
        Column("category", column("Qualification category"), False,
               pgettext_lazy("staff file", "без категории, первая or высшая; empty: без категории."), "первая"),
        Column("roles", column("Roles"), False, pgettext_lazy(
            "staff file", "Codes of the roles held in the organisation, separated by commas; a role the file does "
            "not list is not taken away."), "teacher, mentor"),
    ],
}
KIND_TITLES = {ORGANISATIONS: pgettext_lazy("staff file", "organisations"),
               PEOPLE: pgettext_lazy("staff file", "people")}


@dataclass(frozen=True)
class RowError:
    row: int | None  # the row's number in the file (the headers are row 1); None: the file as a whole
    column: str | None  # the column's key; None: the row as a whole
    header: str
    message: str


@dataclass
class StaffImport:
    kind: str
    dry_run: bool
    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)
    # The rows that create or change a record: (the row's number in the file, "new" or "update", the record).
    changes: list[tuple[int, str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_rows(self) -> list[int]:
        return sorted({error.row for error in self.errors if error.row is not None})


class _Undone(Exception):
    """Raised to roll back a dry run or a file with errors, and to sync no grants."""


def importable_municipalities(user: User) -> QuerySet[Municipality]:
    """The municipalities the user imports staff into: a methodist's own, an administrator's every one."""
    if not user.is_authenticated:
        return Municipality.objects.none()
    return visible(user, "import_staff", Municipality.objects.all())


def may_import(user: User) -> bool:
    return importable_municipalities(user).exists()


def import_staff(user: User, kind: str, content: bytes, file_name: str, *, municipality: Municipality | None = None,
                 dry_run: bool = True) -> StaffImport:
    """Import a file of organisations or of people (of `municipality`) in one transaction: every row, or,
    when any row is bad, none. The people's role assignments are created in their organisation, and their
    task-queue grants synced once per person at the end."""
    if not may_import(user):
        raise PermissionDenied(_("You may not import staff."))
    if kind not in COLUMNS:
        raise ValidationError({"kind": _("Choose organisations or people.")})
    if kind == PEOPLE and municipality is None:
        raise ValidationError({"municipality": _("Choose the municipality of the people.")})
    if kind == PEOPLE and not may(user, "import_staff", municipality):
        raise Http404(_("Not found."))
    report = StaffImport(kind=kind, dry_run=dry_run)
    dataset, file_rows = read_file(content, file_name, kind, report)
    if not report.ok:
        return report
    resource: StaffResource = (OrganisationResource(file_rows, importable_municipalities(user)) if kind == ORGANISATIONS
                               else PersonResource(file_rows, municipality))
    try:
        with transaction.atomic(), acting_as(user), synced_at_the_end():
            result = resource.import_data(dataset, dry_run=dry_run, use_transactions=True,
                                          rollback_on_validation_errors=True)
            _count(result, report, file_rows)
            if dry_run or not report.ok:
                raise _Undone
    except _Undone:
        pass
    return report


def _count(result: Result, report: StaffImport, file_rows: list[int]) -> None:
    totals = result.totals
    report.created, report.updated = totals[RowResult.IMPORT_TYPE_NEW], totals[RowResult.IMPORT_TYPE_UPDATE]
    report.skipped = totals[RowResult.IMPORT_TYPE_SKIP]
    report.changes = [(file_rows[index], row.import_type, row.object_repr or "")
                      for index, row in enumerate(result.rows)
                      if row.import_type in (RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE)][:CHANGES_SHOWN]
    headers = {item.key: str(item.header) for item in COLUMNS[report.kind]}
    headers["import_roles"] = headers.get("roles", "")
    for error in result.base_errors:
        logger.error("Staff import failed", exc_info=error.error)
        report.errors.append(RowError(None, None, "", _("The file could not be imported.")))
    for number, errors in result.row_errors():
        for error in errors:
            logger.error("Staff import row %s failed", number, exc_info=error.error)
        report.errors.append(RowError(file_rows[number - 1], None, "", _("The row could not be saved.")))
    for invalid in result.invalid_rows:
        for name, messages in invalid.error_dict.items():
            key = "roles" if name == "import_roles" else name
            for message in messages:
                report.errors.append(RowError(file_rows[invalid.number - 1], key if key in headers else None,
                                              headers.get(key, ""), str(message)))
    report.errors.sort(key=lambda error: (error.row or 0))


def read_file(content: bytes, file_name: str, kind: str, report: StaffImport) -> tuple[tablib.Dataset, list[int]]:
    """The file's rows under the columns' keys, without its blank rows, and each row's number in the file."""
    try:
        if file_name.lower().endswith(".xlsx"):
            dataset = XLSX().create_dataset(content)
        elif file_name.lower().endswith(".csv"):
            dataset = _csv_dataset(content)
        else:
            raise ValueError
    except (ValueError, KeyError, OSError, InvalidFileException, StopIteration, csv.Error, UnicodeError,
            InvalidDimensions, zipfile.BadZipFile):
        report.errors.append(RowError(None, None, "", _("Upload an XLSX or CSV file with a row of headers.")))
        return tablib.Dataset(), []
    known = {str(item.header).strip().lower(): item.key for item in COLUMNS[kind]}
    keys = []
    for header in dataset.headers or []:
        name = str(header or "").strip()
        if name.lower() not in known:
            report.errors.append(RowError(1, None, name, _("Unknown column “%(name)s”.") % {"name": name}))
        keys.append(known.get(name.lower(), name))
    for item in COLUMNS[kind]:
        if item.required and item.key not in keys:
            report.errors.append(RowError(1, item.key, str(item.header), _("The column is missing.")))
    rows, file_rows = tablib.Dataset(headers=keys), []
    for number, values in enumerate(dataset, 2):
        if any(value not in (None, "") for value in values):
            rows.append(values)
            file_rows.append(number)
    if len(rows) > MAX_ROWS:
        report.errors.append(RowError(None, None, "", _("At most %(count)d rows a file.") % {"count": MAX_ROWS}))
    elif not report.errors and not len(rows):
        report.errors.append(RowError(None, None, "", _("The file has no rows.")))
    return rows, file_rows


def _csv_dataset(content: bytes) -> tablib.Dataset:
    try:
        decoded = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        decoded = content.decode("cp1251")  # what a spreadsheet in Russian saves as CSV
    first_line = decoded.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)  # Excel in Russian separates by semicolons
    reader = csv.reader(io.StringIO(decoded), delimiter=delimiter)
    headers = next(reader)
    dataset = tablib.Dataset(headers=headers)
    for values in reader:
        dataset.append((values + [""] * len(headers))[:len(headers)])
    return dataset


def template_file(kind: str) -> bytes:
    """An XLSX with the file's headers and a sample row."""
    book = Workbook()
    sheet = book.active
    sheet.title = str(KIND_TITLES[kind])
    sheet.append([str(item.header) for item in COLUMNS[kind]])
    sheet.append([item.example for item in COLUMNS[kind]])
    for letter, item in zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", COLUMNS[kind]):
        sheet.column_dimensions[letter].width = max(14, len(str(item.header)) + 2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def role_codes() -> list[tuple[str, str]]:
    """The roles a file assigns, code and title, for the page that documents the columns."""
    return [(role.value, str(role.label)) for role in ORGANISATION_ROLES]
