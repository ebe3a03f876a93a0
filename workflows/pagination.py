"""The page parameter of every list, pages and API alike, and the API's paginations.

`?page=` is read by one function: an ASCII number from 1 to `MAX_PAGE`. Anything else («abc», «²», which
`str.isdigit` takes for a digit, or a number of twenty digits, whose offset overflows PostgreSQL's
bigint) is the person's mistake, answered with 400 (API) or 404 (pages), never 500.

`CountedPagination` reads a page and the total in one query: DRF counts with a second query; for a task
list that is a second pass over every task the person may take (about two thousand for a busy methodist,
each tested against their grants). `COUNT(*) OVER ()` on the page's rows gives the total from the same
pass.
"""
from __future__ import annotations

from django.core.paginator import EmptyPage, InvalidPage, Page, Paginator, PageNotAnInteger
from django.db.models import Count, QuerySet, Window
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination

# No list is that long (a million tasks at 50 a page is 20 000 pages), and its offset fits any integer.
MAX_PAGE = 1_000_000


def page_number(value: str | None) -> int:
    """The page asked for, 1 when none is; `PageNotAnInteger` for anything but a number from 1 to MAX_PAGE."""
    if value is None or value == "":
        return 1
    if not (value.isascii() and value.isdigit()) or len(value) > len(str(MAX_PAGE)) \
            or not 1 <= int(value) <= MAX_PAGE:
        raise PageNotAnInteger(_("The page number must be a whole number from 1 to %(max)d.") % {"max": MAX_PAGE})
    return int(value)


def requested_page(request: HttpRequest) -> int:
    """The page of an HTML list: a wrong one is a page that does not exist (404)."""
    try:
        return page_number(request.GET.get("page"))
    except InvalidPage as error:
        raise Http404(str(error)) from error


def page_of(request: HttpRequest, items, size: int) -> Page:
    """The requested page of an HTML list; past the last page is 404, the first page of an empty list is empty."""
    try:
        return Paginator(items, size).page(requested_page(request))
    except EmptyPage as error:
        raise Http404(_("There is no such page of the list.")) from error


class ValidatedPagination(PageNumberPagination):
    """DRF's page-number pagination with the shared page parameter: a wrong page, or one past the end,
    is 404 with a Russian message."""

    def requested_page(self, request) -> int:
        try:
            return page_number(request.query_params.get(self.page_query_param))
        except InvalidPage as error:
            raise NotFound(str(error)) from error

    def paginate_queryset(self, queryset, request, view=None) -> list:
        self.request = request
        number = self.requested_page(request)
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        try:
            self.page = paginator.page(number)
        except InvalidPage as error:
            raise NotFound(_("There is no such page of the list.")) from error
        return list(self.page)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}
        return parameters


class CountedPagination(ValidatedPagination):
    def paginate_queryset(self, queryset: QuerySet, request, view=None) -> list:
        self.request = request
        size = self.get_page_size(request)
        number = self.requested_page(request)
        start = (number - 1) * size
        rows = list(queryset.annotate(listed_total=Window(Count("pk")))[start:start + size])
        if not rows and number > 1:
            raise NotFound(_("There is no such page of the list."))
        paginator = Paginator([], size)
        paginator.count = rows[0].listed_total if rows else 0
        self.page = Page(rows, number, paginator)
        return rows
