"""Workbooks for download (a register, a list): one sheet, Russian headers in a frozen first row."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.utils import get_column_letter


def workbook_bytes(title: str, headers: Sequence[str], rows: Iterable[Sequence], *,
                   date_columns: Iterable[int] = ()) -> bytes:
    """The XLSX file of one sheet named `title` (cut to Excel's 31 characters); `date_columns` (1-based) are
    shown as 08.12.2026."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    for column in date_columns:
        for cell in sheet[get_column_letter(column)][1:]:
            cell.number_format = "DD.MM.YYYY"
    sheet.freeze_panes = "A2"
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
