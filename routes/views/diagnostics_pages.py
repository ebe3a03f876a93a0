"""Diagnostics pages: thin, they parse input, call `routes.diagnostics` and render.

What a person may not see does not exist for them: every refusal on a page is a 404.
"""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts.models import Municipality
from accounts.permissions import may, visible, visible_or_404
from jobs.documents import recent_jobs
from workflows.pages import form_errors
from workflows.pagination import page_of

from .. import diagnostics as service
from .. import diagnostics_import, diagnostics_jobs
from ..forms.diagnostics import DeficitFormSet, DiagnosticsForm, ImportForm, RecommendationForm, SurveyForm
from ..models import Diagnostics, YoungTeacherSurvey

PAGE_SIZE = 50


def diagnostics_queryset() -> QuerySet[Diagnostics]:
    return Diagnostics.objects.select_related("teacher", "organisation", "entered_by")


class DiagnosticsListView(TemplateView):
    """The diagnostics the signed-in person may see, newest first."""

    template_name = "routes/diagnostics_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        records = visible(user, "view", diagnostics_queryset().prefetch_related("deficits"))
        context["page"] = page_of(self.request, records, PAGE_SIZE)
        context["may_enter"] = service.teachers_for_entry(user, Diagnostics).exists()
        context["may_import"] = bool(service.import_municipalities(user))
        return context


def detail_context(request: HttpRequest, diagnostics: Diagnostics, recommendation_form=None) -> dict:
    user = request.user
    may_recommend = may(user, "recommend", diagnostics)
    return {
        "diagnostics": diagnostics,
        "deficits": diagnostics.deficits.all(),
        "recommendations": diagnostics.recommendations.select_related("author"),
        "may_change": may(user, "change", diagnostics),
        "recommendation_form": (recommendation_form or RecommendationForm()) if may_recommend else None,
        "history": service.history_of(diagnostics) if may(user, "view_history", diagnostics) else None,
    }


class DiagnosticsDetailView(View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        diagnostics = visible_or_404(request.user, "view", diagnostics_queryset(), pk=pk)
        return render(request, "routes/diagnostics_detail.html", detail_context(request, diagnostics))


def record_to_enter(request: HttpRequest, pk: int | None, queryset: QuerySet) -> tuple[Model, QuerySet | None]:
    """The teacher's record to change (404 unless the person may change it), or a new one with the teachers
    the person may enter it for (404 when there are none)."""
    if pk is not None:
        return visible_or_404(request.user, "change", queryset, pk=pk), None
    teachers = service.teachers_for_entry(request.user, queryset.model)
    if not teachers.exists():
        raise Http404
    return queryset.model(), teachers


class DiagnosticsFormView(View):
    """Enter a diagnostics with its deficits (pk absent) or edit one."""

    template_name = "routes/diagnostics_form.html"

    def setup(self, request, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        self.diagnostics, self.teachers = record_to_enter(request, kwargs.get("pk"), diagnostics_queryset())

    def forms(self, data=None):
        form = DiagnosticsForm(data, instance=self.diagnostics, actor=self.request.user, teachers=self.teachers)
        return form, DeficitFormSet(data, instance=self.diagnostics, prefix="deficits")

    def render(self, form, formset) -> HttpResponse:
        context = {"form": form, "formset": formset, "diagnostics": self.diagnostics}
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        return self.render(*self.forms())

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        form, formset = self.forms(request.POST)
        # The main form first: the deficits are checked against the areas it assessed.
        form_valid = form.is_valid()
        if not (formset.is_valid() and form_valid):
            return self.render(form, formset)
        deficits = formset.save(commit=False)
        try:
            diagnostics = service.save_diagnostics(form.instance, request.user, deficits, formset.deleted_objects)
        except PermissionDenied:
            raise Http404
        except ValidationError as error:
            form_errors(form, error)
            return self.render(form, formset)
        messages.success(request, _("The diagnostics has been saved."))
        return redirect("diagnostics:detail", pk=diagnostics.pk)


class RecommendationView(View):
    """A methodist's targeted recommendations on a diagnostics."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        diagnostics = visible_or_404(request.user, "recommend", diagnostics_queryset(), pk=pk)
        form = RecommendationForm(request.POST)
        if form.is_valid():
            try:
                service.add_recommendation(diagnostics, request.user, form.cleaned_data["text"])
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("The recommendations have been saved."))
                return redirect(reverse("diagnostics:detail", kwargs={"pk": pk}) + "#recommendations")
        return render(request, "routes/diagnostics_detail.html", detail_context(request, diagnostics, form))


class ImportView(View):
    """A methodist imports a provider's results from an XLSX file: the page stores it and queues the import,
    then shows the job's page (its progress, then the counts or the errors by row)."""

    template_name = "routes/diagnostics_import.html"

    def setup(self, request, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        self.municipalities = service.import_municipalities(request.user)
        if not self.municipalities:
            raise Http404

    def render(self, form) -> HttpResponse:
        return render(self.request, self.template_name, {
            "form": form, "columns": diagnostics_import.Column, "choices": diagnostics_import.import_choices(),
            "jobs": recent_jobs(self.request.user, diagnostics_jobs.DIAGNOSTICS_IMPORT),
        })

    def get(self, request: HttpRequest) -> HttpResponse:
        # Back from a failed import's page, the municipality chosen then (a foreign value selects nothing).
        return self.render(self.form(initial={"municipality": request.GET.get("municipality")}))

    def form(self, data=None, files=None, initial=None) -> ImportForm:
        municipalities = Municipality.objects.filter(pk__in=[m.pk for m in self.municipalities])
        return ImportForm(data, files, municipalities=municipalities, initial=initial)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self.form(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(form)
        try:
            job = diagnostics_jobs.queue_import(form.cleaned_data["file"], form.cleaned_data["municipality"],
                                                request.user)
        except PermissionDenied:
            raise Http404
        return redirect("jobs:detail", pk=job.pk)


class SurveyListView(TemplateView):
    """The young-teacher surveys the signed-in person may see."""

    template_name = "routes/diagnostics_survey_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        surveys = visible(user, "view", YoungTeacherSurvey.objects.select_related("teacher", "organisation"))
        context["page"] = page_of(self.request, surveys, PAGE_SIZE)
        context["may_enter"] = service.teachers_for_entry(user, YoungTeacherSurvey).exists()
        context["changeable"] = {survey.pk for survey in context["page"] if may(user, "change", survey)}
        return context


class SurveyFormView(View):
    """Answer the survey (pk absent) or correct the answers."""

    template_name = "routes/diagnostics_survey_form.html"

    def setup(self, request, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        self.survey, self.teachers = record_to_enter(
            request, kwargs.get("pk"), YoungTeacherSurvey.objects.select_related("teacher"))

    def form(self, data=None) -> SurveyForm:
        return SurveyForm(data, instance=self.survey, actor=self.request.user, teachers=self.teachers)

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        return render(request, self.template_name, {"form": self.form(), "survey": self.survey})

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        form = self.form(request.POST)
        if form.is_valid():
            try:
                service.save_survey(form.instance, request.user)
            except PermissionDenied:
                raise Http404
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("The survey answers have been saved."))
                return redirect("diagnostics:survey_list")
        return render(request, self.template_name, {"form": form, "survey": self.survey})
