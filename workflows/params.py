"""Parameters people type or tamper with (ids sent in forms, dates in the address): parsed here, so a wrong
one is the person's mistake (400, or 404 for an id that names no row) and never a 500."""
from __future__ import annotations

from datetime import date

from django.http import Http404
from django.utils.dateparse import parse_date

# Ids are bigints: more digits than this cannot name a row, and would overflow the database's integer.
MAX_ID_DIGITS = 18


def id_or_none(value) -> int | None:
    """A row's id as sent in a form or a query, or None when it is not a plain positive number."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if value > 0 else None
    if not isinstance(value, str) or not (value.isascii() and value.isdigit()) or len(value) > MAX_ID_DIGITS:
        return None
    return int(value) or None


def id_or_404(value) -> int:
    """A row's id sent in a form: anything but a plain number names no row, so it is 404."""
    pk = id_or_none(value)
    if pk is None:
        raise Http404
    return pk


def date_or_none(value: str | None) -> date | None:
    """An ISO date (YYYY-MM-DD), or None when it is absent; ValueError for text that is no date, such as
    the 30th of February."""
    if not value:
        return None
    parsed = parse_date(value)  # raises ValueError for a well-formed date that does not exist
    if parsed is None:
        raise ValueError(value)
    return parsed
