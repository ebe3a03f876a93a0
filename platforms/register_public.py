"""The public page of a municipality's current sites (no login): the organisation, kind, level, topic and
term of each; no reports and no people."""
from __future__ import annotations

from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts.models import Municipality

from .register import current_on
from .register_selectors import municipality_by_code, public_sites


class PublicMunicipalitiesView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        current = current_on(timezone.localdate(), prefix="sites__")
        municipalities = Municipality.objects.annotate(current=Count("sites", filter=current)).order_by("name")
        return render(request, "platforms/register/public_index.html", {"municipalities": municipalities})


class PublicSitesView(View):
    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        municipality = municipality_by_code(code)
        if municipality is None:
            raise Http404(_("Not found."))
        return render(request, "platforms/register/public_sites.html", {
            "municipality": municipality, "sites": public_sites(municipality)})
