"""The timeline of a case, and who changed which field of it and when: the one history diff of the case
page and the API.

Values are given twice: as stored (`old`, `new`: ids for related objects, as the API has always sent
them) and as a person reads them (`old_display`, `new_display`: titles and names, choice labels, да/нет,
dates as the pages write them), which is what the page shows. Related rows are read in one query per
many-to-many field for the whole history, so a long history costs no more queries than a short one.

The rows a case owns (a route's activities, a material's files) are part of its history: one added, changed
or removed is a row of the case's history, named by what it is («Мероприятие маршрута: Курсы»).
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pathlib import PurePath

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from .models import CaseEvent

# What a person reading a case's history does not need: bookkeeping of the machinery.
HISTORY_EXCLUDED = ("updated_at", "process", "chain_steps")


# Filters an app registers (`read_history_through`) that take out of a case's history what a reader may not
# learn — the scoring app hides the experts from the authors — so every page and endpoint reads it alike.
_reader_filters: list = []


def read_history_through(reader_filter) -> None:
    """Register `reader_filter(case, user, rows) -> rows`, applied by `readable_changes` for every reader."""
    _reader_filters.append(reader_filter)


def readable_changes(case, user, excluded_fields: Iterable[str] = HISTORY_EXCLUDED) -> list[dict]:
    """The case's history (`changes_of`) as `user` may read it."""
    rows = changes_of(case, excluded_fields)
    for reader_filter in _reader_filters:
        rows = reader_filter(case, user, rows)
    return rows


def timeline_of(case) -> QuerySet:
    """Every decision, comment and file of the case, oldest first, as the case page and the API show it."""
    if not case.process_id:
        return CaseEvent.objects.none()
    return CaseEvent.objects.filter(process_id=case.process_id).select_related("actor").prefetch_related("files")


def changes_of(obj: models.Model, excluded_fields: Iterable[str] = ()) -> list[dict]:
    """The history of `obj`, oldest first: its creation, then every record that changed a field shown, and
    every row it owns (`owned_histories`) added, changed or removed."""
    rows = own_changes(obj, excluded_fields)
    if not rows:
        return []
    for relation in owned_histories(type(obj)):
        rows += owned_changes(obj, relation, excluded_fields)
    return sorted(rows, key=lambda row: (row["date"], row["id"]))


def owned_histories(model: type[models.Model]) -> list[models.ForeignKey]:
    """The foreign keys pointing at `model` from models with a history, whose rows belong to it (cascade)."""
    return [relation.field for relation in model._meta.related_objects
            if relation.one_to_many and relation.on_delete is models.CASCADE
            and hasattr(relation.related_model, "history") and not relation.related_model._meta.proxy]


def own_changes(obj: models.Model, excluded_fields: Iterable[str] = ()) -> list[dict]:
    records = list(obj.history.select_related("history_user").order_by("history_date", "history_id"))
    if not records:
        return []
    excluded = set(excluded_fields)
    m2m_names = [field.name for field in records[0]._history_m2m_fields if field.name not in excluded]
    kept = {name: related_by_record(records, name) for name in m2m_names}
    rows = []
    for previous, record in zip([None, *records], records):
        changes = []
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=[*excluded, *m2m_names])
            changes = [field_change(type(obj), change.field, change.old, change.new) for change in delta.changes]
            changes += [m2m_change(type(obj), name, kept[name][previous.pk], kept[name][record.pk])
                        for name in m2m_names if kept[name][previous.pk] != kept[name][record.pk]]
            if not changes:
                continue
        rows.append({"id": record.history_id, "date": record.history_date, "user": record.history_user,
                     "type": record.history_type, "changes": sorted(changes, key=lambda change: change["field"])})
    return rows


