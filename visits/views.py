"""Pages of the visits: the list with its filters and XLSX export, a visit planned, a visit's page with its
report, recommendations and history (the report, a further recommendation and the cancelling posted from
it), the year's schedule and its approval. Thin: reads from `selectors`, writes through `services`."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from accounts.permissions import may, visible_or_404
from workflows.history import changes_of
from workflows.pages import form_errors
from workflows.pagination import page_of

from . import services
from .export import visits_xlsx, xlsx_response
from .forms import CancelVisitForm, PlanVisitForm, RecommendForm, ReportVisitForm
from .models import Visit, VisitSchedule
from .selectors import municipalities_in_scope, visit_rows

PAGE_SIZE = 50


def may_plan(user) -> bool:
    return any(may(user, "plan_visits", municipality) for municipality in municipalities_in_scope(user))


class VisitListView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form, visits = visit_rows(request.user, request.GET)
        return render(request, "visits/visit_list.html", {
            "filter_form": form, "page": page_of(request, visits.prefetch_related("methodists"), PAGE_SIZE),
            "may_plan": may_plan(request.user)})


class VisitExportView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        _form, visits = visit_rows(request.user, request.GET)
        return xlsx_response(visits_xlsx(visits.prefetch_related("methodists")), "methodical-visits.xlsx")


class PlanVisitView(View):
    def dispatch(self, request, *args, **kwargs):
        if not may_plan(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(request, PlanVisitForm(user=request.user))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = PlanVisitForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                visit = services.plan_visit(request.user, **form.cleaned_data)
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("The visit is in the schedule."))
                return redirect(visit)
        return self.render(request, form)

    def render(self, request: HttpRequest, form: PlanVisitForm) -> HttpResponse:
        return render(request, "visits/visit_form.html", {"form": form})


def visible_visit(request: HttpRequest, pk: int) -> Visit:
    return visible_or_404(request.user, "view", Visit.objects.select_related(
        "organisation", "schedule__municipality", "reported_by"), pk=pk)


class VisitDetailView(View):
    def get(self, request: HttpRequest, pk: int, forms: dict | None = None) -> HttpResponse:
        visit = visible_visit(request, pk)
        forms, user = forms or {}, request.user
        planned = visit.is_planned
        return render(request, "visits/visit_detail.html", {
            "visit": visit, "methodists": visit.methodists.all(), "may_see_schedule": may(user, "view", visit.schedule),
            "recommendations": visit.recommendations.select_related("executed_by"),
            "consultations": visit.consultations.select_related("consulted_by"),
            "report_form": forms.get("report", ReportVisitForm()) if planned and may(user, "report", visit) else None,
            "recommend_form": forms.get("recommend", RecommendForm())
            if visit.status == Visit.Status.DONE and may(user, "recommend", visit) else None,
            "cancel_form": forms.get("cancel", CancelVisitForm()) if planned and may(user, "cancel", visit) else None,
            "changes": changes_of(visit) if may(user, "view_history", visit) else None,
        })


class VisitActionView(View):
    """POST `<pk>/report|recommend|cancel/`: the methodist's report, a further recommendation, the cancelling."""

    forms = {"report": ReportVisitForm, "recommend": RecommendForm, "cancel": CancelVisitForm}

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        visit = visible_visit(request, pk)
        if action not in self.forms:
            raise Http404
        if not may(request.user, action, visit):
            raise PermissionDenied
        form = self.forms[action](request.POST)
        if form.is_valid():
            try:
                done = getattr(self, f"do_{action}")(request, visit, form)
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, done)
                return redirect("visits:visit", pk=visit.pk)
        return VisitDetailView().get(request, pk, forms={action: form})

    def do_report(self, request: HttpRequest, visit: Visit, form: ReportVisitForm) -> str:
        data = form.cleaned_data
        services.report_visit(visit, request.user, visited_on=data["visited_on"], findings=data["findings"],
                              report=data["report"], recommendations=form.recommendations())
        return _("The visit is reported; the school is told of its recommendations.")

    def do_recommend(self, request: HttpRequest, visit: Visit, form: RecommendForm) -> str:
        services.recommend(visit, request.user, **form.cleaned_data)
        return _("The recommendation is sent to the school.")

    def do_cancel(self, request: HttpRequest, visit: Visit, form: CancelVisitForm) -> str:
        services.cancel_visit(visit, request.user, reason=form.cleaned_data["cancel_reason"])
        return _("The visit is cancelled.")


class ScheduleView(View):
    """The year's schedule of a municipality: its visits in date order, approved by the officer."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        schedule = visible_or_404(request.user, "view", VisitSchedule.objects.select_related(
            "municipality", "approved_by", "created_by"), pk=pk)
        return render(request, "visits/schedule.html", {
            "schedule": schedule, "visits": schedule.visits.select_related("organisation").order_by("planned_on"),
            "may_approve": schedule.approved_at is None and may(request.user, "approve", schedule)})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        schedule = visible_or_404(request.user, "view", VisitSchedule, pk=pk)
        try:
            services.approve_schedule(schedule, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The schedule is approved."))
        return redirect(schedule)
