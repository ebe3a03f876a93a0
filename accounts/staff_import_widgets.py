"""How the cells of a staff file become values: each widget raises a Russian `ValueError`, which
django-import-export reports next to its column, for a cell it cannot read."""
from __future__ import annotations

from datetime import date, datetime

from django.db import models
from django.utils.translation import gettext as _
from import_export import widgets

from .models import ROLE_SCOPES, Municipality, Organisation, Role, Scope


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():  # a staff number typed as a number in a spreadsheet
        value = int(value)
    return str(value).strip()


class Text(widgets.CharWidget):
    def __init__(self, required: bool = False) -> None:
        super().__init__(coerce_to_string=True, allow_blank=True)
        self.required = required

    def clean(self, value, row=None, **kwargs) -> str:
        value = text(value)
        if self.required and not value:
            raise ValueError(_("Fill in this column."))
        return value


class Day(widgets.DateWidget):
    FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y")

    def __init__(self) -> None:
        super().__init__(format="%d.%m.%Y")

    def clean(self, value, row=None, **kwargs) -> date | None:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        value = text(value)
        if not value:
            return None
        for form in self.FORMATS:
            try:
                return datetime.strptime(value, form).date()
            except ValueError:
                continue
        raise ValueError(_("“%(value)s” is not a date: write it as DD.MM.YYYY.") % {"value": value})


class Flag(widgets.BooleanWidget):
    YES = frozenset({"да", "1", "true", "yes", "+", "истина"})
    NO = frozenset({"", "нет", "0", "false", "no", "-", "ложь"})

    def clean(self, value, row=None, **kwargs) -> bool:
        if isinstance(value, bool):
            return value
        word = text(value).lower()
        if word in self.YES:
            return True
        if word in self.NO:
            return False
        raise ValueError(_("Write “да” or “нет”, not “%(value)s”.") % {"value": text(value)})


class Choice(widgets.Widget):
    """A choice written as its code (`school`) or its label (`общеобразовательная организация`)."""

    def __init__(self, choices: type[models.Choices], default: str | None = None) -> None:
        super().__init__()
        self.choices, self.default = choices, default

    def clean(self, value, row=None, **kwargs) -> str:
        word = text(value).lower()
        if not word and self.default is not None:
            return self.default
        for code, label in self.choices.choices:
            if word in (code.lower(), str(label).lower()):
                return code
        raise ValueError(_("Unknown value “%(value)s”; one of: %(choices)s.") % {
            "value": text(value), "choices": ", ".join(str(label) for label in self.choices.labels)})

    def render(self, value, obj=None, **kwargs) -> str:
        return str(self.choices(value).label) if value else ""


class MunicipalityByName(widgets.ForeignKeyWidget):
    """A municipality by its name or code, among those the importer may import into."""

    def __init__(self, allowed: models.QuerySet[Municipality]) -> None:
        super().__init__(Municipality, field="name")
        self.allowed = {municipality.pk for municipality in allowed}
        self.found = {key: municipality for municipality in Municipality.objects.all()
                      for key in (municipality.name.lower(), municipality.slug.lower())}

    def clean(self, value, row=None, **kwargs) -> Municipality:
        name = text(value)
        if not name:
            raise ValueError(_("Fill in this column."))
        municipality = self.found.get(name.lower())
        if municipality is None:
            raise ValueError(_("Unknown municipality “%(name)s”.") % {"name": name})
        if municipality.pk not in self.allowed:
            raise ValueError(_("You may not import into the municipality “%(name)s”.") % {"name": name})
        return municipality


class OrganisationByShortName(widgets.ForeignKeyWidget):
    """An organisation by its short name within the municipality being imported into."""

    def __init__(self, municipality: Municipality | None) -> None:
        super().__init__(Organisation, field="short_name")
        self.municipality = municipality
        self.found = {} if municipality is None else {
            organisation.short_name.lower(): organisation
            for organisation in Organisation.objects.filter(municipality=municipality)}

    def clean(self, value, row=None, **kwargs) -> Organisation:
        name = text(value)
        if not name:
            raise ValueError(_("Fill in this column."))
        organisation = self.found.get(name.lower())
        if organisation is None:
            raise ValueError(_("No organisation “%(name)s” in the municipality “%(municipality)s”.") % {
                "name": name, "municipality": self.municipality})
        return organisation


ORGANISATION_ROLES = [role for role in Role if Scope.ORGANISATION in ROLE_SCOPES[role]]


class Roles(widgets.Widget):
    """Role codes separated by commas, each a role held in an organisation: `teacher, mentor`."""

    def clean(self, value, row=None, **kwargs) -> frozenset[str]:
        codes = {code.strip().lower() for code in text(value).replace(";", ",").split(",") if code.strip()}
        unknown = sorted(code for code in codes if code not in ORGANISATION_ROLES)
        if unknown:
            raise ValueError(_("Unknown roles: %(unknown)s; roles held in an organisation: %(known)s.") % {
                "unknown": ", ".join(unknown), "known": ", ".join(ORGANISATION_ROLES)})
        return frozenset(codes)

    def render(self, value, obj=None, **kwargs) -> str:
        return ", ".join(sorted(value or ()))
