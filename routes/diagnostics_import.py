"""The import of a provider's diagnostics results from XLSX: one diagnostics per teacher and date, with its
deficits; a file with any error imports nothing and says which rows and why.
"""
from __future__ import annotations

import re
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.exceptions import InvalidFileException

from accounts.history import acting_as
from accounts.models import Municipality, User
from accounts.permissions import may

from .diagnostics import require, validate_deficits
from .models import CompetenceArea, Deficit, Diagnostics, Provider, Severity

MAX_IMPORT_ROWS = 5000


# Import of a provider's results

class Column:
    """The columns of a provider's file; a header matches when it starts with the column's name."""

    LOGIN = gettext_lazy("Teacher login")
    FULL_NAME = gettext_lazy("Teacher full name")
    DATE = gettext_lazy("Diagnostics date")
    PROVIDER = gettext_lazy("Diagnostics provider")
    AREA = gettext_lazy("Competence area")
    DEFICIT = gettext_lazy("Deficit")
    SEVERITY = gettext_lazy("Deficit level")

    REQUIRED = ("DATE", "PROVIDER", "AREA", "DEFICIT", "SEVERITY")
    ALL = ("LOGIN", "FULL_NAME", *REQUIRED)


@dataclass
class ImportResult:
    created: list[Diagnostics] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    batch: uuid.UUID | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def deficit_count(self) -> int:
        return sum(diagnostics.deficits.count() for diagnostics in self.created)


@dataclass
class _Row:
    number: int
    teacher: User
    date: date
    provider: str
    area: str
    title: str
    severity: int


def _normal(value) -> str:
    text = "" if value is None else str(value)
    return re.sub(r"\s+", " ", text.replace("«", "").replace("»", "").replace('"', "").replace("“", "")
                  .replace("”", "")).strip().casefold()


def _choice_names(choices: type[models.Choices]) -> dict[str, object]:
    """Every way a file may name a choice: its label, the label without or only its parentheses, its code."""
    names = {}
    for value, label in choices.choices:
        label = _normal(label)
        names[label] = value
        names[_normal(str(value))] = value
        bracketed = re.fullmatch(r"(.*?)\s*\((.*)\)", label)
        if bracketed:
            names.setdefault(bracketed.group(1), value)
            names.setdefault(bracketed.group(2), value)
    return names


def _choice_list(choices: type[models.Choices]) -> str:
    return ", ".join(str(label) for label in choices.labels)


def _parse_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return from_excel(value).date()
        except (ValueError, OverflowError, AttributeError):
            return None
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            return datetime.strptime(str(value).strip(), pattern).date()
        except ValueError:
            continue
    return None


def _header_columns(header: tuple) -> tuple[dict[str, int], list[str]]:
    columns, errors = {}, []
    names = [_normal(cell) for cell in header]
    for key in Column.ALL:
        wanted = _normal(getattr(Column, key))
        matches = [i for i, name in enumerate(names) if name == wanted] or [
            i for i, name in enumerate(names) if name.startswith(wanted)
        ]
        if matches:
            columns[key] = matches[0]
    for key in Column.REQUIRED:
        if key not in columns:
            errors.append(_("The file has no column “%(column)s”.") % {"column": getattr(Column, key)})
    if "LOGIN" not in columns and "FULL_NAME" not in columns:
        errors.append(_("The file needs a column “%(login)s” or “%(name)s”.")
                      % {"login": Column.LOGIN, "name": Column.FULL_NAME})
    return columns, errors


def import_choices() -> dict[str, list[str]]:
    """The values a provider's file may use, as the import page lists them."""
    return {
        "providers": [str(label) for label in Provider.labels],
        "areas": [str(label) for label in CompetenceArea.labels],
        "severities": [str(label) for label in Severity.labels],
    }