def owned_changes(obj: models.Model, fk: models.ForeignKey, excluded_fields: Iterable[str]) -> list[dict]:
    """The history of the rows of `fk`'s model that belong to `obj`, as rows of `obj`'s history: an added
    row says what was added, a removed one what was removed, a changed one each field that changed."""
    model = fk.model
    records = list(model.history.filter(**{fk.attname: obj.pk}).select_related("history_user")
                   .order_by("history_date", "history_id"))
    excluded = {*excluded_fields, fk.name}
    name, label = model._meta.model_name, str(model._meta.verbose_name).capitalize()
    last: dict[Any, Any] = {}
    rows = []
    for record in records:
        previous = last.get(record.id)
        last[record.id] = record
        if record.history_type == "~" and previous is not None:
            delta = record.diff_against(previous, excluded_fields=list(excluded))
            changes = [{**field_change(model, change.field, change.old, change.new),
                        "label": f"{label} «{label_of(record)}»: {model._meta.get_field(change.field).verbose_name}"}
                       for change in delta.changes]
        elif record.history_type in ("+", "-"):
            added = record.history_type == "+"
            changes = [{"field": name, "label": label, "old": None if added else record.id,
                        "new": record.id if added else None, "old_display": "" if added else label_of(record),
                        "new_display": label_of(record) if added else ""}]
        else:
            continue
        if changes:
            rows.append({"id": record.history_id, "date": record.history_date, "user": record.history_user,
                         "type": record.history_type, "changes": changes})
    return rows


def related_by_record(records: list, name: str) -> dict[int, list[tuple[Any, str]]]:
    """For each history record, the (id, label) pairs its many-to-many field `name` kept, by label."""
    through = getattr(records[0], name).model
    target = next(field.name for field in through._meta.get_fields()
                  if field.is_relation and field.many_to_one and field.name != "history"
                  and field.related_model is not type(records[0]).instance_type)
    kept: dict[int, list[tuple[Any, str]]] = {record.pk: [] for record in records}
    for row in through.objects.filter(history__in=records).select_related(target):
        related = getattr(row, target)
        kept[row.history_id].append((related.pk, label_of(related)))
    return {pk: sorted(pairs, key=lambda pair: pair[1]) for pk, pairs in kept.items()}


def label_of(related: models.Model) -> str:
    """A related object as the history names it: by its title or name where it has one, else as it prints
    (a historical record as the row it kept, not simple-history's «… as of <date>»)."""
    if hasattr(related, "history_id") and hasattr(related, "instance"):
        related = related.instance
    return str(getattr(related, "title", "") or getattr(related, "name", "") or related)


def field_change(model: type[models.Model], name: str, old, new) -> dict:
    model_field = model._meta.get_field(name)
    return {"field": name, "label": str(model_field.verbose_name), "old": plain(old), "new": plain(new),
            "old_display": display(model_field, old), "new_display": display(model_field, new)}


def m2m_change(model: type[models.Model], name: str, old: list, new: list) -> dict:
    return {"field": name, "label": str(model._meta.get_field(name).verbose_name),
            "old": sorted(pk for pk, _label in old), "new": sorted(pk for pk, _label in new),
            "old_display": "; ".join(label for _pk, label in old),
            "new_display": "; ".join(label for _pk, label in new)}


def display(model_field: models.Field, value) -> str:
    """A stored value as a person reads it: a choice's label, a related object's title, да/нет, a date."""
    if isinstance(model_field, models.BooleanField):
        return str(_("yes") if value else _("no")) if value is not None else ""
    if value in (None, ""):
        return ""
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.is_relation:
        related = model_field.related_model._default_manager.filter(pk=value).first()
        return label_of(related) if related is not None else str(value)
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "d.m.Y H:i")
    if isinstance(value, date):
        return date_format(value, "d.m.Y")
    if isinstance(model_field, models.FileField):
        return PurePath(str(value)).name
    return str(value)


def plain(value):
    """A history value as JSON: dates and numbers as they are, anything else as text."""
    if value is None or isinstance(value, (str, int, float, bool, date, datetime, Decimal)):
        return value
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return str(value)
