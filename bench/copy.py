"""Rows for PostgreSQL's COPY, built from a model's concrete fields.

A `Table` collects rows as lists in the model's column order, filling every field the caller does not
name with the field's default, so a field added to a model later still gets a value. Rows may hold
temporary keys that the generator replaces with real ids before the table is written.
"""
from __future__ import annotations

import json
from collections.abc import Iterable

from django.db import connection, models


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


class Table:
    def __init__(self, model: type[models.Model]):
        meta = model._meta
        self.model = model
        self.name = meta.db_table
        fields = list(meta.concrete_fields)
        self.columns = [field.column for field in fields]
        self.index = {field.attname: position for position, field in enumerate(fields)}
        self.json = {field.attname for field in fields if isinstance(field, models.JSONField)}
        defaults = []
        for field in fields:
            value = None if field.primary_key else field.get_default()
            if field.attname in self.json:
                value = dumps(value)
            defaults.append(value)
        self.defaults = defaults
        self.rows: list[list] = []

    def add(self, **values) -> int:
        """Append a row; returns its position (the temporary key of the row)."""
        row = list(self.defaults)
        index = self.index
        for name, value in values.items():
            if name in self.json and not isinstance(value, str):
                value = dumps(value)
            row[index[name]] = value
        self.rows.append(row)
        return len(self.rows) - 1

    def column(self, name: str) -> int:
        return self.index[name]

    def write(self) -> int:
        """COPY every row into the table; returns how many."""
        return copy_rows(self.name, self.columns, self.rows)


def copy_rows(table: str, columns: list[str], rows: Iterable[list | tuple]) -> int:
    connection.ensure_connection()
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    count = 0
    with connection.connection.cursor() as cursor:
        with cursor.copy(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
    return count
