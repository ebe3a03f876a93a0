"""Pages of methodical materials: the list of those one may see and the case page."""
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views import View

from accounts.permissions import may, visible

from .bank import BankSearchForm, published_materials, search_bank
from .material_services import visible_reviews
from .models import CaseEvent, Material


class MaterialListView(View):
    def get(self, request):
        materials = visible(request.user, "view", Material.objects.all()).select_related("author", "organisation")
        return render(request, "workflows/material_list.html", {"materials": materials[:200]})


class MaterialDetailView(View):
    def get(self, request, pk):
        material = get_object_or_404(Material.objects.select_related("author", "organisation"), pk=pk)
        if not may(request.user, "view", material):
            raise Http404
        events = (CaseEvent.objects.filter(process_id=material.process_id).select_related("actor")
                  if material.process_id else [])
        return render(request, "workflows/material_detail.html", {
            "material": material, "files": material.files.all(), "events": events,
            "reviews": visible_reviews(material, request.user),
        })


class PracticeBankView(View):
    """The public bank of practices (банк передового педагогического опыта) [002:211-212]: no login to read."""

    def get(self, request):
        form = BankSearchForm(request.GET or None)
        practices = search_bank(form.cleaned_data if form.is_valid() else {})
        return render(request, "workflows/bank.html", {"form": form, "practices": practices[:100]})


class PracticeView(View):
    def get(self, request, pk):
        practice = get_object_or_404(published_materials(), pk=pk)
        return render(request, "workflows/practice.html", {
            "practice": practice, "files": practice.files.filter(version=practice.version)})
