"""The route's documents: the approved route's print form and the regulation of the chain in force."""
from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views import View

from accounts.models import Municipality
from workflows.chains import chain_for
from workflows.models import CaseEvent
from workflows.pdf import pdf_response

from ..types import ROUTE

from .route_pages import visible_route


class RoutePrintView(View):
    """The approved route as a PDF print form."""

    def get(self, request, pk):
        route = visible_route(request, pk)
        approvals = (CaseEvent.objects.filter(process_id=route.process_id, kind=CaseEvent.Kind.APPROVED)
                     .select_related("actor") if route.process_id else [])
        return pdf_response(request, "routes/route_print.html", {
            "route": route, "activities": route.activities.all(), "approvals": approvals}, f"{route.number}.pdf")


class RegulationView(View):
    """«Регламент по разработке, согласованию и реализации ИОМ» [003:237], generated from the chain in force."""

    def get(self, request, slug):
        municipality = get_object_or_404(Municipality, slug=slug)
        chain = chain_for(municipality, ROUTE.key)
        context = {"municipality": municipality, "chain": chain, "steps": chain.steps.order_by("order"),
                   "today": timezone.localdate()}
        if request.GET.get("format") != "pdf":
            return render(request, "routes/regulation.html", context)
        return pdf_response(request, "routes/regulation_document.html", context, f"reglament-iom-{slug}.pdf")
