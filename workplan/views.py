"""Pages of the work plan: the items with their filters and XLSX export, the plans, a year's roadmap with
the analysis of its execution, an item with its report and history. Thin: reads from `selectors`, writes
through `services`; what a person may not see is «Не найдено.» (404), as a missing record is."""
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

from . import selectors, services
from .export import items_xlsx
from .forms import AnalysisForm, ItemForm, PlanForm, ReportForm
from .models import PlanItem, WorkPlan

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ItemListView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form, items = selectors.item_rows(request.user, request.GET)
        return render(request, "workplan/item_list.html", {
            "filter_form": form, "page": page_of(request, items, PAGE_SIZE),
            "plans": selectors.visible_plans(request.user)[:20],
            "may_plan": bool(selectors.municipalities_to_plan(request.user))})


class ItemExportView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        _form, items = selectors.item_rows(request.user, request.GET)
        response = HttpResponse(items_xlsx(items), content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="work-plan.xlsx"'
        return response


def visible_plan(request: HttpRequest, pk: int) -> WorkPlan:
    return visible_or_404(request.user, "view", WorkPlan.objects.select_related(
        "municipality", "created_by", "approved_by", "analysed_by"), pk=pk)


def visible_item(request: HttpRequest, pk: int) -> PlanItem:
    return visible_or_404(request.user, "view", PlanItem.objects.select_related(
        "plan__municipality", "responsible__organisation", "closed_by"), pk=pk)


class PlanCreateView(View):
    def setup(self, request, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        self.municipalities = selectors.municipalities_to_plan(request.user)

    def dispatch(self, request, *args, **kwargs):
        if not self.municipalities:
            raise PermissionDenied(_("You may not draw up this municipality's work plan."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(PlanForm(municipalities=self.municipalities))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = PlanForm(request.POST, municipalities=self.municipalities)
        if form.is_valid():
            data = form.cleaned_data
            try:
                plan = services.draw_up_plan(request.user, data["municipality"], year=data["year"],
                                             title=data["title"])
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("The work plan is drawn up: add its items."))
                return redirect(plan)
        return self.render(form)

    def render(self, form: PlanForm) -> HttpResponse:
        return render(self.request, "workplan/plan_form.html", {"form": form})


class PlanDetailView(View):
    """The year's roadmap by section, the analysis of its execution and the plan's history."""

    def get(self, request: HttpRequest, pk: int, analysis_form: AnalysisForm | None = None) -> HttpResponse:
        plan = visible_plan(request, pk)
        user = request.user
        sections, total = selectors.execution(plan)
        may_analyse = may(user, "analyse", plan)
        return render(request, "workplan/plan_detail.html", {
            "plan": plan, "roadmap": selectors.roadmap(plan), "execution": sections, "total": total,
            "may_edit": may(user, "edit", plan), "may_approve": not plan.is_approved and may(user, "approve", plan),
            "analysis_form": (analysis_form or AnalysisForm(initial={"analysis": plan.analysis}))
            if may_analyse else None,
            "changes": changes_of(plan) if may(user, "view_history", plan) else None})


class PlanApproveView(View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = visible_plan(request, pk)
        if not may(request.user, "approve", plan):
            raise PermissionDenied(_("You may not approve this work plan."))
        try:
            services.approve_plan(plan, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The work plan is approved."))
        return redirect(plan)


class PlanAnalysisView(View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = visible_plan(request, pk)
        if not may(request.user, "analyse", plan):
            raise PermissionDenied(_("You may not write this plan's analysis."))
        form = AnalysisForm(request.POST)
        if form.is_valid():
            try:
                services.write_analysis(plan, request.user, text=form.cleaned_data["analysis"])
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("The analysis of the plan's execution is saved."))
                return redirect(plan)
        return PlanDetailView().get(request, pk, analysis_form=form)


class ItemEditView(View):
    """A new item of a plan (`plan_pk`) or an item being edited (`pk`)."""

    def setup(self, request, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        if "pk" in kwargs:
            self.item = visible_item(request, kwargs["pk"])
            self.plan = self.item.plan
        else:
            self.item = None
            self.plan = visible_plan(request, kwargs["plan_pk"])

    def dispatch(self, request, *args, **kwargs):
        if not may(request.user, "edit", self.plan):
            raise PermissionDenied(_("You may not change this work plan."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, **kwargs) -> HttpResponse:
        initial = ItemForm.initial_of(self.item) if self.item else {"deadline": None}
        return self.render(ItemForm(initial=initial, plan=self.plan))

    def post(self, request: HttpRequest, **kwargs) -> HttpResponse:
        form = ItemForm(request.POST, plan=self.plan)
        if form.is_valid():
            try:
                if self.item is None:
                    item = services.add_item(self.plan, request.user, **form.cleaned_data)
                else:
                    item = services.edit_item(self.item, request.user, **form.cleaned_data)
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("The plan item is saved."))
                return redirect(item)
        return self.render(form)

    def render(self, form: ItemForm) -> HttpResponse:
        return render(self.request, "workplan/item_form.html", {"form": form, "plan": self.plan, "item": self.item})


class ItemDetailView(View):
    def get(self, request: HttpRequest, pk: int, report_form: ReportForm | None = None) -> HttpResponse:
        item = visible_item(request, pk)
        user = request.user
        initial = {"status": item.status, "result": item.result}
        return render(request, "workplan/item_detail.html", {
            "item": item, "plan": item.plan,
            "may_see_plan": may(user, "view", item.plan),
            "may_edit": not item.is_closed and may(user, "edit", item.plan),
            "report_form": (report_form or ReportForm(initial=initial)) if may(user, "report", item) else None,
            "changes": changes_of(item) if may(user, "view_history", item) else None})


class ItemReportView(View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        item = visible_item(request, pk)
        if not may(request.user, "report", item):
            raise PermissionDenied(_("You may not report on this plan item."))
        form = ReportForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.report_on_item(item, request.user, status=data["status"], result=data["result"],
                                        closed_on=data["closed_on"])
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("The item's status and result are saved."))
                return redirect(item)
        return ItemDetailView().get(request, pk, report_form=form)
