"""Writing many rows of one model at once with their history: who, when and what, as simple-history records it.

simple-history's bulk helpers build every historical row as a Python object and Django's `bulk_update` resolves a
CASE expression per row and field: for the 500 contestants of a closing round that is seconds. Here the change is one
UPDATE from arrays (PostgreSQL; the demo's SQLite falls back to `bulk_update`) and the history one
INSERT … SELECT of the rows as they now stand, stamped with the actor and the time, in the same transaction.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection, models
from django.utils import timezone

# simple-history's own columns of a historical row; every other column copies the tracked row.
HISTORY_OWN = {"history_id", "history_date", "history_change_reason", "history_type", "history_user"}


def record_history(model: type[models.Model], pks: Iterable[int], user, history_type: str = "~") -> int:
    """One historical row per given row of `model`, as the rows stand now (`~` changed, `+` created)."""
    pks = list(pks)
    if not pks:
        return 0
    history = model.history.model
    tracked = [field for field in history._meta.concrete_fields if field.name not in HISTORY_OWN]
    source = model._default_manager.filter(pk__in=pks).values_list(*(field.attname for field in tracked))
    select, params = source.query.sql_with_params()
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in [*tracked, *(history._meta.get_field(name) for name in (
        "history_date", "history_type", "history_user"))])
    sql = (f"INSERT INTO {quote(history._meta.db_table)} ({columns}) "
           f"SELECT rows.*, %s, %s, %s FROM ({select}) AS rows")
    with connection.cursor() as cursor:
        cursor.execute(sql, [timezone.now(), history_type, getattr(user, "pk", None), *params])
        return cursor.rowcount


def update_recorded(objects: Sequence[models.Model], fields: Sequence[str], user) -> int:
    """Save `fields` of every object in one statement and record each changed row in its history."""
    if not objects:
        return 0
    model = type(objects[0])
    if connection.vendor != "postgresql":
        model._default_manager.bulk_update(objects, fields)
        return record_history(model, [obj.pk for obj in objects], user)
    attnames = [model._meta.get_field(name).attname for name in fields]
    return update_values(model, fields, {obj.pk: [getattr(obj, name) for name in attnames] for obj in objects},
                         user)


def update_values(model: type[models.Model], fields: Sequence[str], rows: dict[int, Sequence], user) -> int:
    """Set `fields` of each row `pk → values` (in the order of `fields`) in one statement, with history; no
    instance is loaded."""
    if not rows:
        return 0
    meta, quote = model._meta, connection.ops.quote_name
    targets = [meta.get_field(name) for name in fields]
    if connection.vendor != "postgresql":
        objects = [model(pk=pk, **{field.attname: value for field, value in zip(targets, values)})
                   for pk, values in rows.items()]
        model._default_manager.bulk_update(objects, fields)
        return record_history(model, rows, user)
    arrays = ", ".join(f"%s::{field.db_type(connection)}[]" for field in [meta.pk, *targets])
    names = ", ".join(["pk", *(f"v{index}" for index in range(len(targets)))])
    assignments = ", ".join(f"{quote(field.column)} = rows.v{index}" for index, field in enumerate(targets))
    table = quote(meta.db_table)
    sql = (f"UPDATE {table} SET {assignments} FROM unnest({arrays}) AS rows({names}) "
           f"WHERE {table}.{quote(meta.pk.column)} = rows.pk")
    params = [list(rows), *([field.get_db_prep_save(values[index], connection) for values in rows.values()]
                            for index, field in enumerate(targets))]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    return record_history(model, rows, user)


def create_recorded(objects: Sequence[models.Model], user) -> list[models.Model]:
    """Create the objects in one statement and record their creation (`+`) in their history."""
    if not objects:
        return []
    model = type(objects[0])
    made = model._default_manager.bulk_create(objects)
    record_history(model, [obj.pk for obj in made], user, "+")
    return made