def import_diagnostics_xlsx(file, municipality: Municipality, actor: User,
                            progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Import a provider's results from an XLSX sheet: one deficit per row, rows of the same teacher,
    date and provider form one diagnostics. Teachers are looked up in `municipality` only.

    Everything is checked first; with any error nothing is imported and every error names its row.
    `progress(done, total)`, when given, hears how many of the rows with data have been checked.
    """
    require(actor, "import_diagnostics", municipality)
    result = ImportResult()
    sheet_rows = _sheet_rows(file, result.errors)
    if result.errors:
        return result
    columns, result.errors = _header_columns(sheet_rows[0])
    if result.errors:
        return result
    rows = _read_rows(sheet_rows, columns, municipality, result.errors)
    if not rows and not result.errors:
        result.errors.append(_("The file has no rows with data."))
    if result.errors:
        return result
    batch = uuid.uuid4()
    planned = _planned_diagnostics(rows, actor, batch, result.errors, progress)
    if result.errors:
        return result
    with transaction.atomic(), acting_as(actor):
        for diagnostics, deficits in planned:
            diagnostics.save()
            for deficit in deficits:
                deficit.diagnostics = diagnostics
                deficit.save()
            result.created.append(diagnostics)
    result.batch = batch
    return result


def _sheet_rows(file, errors: list[str]) -> list[tuple]:
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
        try:
            rows = list(workbook.worksheets[0].iter_rows(values_only=True, max_row=MAX_IMPORT_ROWS + 2))
        finally:
            workbook.close()
    # Whatever a damaged or foreign file makes openpyxl raise, the person needs the same answer.
    except (InvalidFileException, zipfile.BadZipFile, KeyError, IndexError, TypeError, ValueError, OSError):
        errors.append(_("The file could not be read: an Excel workbook (.xlsx) is needed."))
        return []
    if len(rows) > MAX_IMPORT_ROWS + 1:
        errors.append(_("The file has more than %(count)d rows; split it into several files.")
                      % {"count": MAX_IMPORT_ROWS})
    elif not rows:
        errors.append(_("The file has no rows with data."))
    return rows


def _planned_diagnostics(rows: list[_Row], actor: User, batch: uuid.UUID, errors: list[str],
                         progress: Callable[[int, int], None] | None = None
                         ) -> list[tuple[Diagnostics, list[Deficit]]]:
    groups: dict[tuple, list[_Row]] = {}
    for row in rows:
        groups.setdefault((row.teacher.pk, row.date, row.provider), []).append(row)
    # Rules on diagnostics depend on the teacher's organisation, and on whether the record is the actor's own.
    allowed: dict[tuple[int, bool], bool] = {}
    planned = []
    checked = 0
    for group in groups.values():
        if progress is not None:
            progress(checked, len(rows))
        checked += len(group)
        first = group[0]
        diagnostics = Diagnostics(
            teacher=first.teacher, organisation_id=first.teacher.organisation_id, date=first.date,
            provider=first.provider, entered_by=actor, source=Diagnostics.Source.IMPORTED, import_batch=batch,
            competence_areas=sorted({row.area for row in group}, key=CompetenceArea.values.index),
        )
        deficits = [Deficit(diagnostics=diagnostics, area=row.area, title=row.title, severity=row.severity)
                    for row in group]
        key = (diagnostics.organisation_id, first.teacher.pk == actor.pk)
        if key not in allowed:
            allowed[key] = may(actor, "add", diagnostics)
        if not allowed[key]:
            errors.append(_("Row %(row)s: %(error)s") % {
                "row": first.number, "error": _('unknown teacher "%(teacher)s"') % {"teacher": first.teacher.username}})
            continue
        try:
            diagnostics.full_clean()
            validate_deficits(diagnostics, deficits, [])
        except ValidationError as error:
            errors.extend(_("Row %(row)s: %(error)s") % {"row": first.number, "error": message}
                          for message in error.messages)
        planned.append((diagnostics, deficits))
    if progress is not None:
        progress(checked, len(rows))
    return planned


class _Teachers:
    """The municipality's people, found by login or, failing that, by full name."""

    def __init__(self, municipality: Municipality) -> None:
        people = list(User.objects.filter(organisation__municipality=municipality, is_active=True))
        self.by_login = {person.username.casefold(): person for person in people}
        self.by_name: dict[str, list[User]] = {}
        for person in people:
            self.by_name.setdefault(_normal(person.get_full_name()), []).append(person)

    def find(self, login: str, name: str, error) -> User | None:
        if login:
            found = [self.by_login[login.casefold()]] if login.casefold() in self.by_login else []
        elif name:
            found = self.by_name.get(_normal(name), [])
        else:
            error(_("the teacher is not given (login or full name)"))
            return None
        if len(found) > 1:
            error(_('several teachers are named "%(teacher)s"; give the login'), teacher=name)
        elif not found:
            error(_('unknown teacher "%(teacher)s"'), teacher=login or name)
        return found[0] if len(found) == 1 else None


def _date_of(value, error) -> date | None:
    if value is None or str(value).strip() == "":
        error(_("the date is not given"))
        return None
    taken = _parse_date(value)
    if taken is None:
        error(_('the date "%(value)s" is not recognised; use DD.MM.YYYY'), value=value)
    elif taken > timezone.localdate():
        error(_("the date %(value)s is in the future"), value=taken.strftime("%d.%m.%Y"))
        return None
    return taken


def _read_rows(sheet_rows: list[tuple], columns: dict[str, int], municipality: Municipality,
               errors: list[str]) -> list[_Row]:
    teachers = _Teachers(municipality)
    providers, areas, severities = _choice_names(Provider), _choice_names(CompetenceArea), _choice_names(Severity)
    longest_title = Deficit._meta.get_field("title").max_length
    rows = []
    for number, values in enumerate(sheet_rows[1:], start=2):
        if all(value is None or str(value).strip() == "" for value in values):
            continue
        cell = {key: values[index] if index < len(values) else None for key, index in columns.items()}
        row_errors: list[str] = []

        def error(message: str, number=number, row_errors=row_errors, **params) -> None:
            row_errors.append(_("Row %(row)s: %(error)s") % {"row": number, "error": message % params})

        teacher = teachers.find(str(cell.get("LOGIN") or "").strip(), str(cell.get("FULL_NAME") or "").strip(), error)
        taken = _date_of(cell["DATE"], error)
        provider = _lookup(cell["PROVIDER"], providers, Provider, error, _("the provider is not given"),
                           _('unknown provider "%(value)s"; expected one of: %(choices)s'))
        area = _lookup(cell["AREA"], areas, CompetenceArea, error, _("the competence area is not given"),
                       _('unknown competence area "%(value)s"; expected one of: %(choices)s'))
        severity = _lookup(cell["SEVERITY"], severities, Severity, error, _("the deficit level is not given"),
                           _('unknown deficit level "%(value)s"; expected one of: %(choices)s'))
        title = str(cell["DEFICIT"] or "").strip()
        if not title:
            error(_("the deficit is not given"))
        elif len(title) > longest_title:
            error(_("the deficit is longer than %(count)d characters"), count=longest_title)
        if row_errors:
            errors.extend(row_errors)
        else:
            rows.append(_Row(number, teacher, taken, provider, area, title, severity))
    return rows


def _lookup(value, names: dict[str, object], choices: type[models.Choices], error, missing: str, unknown: str):
    text = _normal(int(value) if isinstance(value, float) and value.is_integer() else value)
    if not text:
        error(missing)
        return None
    if text in names:
        return names[text]
    # A longer wording of one choice, such as the area's label followed by the word "competences"
    longer = {names[name] for name in names if text.startswith(name + " ")}
    if len(longer) == 1:
        return longer.pop()
    error(unknown, value=str(value).strip(), choices=_choice_list(choices))
    return None
