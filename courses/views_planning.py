"""Pages of the course needs and plans: the needs with their filters and export, a school's need form, the
municipality's plans, consolidating the year's plan and choosing a line's programme. Thin: reads from
`selectors`, writes through `planning`."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from accounts.models import Organisation
from accounts.permissions import may, visible, visible_or_404
from workflows.history import changes_of
from workflows.pages import saved
from workflows.pagination import page_of

from . import planning
from .export import needs_xlsx, plan_xlsx
from .forms import NeedForm, PlanForm, PlanItemForm
from .models import Course, CourseNeed, CoursePlan
from .selectors import (
    municipalities_in_scope,
    need_rows,
    plan_items,
    visible_needs,
    visible_plans,
)
from .views import PAGE_SIZE, xlsx_response


def consolidating_municipalities(user):
    return visible(user, "consolidate_course_plan", municipalities_in_scope(user).order_by("name"))


class NeedListView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form, rows = need_rows(request.user, request.GET)
        return render(request, "courses/need_list.html", {
            "filter_form": form, "page": page_of(request, rows, PAGE_SIZE),
            "may_submit": bool(planning.need_organisations(request.user))})


class NeedExportView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        _form, rows = need_rows(request.user, request.GET)
        return xlsx_response(needs_xlsx(rows), "course-needs.xlsx")


class NeedFormView(View):
    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        if pk is not None:
            need = visible_or_404(request.user, "view", visible_needs(request.user), pk=pk)
            if not may(request.user, "change", need):
                return render(request, "courses/need_detail.html",
                              {"need": need, "changes": self.changes(request, need)})
        need, organisations = self.need(request, pk)
        initial = {}
        if need is not None:
            initial = {"organisation": need.organisation_id, "year": need.year, "focus": need.focus,
                       "topic": need.topic, "teachers_count": need.teachers_count, "comment": need.comment,
                       "people": [person.pk for person in need.people.all()]}
        return self.render(request, NeedForm(initial=initial, user=request.user, organisations=organisations), need)

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        need, organisations = self.need(request, pk)
        form = NeedForm(request.POST, user=request.user, organisations=organisations)
        if form.is_valid():
            data = dict(form.cleaned_data)
            people = data.pop("people")
            target = need or CourseNeed()
            for name, value in data.items():
                setattr(target, name, value)
            if saved(request, form, lambda: planning.submit_need(request.user, target, people),
                     _("The course need is submitted.")) is not None:
                return redirect("courses:needs")
        return self.render(request, form, need)

    def need(self, request: HttpRequest, pk: int | None) -> tuple[CourseNeed | None, list[Organisation]]:
        if pk is None:
            organisations = planning.need_organisations(request.user)
            if not organisations:
                raise PermissionDenied
            return None, organisations
        need = visible_or_404(request.user, "view", visible_needs(request.user), pk=pk)
        if not may(request.user, "change", need):
            raise PermissionDenied
        return need, [need.organisation]

    def render(self, request: HttpRequest, form: NeedForm, need: CourseNeed | None) -> HttpResponse:
        return render(request, "courses/need_form.html", {"form": form, "need": need,
                                                          "changes": self.changes(request, need)})

    def changes(self, request: HttpRequest, need: CourseNeed | None) -> list | None:
        return changes_of(need) if need is not None and may(request.user, "view_history", need) else None


class NeedDeleteView(View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        need = visible_or_404(request.user, "view", visible_needs(request.user), pk=pk)
        planning.delete_need(request.user, need)
        messages.success(request, _("The course need is deleted."))
        return redirect("courses:needs")


class PlanListView(View):
    def get(self, request: HttpRequest, form: PlanForm | None = None) -> HttpResponse:
        municipalities = list(consolidating_municipalities(request.user))
        return render(request, "courses/plan_list.html", {
            "plans": visible_plans(request.user)[:PAGE_SIZE], "municipalities": municipalities,
            "form": (form or PlanForm()) if municipalities else None})

    def post(self, request: HttpRequest) -> HttpResponse:
        municipalities = list(consolidating_municipalities(request.user))
        if not municipalities:
            raise PermissionDenied
        form = PlanForm(request.POST)
        asked = request.POST.get("municipality")
        chosen = next((m for m in municipalities if str(m.pk) == asked), None) if asked else municipalities[0]
        if chosen is None:
            raise Http404(_("Not found."))
        if form.is_valid():
            plan = saved(request, form, lambda: planning.consolidate_plan(
                request.user, chosen, form.cleaned_data["year"], form.cleaned_data["note"]),
                _("The course plan is consolidated from the needs."))
            if plan is not None:
                return redirect(plan)
        return self.get(request, form)


def visible_plan(request: HttpRequest, pk: int) -> CoursePlan:
    return visible_or_404(request.user, "view", visible_plans(request.user), pk=pk)


class PlanDetailView(View):
    def get(self, request: HttpRequest, pk: int, errors: dict | None = None) -> HttpResponse:
        plan = visible_plan(request, pk)
        may_change = may(request.user, "change", plan)
        items = list(plan_items(plan))
        forms = {item.pk: (errors or {}).get(item.pk) or PlanItemForm(
            initial={"course": item.course_id}, user=request.user, prefix=f"item-{item.pk}") for item in items} \
            if may_change else {}
        return render(request, "courses/plan_detail.html", {
            "plan": plan, "rows": [(item, forms.get(item.pk)) for item in items], "may_change": may_change,
            "changes": changes_of(plan) if may(request.user, "view_history", plan) else None})


class PlanItemView(View):
    """POST: the programme chosen for a line of the plan."""

    def post(self, request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
        plan = visible_plan(request, pk)
        item = plan.items.filter(pk=item_pk).select_related("plan__municipality").first()
        if item is None:
            raise Http404(_("Not found."))
        form = PlanItemForm(request.POST, user=request.user, prefix=f"item-{item.pk}")
        if form.is_valid():
            course = Course.objects.filter(pk=form.cleaned_data["course"]).select_related("provider").first() \
                if form.cleaned_data["course"] else None
            if saved(request, form, lambda: planning.choose_course(request.user, item, course),
                     _("The programme is chosen.")) is not None:
                return redirect(plan)
        return PlanDetailView().get(request, pk, errors={item.pk: form})


class PlanExportView(View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = visible_plan(request, pk)
        return xlsx_response(plan_xlsx(plan, plan_items(plan)), f"course-plan-{plan.year}.xlsx")
