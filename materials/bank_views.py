"""The public bank of practices (банк передового педагогического опыта) [002:211-212]: no login to search it,
read a practice or download the files of its published version; a practice's page is its shareable address."""
from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views import View

from workflows.files import MAX_ID, not_found, send
from workflows.pagination import page_of

from .bank import BankSearchForm, published_materials, search_bank
from .files import practice_file

PAGE_SIZE = 20


class PracticeBankView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form = BankSearchForm(request.GET or None)
        # A wrong filter (a year of letters) is shown at its field; the rest of the bank is still listed.
        filters = form.cleaned_data if form.is_valid() else {}
        page = page_of(request, search_bank(filters), PAGE_SIZE)
        return render(request, "materials/bank.html", {"form": form, "page": page, "practices": page.object_list})


class PracticeView(View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        practice = get_object_or_404(published_materials(), pk=pk)
        # The address to share is the site's own (SITE_URL), whichever host or proxy the page came through.
        share_url = settings.SITE_URL.rstrip("/") + reverse("practice", args=[practice.pk])
        return render(request, "materials/practice.html", {
            "practice": practice, "files": practice.files.filter(version=practice.version), "share_url": share_url})


class PracticeFileView(View):
    """A file of a published practice for anyone; of anything else the Russian 404, signed in or not."""

    def get(self, request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
        stored = practice_file(pk, file_pk) if 0 < pk <= MAX_ID and 0 < file_pk <= MAX_ID else None
        if stored is None:
            raise not_found()
        return send(stored, public=True)
