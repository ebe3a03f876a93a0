"""Searching the bank of published practices: full-text in Russian on PostgreSQL, filters by facets."""
from __future__ import annotations

from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality

from .models import EducationLevel, Material, MaterialKind

SEARCH_CONFIG = "russian"  # Russian stemming: «проектной» finds «проектная»


def published_materials() -> QuerySet[Material]:
    return (Material.objects.filter(status=Material.Status.PUBLISHED)
            .select_related("author", "organisation", "municipality").prefetch_related("co_authors", "adopted_by"))


class BankSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    subject = forms.CharField(label=_("Subject"), required=False)
    level = forms.ChoiceField(label=_("Level of education"), required=False,
                              choices=[("", "—"), *EducationLevel.choices])
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=[("", "—"), *MaterialKind.choices])
    municipality = forms.ModelChoiceField(label=_("Municipality"), required=False,
                                          queryset=Municipality.objects.all())
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)


def search_bank(filters: dict) -> QuerySet[Material]:
    practices = published_materials()
    if filters.get("subject"):
        practices = practices.filter(subject__icontains=filters["subject"])
    for field in ("level", "kind", "municipality"):
        if filters.get(field):
            practices = practices.filter(**{field: filters[field]})
    if filters.get("year"):
        practices = practices.filter(published_at__year=filters["year"])
    text = (filters.get("q") or "").strip()
    if not text:
        return practices.order_by("-published_at")
    if connection.vendor != "postgresql":  # the SQLite demo: plain substring search
        return practices.filter(Q(title__icontains=text) | Q(annotation__icontains=text) | Q(keywords__icontains=text))
    vector = (SearchVector("title", weight="A", config=SEARCH_CONFIG)
              + SearchVector("keywords", weight="B", config=SEARCH_CONFIG)
              + SearchVector("annotation", weight="C", config=SEARCH_CONFIG))
    query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
    return (practices.annotate(rank=SearchRank(vector, query)).filter(rank__gt=0).order_by("-rank", "-published_at"))
