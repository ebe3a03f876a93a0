"""Pages of the recommendations (the list a director reports from, a recommendation with its execution
form) and of the consultations (the list, a consultation, recording and correcting one), each list with its
XLSX export. Thin: reads from `selectors`, writes through the services."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from accounts.permissions import may, visible_or_404
from workflows.history import changes_of
from workflows.pages import form_errors
from workflows.pagination import page_of

from .consultations import record_consultation, update_consultation
from .export import consultations_xlsx, recommendations_xlsx, xlsx_response
from .forms import ConsultationForm, ExecutionForm
from .models import Consultation, Recommendation
from .selectors import consultation_rows, municipalities_in_scope, recommendation_rows
from .services import report_execution

PAGE_SIZE = 50


class RecommendationListView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form, rows = recommendation_rows(request.user, request.GET)
        return render(request, "visits/recommendation_list.html", {
            "filter_form": form, "page": page_of(request, rows, PAGE_SIZE)})


class RecommendationExportView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        _form, rows = recommendation_rows(request.user, request.GET)
        return xlsx_response(recommendations_xlsx(rows), "addressed-recommendations.xlsx")


class RecommendationView(View):
    """A recommendation; the director of the organisation it is addressed to reports its execution here."""

    def get(self, request: HttpRequest, pk: int, form: ExecutionForm | None = None) -> HttpResponse:
        recommendation = self.visible(request, pk)
        may_execute = recommendation.is_open and may(request.user, "execute", recommendation)
        return render(request, "visits/recommendation.html", {
            "recommendation": recommendation, "visit": recommendation.visit,
            "execution_form": (form or ExecutionForm()) if may_execute else None,
            "changes": changes_of(recommendation) if may(request.user, "view_history", recommendation) else None})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        recommendation = self.visible(request, pk)
        if not may(request.user, "execute", recommendation):
            raise PermissionDenied
        form = ExecutionForm(request.POST)
        if form.is_valid():
            try:
                report_execution(recommendation, request.user, execution=form.cleaned_data["execution"])
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("The execution is reported to the methodical centre."))
                return redirect(recommendation)
        return self.get(request, pk, form)

    @staticmethod
    def visible(request: HttpRequest, pk: int) -> Recommendation:
        return visible_or_404(request.user, "view", Recommendation.objects.select_related(
            "organisation", "visit__schedule", "visit__organisation", "created_by", "executed_by"), pk=pk)


def may_consult(user) -> bool:
    return any(may(user, "consult", municipality) for municipality in municipalities_in_scope(user))


class ConsultationListView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form, rows = consultation_rows(request.user, request.GET)
        return render(request, "visits/consultation_list.html", {
            "filter_form": form, "page": page_of(request, rows, PAGE_SIZE), "may_consult": may_consult(request.user)})


class ConsultationExportView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        _form, rows = consultation_rows(request.user, request.GET)
        return xlsx_response(consultations_xlsx(rows), "consultations.xlsx")


def visible_consultation(request: HttpRequest, pk: int) -> Consultation:
    return visible_or_404(request.user, "view", Consultation.objects.select_related(
        "organisation", "municipality", "consulted_by", "visit", "follows_course"), pk=pk)


class ConsultationView(View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        consultation = visible_consultation(request, pk)
        return render(request, "visits/consultation.html", {
            "consultation": consultation, "people": consultation.people.all(),
            "may_edit": may(request.user, "edit", consultation),
            "changes": changes_of(consultation) if may(request.user, "view_history", consultation) else None})


class ConsultationFormView(View):
    """Record a consultation (`pk` None: a methodist or tutor of the municipality) or correct one."""

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        consultation = self.target(request, pk)
        return self.render(request, ConsultationForm(instance=consultation, user=request.user), consultation)

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        consultation = self.target(request, pk)
        form = ConsultationForm(request.POST, instance=consultation, user=request.user)
        if form.is_valid():
            try:
                consultation = self.save(request, consultation, form)
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("The consultation is recorded."))
                return redirect(consultation)
        return self.render(request, form, consultation)

    def target(self, request: HttpRequest, pk: int | None) -> Consultation | None:
        if pk is None:
            if not may_consult(request.user):
                raise PermissionDenied
            return None
        consultation = visible_consultation(request, pk)
        if not may(request.user, "edit", consultation):
            raise PermissionDenied
        return consultation

    def save(self, request: HttpRequest, consultation: Consultation | None, form: ConsultationForm) -> Consultation:
        people = form.cleaned_data["people"]
        if consultation is not None:
            return update_consultation(consultation, request.user, people=people, **form.service_fields())
        municipality = (form.cleaned_data["organisation"].municipality if form.cleaned_data["organisation"]
                        else request.user.organisation.municipality)
        return record_consultation(request.user, municipality=municipality, people=people, **form.service_fields())

    def render(self, request: HttpRequest, form: ConsultationForm, consultation: Consultation | None) -> HttpResponse:
        return render(request, "visits/consultation_form.html", {"form": form, "consultation": consultation})
