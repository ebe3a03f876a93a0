"""Search in Russian that finds the same on PostgreSQL (production, tests) and on SQLite (the demo).

Texts (a practice's title, keywords, annotation) are searched by word forms: PostgreSQL stems them with
its `russian` text search configuration, and on SQLite every connection gets `mf_stems()`, the same
Snowball stemmer in Python, so «проектной» finds «проектная» on both. Names and numbers are matched
case-insensitively: SQLite's own LOWER() and LIKE fold only ASCII, so on SQLite both sides go through
`mf_lower()`, Python's Unicode lower-casing, and «смирнова» finds «Смирнова».
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache, reduce
from operator import or_

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models import Case, F, Func, IntegerField, Q, QuerySet, TextField, Value, When
from django.db.models.lookups import Contains, StartsWith

SEARCH_CONFIG = "russian"
WEIGHTS = {"A": 8, "B": 4, "C": 2, "D": 1}  # the order of PostgreSQL's weights, for SQLite's rank
WORD = re.compile(r"\w+")
# The most frequent of PostgreSQL's Russian stop words: it drops them from a query, so SQLite must too.
STOP_WORDS = frozenset(
    "а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже для до его ее "
    "если есть еще же за здесь и из или им их к как ко когда кто ли либо мне может мы на над надо наш не него "
    "нее нет ни них но ну о об однако он она они оно от очень по под при с со так также такой там те тем то "
    "того тоже той только том ты у уже хотя чего чей чем что чтобы чье чья эта эти это я".split())


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("russian")


def fold(text: str) -> str:
    """Lower-cased in any alphabet, as PostgreSQL's LOWER() does (the Snowball stemmer reads «ё» as «е»)."""
    return text.lower()


def stems(text: str | None) -> list[str]:
    """The Russian stems of the words of `text`, stop words left out."""
    words = [word for word in WORD.findall(fold(text or "")) if word not in STOP_WORDS]
    return _stemmer().stemWords(words)


def _sqlite_stems(text: str | None) -> str:
    # Space-delimited on both sides, so that `LIKE '% stem %'` matches whole words only.
    return " " + " ".join(stems(text)) + " "


def _sqlite_lower(text: str | None) -> str | None:
    return None if text is None else fold(text)


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    """Give every new SQLite connection `mf_stems()` and `mf_lower()` (`connection_created`)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("mf_stems", 1, _sqlite_stems, deterministic=True)
        connection.connection.create_function("mf_lower", 1, _sqlite_lower, deterministic=True)


connection_created.connect(register_sqlite_functions, dispatch_uid="workflows.search.sqlite_functions")


def _on_postgresql(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def _sqlite_call(function: str, field: str) -> Func:
    return Func(F(field), function=function, output_field=TextField())


def search_texts(queryset: QuerySet, text: str, fields: Mapping[str, str]) -> QuerySet:
    """The rows whose `fields` (name → weight "A"…"D") hold every word of `text` in some form, annotated
    with `rank` (higher for words in heavier fields) to order by; all rows, ranked 0, when `text` has no words."""
    if not stems(text):
        return queryset.annotate(rank=Value(0.0))
    if _on_postgresql(queryset):
        vector = reduce(lambda left, right: left + right,
                        (SearchVector(field, weight=weight, config=SEARCH_CONFIG) for field, weight in fields.items()))
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        # `@@` decides what matches: ts_rank is above 0 for some rows that hold none of the words.
        return queryset.annotate(searched=vector, rank=SearchRank(vector, query)).filter(searched=query)
    wanted = [f" {stem} " for stem in dict.fromkeys(stems(text))]
    per_field = {field: _sqlite_call("mf_stems", field) for field in fields}
    # Every word somewhere in the fields, as PostgreSQL's vector of all of them is asked.
    every_word = Q(*(reduce(or_, (Q(Contains(stemmed, stem)) for stemmed in per_field.values())) for stem in wanted))
    rank = reduce(lambda left, right: left + right, (
        Case(When(Contains(per_field[field], stem), then=Value(WEIGHTS[weight])), default=Value(0),
             output_field=IntegerField())
        for field, weight in fields.items() for stem in wanted))
    return queryset.filter(every_word).annotate(rank=rank)


def matching(queryset: QuerySet, text: str, *, contains: Sequence[str] = (), starts: Sequence[str] = ()) -> QuerySet:
    """The rows where one of the `contains` fields holds `text` or one of the `starts` fields begins with it,
    whatever the letters' case (a number «ИОМ-2026», a surname «смирнова»)."""
    text = text.strip()
    if not text or not (contains or starts):
        return queryset
    if _on_postgresql(queryset):
        conditions = [Q(**{f"{field}__icontains": text}) for field in contains]
        conditions += [Q(**{f"{field}__istartswith": text}) for field in starts]
    else:
        folded = fold(text)
        conditions = [Q(Contains(_sqlite_call("mf_lower", field), folded)) for field in contains]
        conditions += [Q(StartsWith(_sqlite_call("mf_lower", field), folded)) for field in starts]
    return queryset.filter(reduce(or_, conditions))
