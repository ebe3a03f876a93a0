"""The list of cases a person may see (routes, materials), filtered and paged.

A municipal methodist or an officer works through thousands of cases: the list narrows them by status,
organisation, current step, overdue steps and a search by number or author, and shows them a page at a time.
"""
from __future__ import annotations

from django import forms
from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.permissions import organisations_in_scope

from .widgets import PlainSelect
from .pagination import page_of
from .search import matching

PAGE_SIZE = 50


class CaseFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int, required=False, empty_value=None,
                                          widget=PlainSelect)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    q = forms.CharField(label=_("Number or author"), required=False, max_length=100)
    # The current step's title, as the start page's counts by step link to the list.
    step = forms.CharField(label=_("Step"), required=False, max_length=200, widget=forms.HiddenInput)

    def __init__(self, data, *, cases: QuerySet, user):
        super().__init__(data)
        self.cases = cases
        self.fields["status"].choices = [("", _("All statuses")), *cases.model.Status.choices]
        # Pairs, not model instances: a municipality has hundreds of schools.
        self.fields["organisation"].choices = [("", _("All organisations")), *(
            (pk, short_name or name) for pk, short_name, name in
            organisations_in_scope(user).order_by("short_name", "name").values_list("pk", "short_name", "name"))]

    def filtered(self) -> QuerySet:
        """The cases that match; an invalid filter is left out (the form shows why)."""
        cases = self.cases
        if not self.is_valid():
            return cases
        data = self.cleaned_data
        if data["status"]:
            cases = cases.filter(status=data["status"])
        if data["organisation"]:
            cases = cases.filter(organisation_id=data["organisation"])
        if data["overdue"]:
            cases = cases.filter(due_at__lt=timezone.now())
        if data["step"]:
            cases = cases.filter(current_step=data["step"])
        if text := data["q"].strip():
            cases = matching(cases, text, contains=["number"], starts=["author__last_name"])
        return cases


def case_list(request: HttpRequest, cases: QuerySet) -> dict:
    """The filter form and the requested page of `cases` (already restricted to what the person may see)."""
    form = CaseFilterForm(request.GET or None, cases=cases, user=request.user)
    page: Page = page_of(request, form.filtered().order_by("-created_at", "-pk"), PAGE_SIZE)
    return {"filter_form": form, "page": page}
