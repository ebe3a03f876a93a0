"""A staff file of any size for the benchmark of the import (`make bench`) and for trying the import page."""
from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook

from .models import Municipality, Organisation, Role
from .staff_import import COLUMNS, PEOPLE

SUBJECTS = ("математика", "русский язык", "физика", "история", "начальные классы", "английский язык")


def build_staff_file(rows: int, municipality: Municipality) -> bytes:
    """An XLSX of `rows` people spread over the municipality's organisations (its schools first), every one a
    teacher, every tenth also a mentor and every fiftieth the school's methodical lead."""
    organisations = list(Organisation.objects.filter(municipality=municipality).order_by(
        "pk").values_list("short_name", "kind"))
    schools = [name for name, kind in organisations if kind == Organisation.Kind.SCHOOL] or [
        name for name, _kind in organisations]
    if not schools:
        raise ValueError(f"{municipality} has no organisations to put people in.")
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([str(column.header) for column in COLUMNS[PEOPLE]])
    for number in range(1, rows + 1):
        roles = [Role.TEACHER.value]
        if number % 10 == 0:
            roles.append(Role.MENTOR.value)
        if number % 50 == 0:
            roles.append(Role.LEAD.value)
        sheet.append([
            f"{number:06d}", f"teacher{number}@{municipality.slug}.example.org", f"Фамилия{number}", "Мария",
            "Петровна", schools[number % len(schools)], "учитель", SUBJECTS[number % len(SUBJECTS)],
            date(1960 + number % 40, 1 + number % 12, 1 + number % 28), date(2000 + number % 25, 9, 1),
            ("без категории", "первая", "высшая")[number % 3], ", ".join(roles),
        ])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
