"""Page-number pagination that reads a page and the total in one query.

DRF counts with a second query; for a task list that is a second pass over every task the person may
take (about two thousand for a busy methodist, each tested against their grants). `COUNT(*) OVER ()`
on the page's rows gives the total from the same pass.
"""
from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination


class CountedPagination(PageNumberPagination):
    def paginate_queryset(self, queryset: QuerySet, request, view=None) -> list:
        self.request = request
        size = self.get_page_size(request)
        number = self.requested_page(request)
        start = (number - 1) * size
        rows = list(queryset.annotate(listed_total=Window(Count("pk")))[start:start + size])
        if not rows and number > 1:
            raise NotFound(self.invalid_page_message.format(page_number=number, message=_("That page contains no results")))
        paginator = Paginator([], size)
        paginator.count = rows[0].listed_total if rows else 0
        self.page = Page(rows, number, paginator)
        return rows

    def requested_page(self, request) -> int:
        value = request.query_params.get(self.page_query_param, "1")
        if not value.isdigit() or int(value) < 1:
            raise NotFound(self.invalid_page_message.format(page_number=value,
                                                            message=_("That page number is not an integer")))
        return int(value)
