"""Searching the bank of published practices: by Russian word forms on both databases, filters by facets."""
from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from viewflow.forms.renderers import Layout, Row

from accounts.models import Municipality
from workflows.search import matching, search_texts

from .models import EducationLevel, Material, MaterialKind

# The fields a query's words are looked for in, the heavier first: «проектной» finds «проектная».
SEARCHED = {"title": "A", "keywords": "B", "annotation": "C"}


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

    layout = Layout(Row("q", "subject", "level"), Row("kind", "municipality", "year"))


def search_bank(filters: dict) -> QuerySet[Material]:
    practices = published_materials()
    if filters.get("subject"):
        practices = matching(practices, filters["subject"], contains=["subject"])
    for field in ("level", "kind", "municipality"):
        if filters.get(field):
            practices = practices.filter(**{field: filters[field]})
    if filters.get("year"):
        practices = practices.filter(published_at__year=filters["year"])
    return search_texts(practices, filters.get("q") or "", SEARCHED).order_by("-rank", "-published_at", "-pk")
