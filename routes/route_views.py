"""Pages of the individual educational route: thin, every action goes through routes.services."""
from __future__ import annotations

from datetime import datetime, time

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts.models import Municipality
from accounts.permissions import may, visible
from workflows.case_lists import case_list
from workflows.chains import chain_for
from workflows.models import CaseEvent, ProcessKind
from workflows.pages import form_errors
from workflows.params import date_or_none, id_or_404
from workflows.services import TaskAlreadyDone

from . import services
from .models import IndividualRoute, RouteActivity
from .route_forms import (ActivityDoneForm, ActivityFormSet, AmendmentForm, CommentForm, DecisionForm,
                          EvaluationForm, ReportForm, RouteForm)


def visible_route(request, pk: int) -> IndividualRoute:
    """The route if the user may see it; 404 otherwise, so its existence is not revealed."""
    route = get_object_or_404(IndividualRoute.objects.select_related("author", "organisation", "municipality",
                                                                     "mentor", "assignee"), pk=pk)
    if not may(request.user, "view", route):
        raise Http404
    return route


class RouteListView(View):
    def get(self, request):
        # The chain snapshot is the widest column and the list never shows it.
        routes = visible(request.user, "view", IndividualRoute.objects.defer("chain_steps")).select_related(
            "author", "organisation", "assignee")
        return render(request, "routes/route_list.html", {
            **case_list(request, routes), "may_create": services.may_draw_up_routes(request.user)})


class RouteEditView(View):
    template_name = "routes/route_form.html"

    def route(self, request, pk):
        if pk is None:
            if not services.may_draw_up_routes(request.user):
                raise PermissionDenied
            return IndividualRoute(author=request.user)
        route = visible_route(request, pk)
        if not (route.author_id == request.user.pk and route.is_editable):
            raise PermissionDenied
        return route

    def get(self, request, pk=None):
        route = self.route(request, pk)
        return self.render(request, RouteForm(instance=route, author=request.user),
                           ActivityFormSet(instance=route if route.pk else None), route)

    def post(self, request, pk=None):
        route = self.route(request, pk)
        form = RouteForm(request.POST, instance=route, author=request.user)
        formset = ActivityFormSet(request.POST, instance=route if route.pk else None)
        if form.is_valid() and formset.is_valid():
            activities = [f.save(commit=False) for f in formset.forms
                          if f.cleaned_data and not f.cleaned_data.get("DELETE")]
            try:
                route = services.save_draft(form.save(commit=False), request.user, activities=activities,
                                            deficits=form.cleaned_data["deficits"],
                                            participants=form.cleaned_data["participants"])
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("The route is saved."))
                return redirect(route)
        return self.render(request, form, formset, route)

    def render(self, request, form, formset, route):
        return render(request, self.template_name, {"form": form, "formset": formset, "route": route})


class RouteDetailView(View):
    def get(self, request, pk, forms=None):
        route = visible_route(request, pk)
        task = services.current_human_task(route)
        actions = services.available_actions(route, request.user, task)
        forms = forms or {}
        try:
            as_of, status = date_or_none(request.GET.get("as_of")), 200
        except ValueError:
            messages.error(request, _("There is no such date: give the date as day, month and year."))
            as_of, status = None, 400
        context = {
            "route": route,
            "actions": actions,
            "activities": route.activities.all(),
            "events": CaseEvent.objects.filter(process_id=route.process_id).select_related("actor")
                                       .prefetch_related("files") if route.process_id else [],
            "decision_form": forms.get("decide") or DecisionForm(),
            "evaluation_form": forms.get("evaluate") or EvaluationForm(),
            "activity_form": forms.get("record_activity") or ActivityDoneForm(),
            "comment_form": forms.get("comment") or CommentForm(),
            "task": task,
            "may_see_history": may(request.user, "view_history", route),
            "as_of": as_of,
        }
        if context["may_see_history"]:
            context["changes"] = route_changes(route)
            if as_of:
                moment = timezone.make_aware(datetime.combine(as_of, time.max))
                try:
                    context["past"] = route.history.as_of(moment)
                except IndividualRoute.DoesNotExist:
                    context["past"] = None
        return render(request, "routes/route_detail.html", context, status=status)


def route_changes(route: IndividualRoute) -> list[dict]:
    """Who changed which field of the route, and when: the history diff shown on the case page."""
    rows = list(route.history.select_related("history_user").order_by("history_date"))
    deficits = deficits_by_record(rows)
    result = []
    for previous, record in zip([None, *rows], rows):
        if previous is None:
            result.append({"record": record, "changes": []})
            continue
        delta = record.diff_against(previous, excluded_fields=["updated_at", "process", "chain_steps", "deficits"])
        changes = [(change.field, change.old, change.new) for change in delta.changes]
        if deficits[previous.pk] != deficits[record.pk]:
            changes.append(("deficits", deficits[previous.pk], deficits[record.pk]))
        if changes:
            result.append({"record": record, "changes": [
                {"field": IndividualRoute._meta.get_field(name).verbose_name, "old": old, "new": new}
                for name, old, new in sorted(changes, key=lambda change: change[0])]})
    return result


def deficits_by_record(records: list) -> dict[int, str]:
    """The deficits each history record kept, by title, read in one query for all the records
    (`diff_against` would read them with two queries for every pair and show their ids)."""
    if not records:
        return {}
    kept = records[0].deficits.model.objects.filter(history__in=records).order_by("deficit__title")
    titles: dict[int, list[str]] = {record.pk: [] for record in records}
    for history_id, title in kept.values_list("history_id", "deficit__title"):
        titles[history_id].append(title)
    return {record: "; ".join(names) for record, names in titles.items()}


class RouteActionView(View):
    """POST endpoints of the case page: each calls one service and comes back to the page."""

    def post(self, request, pk, action):
        route = visible_route(request, pk)
        handler = getattr(self, f"do_{action}", None)
        if handler is None:
            raise Http404
        try:
            result = handler(request, route)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            result = None
        except TaskAlreadyDone as error:
            messages.warning(request, " ".join(error.messages))
            result = None
        except PermissionDenied:
            raise
        if isinstance(result, dict):  # a form with errors: show the page with what was entered
            return RouteDetailView().get(request, pk, forms=result)
        return redirect(route)

    def do_submit(self, request, route):
        services.submit(route, request.user)
        messages.success(request, _("The route is sent for agreement."))

    def do_decide(self, request, route):
        form = DecisionForm(request.POST, request.FILES)
        if not form.is_valid():
            return {"decide": form}
        try:
            services.review(route, request.user, form.cleaned_data["decision"], form.cleaned_data["comment"],
                            [form.cleaned_data["file"]] if form.cleaned_data["file"] else [])
        except ValidationError as error:
            form_errors(form, error)
            return {"decide": form}
        messages.success(request, _("The decision is recorded."))

    def do_evaluate(self, request, route):
        form = EvaluationForm(request.POST)
        if not form.is_valid():
            return {"evaluate": form}
        try:
            services.evaluate(route, request.user, form.cleaned_data["result"], form.cleaned_data["comment"])
        except ValidationError as error:
            form_errors(form, error)
            return {"evaluate": form}
        messages.success(request, _("The evaluation is recorded."))

    def do_record_activity(self, request, route):
        activity = get_object_or_404(RouteActivity, pk=id_or_404(request.POST.get("activity")), route=route)
        form = ActivityDoneForm(request.POST, request.FILES)
        if not form.is_valid():
            return {"record_activity": form}
        try:
            services.record_activity_done(activity, request.user, form.cleaned_data["evidence"],
                                          form.cleaned_data["link"], form.cleaned_data["comment"])
        except ValidationError as error:
            form_errors(form, error)
            return {"record_activity": form}
        messages.success(request, _("The activity is recorded as done."))

    def do_comment(self, request, route):
        form = CommentForm(request.POST)
        if not form.is_valid():
            return {"comment": form}
        activity = get_object_or_404(RouteActivity, pk=form.cleaned_data["activity"], route=route)
        services.comment_activity(activity, request.user, form.cleaned_data["comment"])


class RouteReportView(View):
    def get(self, request, pk):
        route = visible_route(request, pk)
        if "report" not in services.available_actions(route, request.user):
            raise PermissionDenied
        return render(request, "routes/route_report.html", {"route": route, "form": ReportForm(instance=route)})

    def post(self, request, pk):
        route = visible_route(request, pk)
        form = ReportForm(request.POST, instance=route)
        if form.is_valid():
            try:
                services.submit_report(route, request.user, **form.cleaned_data)
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("The final report is sent for evaluation."))
                return redirect(route)
        route.refresh_from_db()
        return render(request, "routes/route_report.html", {"route": route, "form": form})


class RouteAmendView(View):
    def get(self, request, pk):
        route = visible_route(request, pk)
        if "amend" not in services.available_actions(route, request.user):
            raise PermissionDenied
        return self.render(request, route, AmendmentForm(), ActivityFormSet(queryset=RouteActivity.objects.none()))

    def post(self, request, pk):
        route = visible_route(request, pk)
        form = AmendmentForm(request.POST)
        formset = ActivityFormSet(request.POST, queryset=RouteActivity.objects.none())
        if form.is_valid() and formset.is_valid():
            activities = [f.save(commit=False) for f in formset.forms
                          if f.cleaned_data and not f.cleaned_data.get("DELETE")]
            try:
                with transaction.atomic():
                    services.propose_amendment(route, request.user, form.cleaned_data["reason"], activities)
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("The amendment is sent for agreement."))
                return redirect(route)
        return self.render(request, route, form, formset)

    def render(self, request, route, form, formset):
        return render(request, "routes/route_amend.html", {"route": route, "form": form, "formset": formset})


class RoutePrintView(View):
    """The approved route as a PDF print form."""

    def get(self, request, pk):
        from weasyprint import HTML

        route = visible_route(request, pk)
        html = render(request, "routes/route_print.html", {"route": route, "activities": route.activities.all(),
                                                           "approvals": CaseEvent.objects.filter(
                                                               process_id=route.process_id,
                                                               kind=CaseEvent.Kind.APPROVED).select_related("actor")
                                                           if route.process_id else []}).content.decode()
        pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{route.number}.pdf"'
        return response


class RegulationView(View):
    """«Регламент по разработке, согласованию и реализации ИОМ» [003:237], generated from the chain in force."""

    def get(self, request, slug):
        from weasyprint import HTML

        municipality = get_object_or_404(Municipality, slug=slug)
        chain = chain_for(municipality, ProcessKind.ROUTE)
        context = {"municipality": municipality, "chain": chain, "steps": chain.steps.order_by("order"),
                   "today": timezone.localdate()}
        if request.GET.get("format") != "pdf":
            return render(request, "routes/regulation.html", context)
        html = render(request, "routes/regulation_document.html", context).content.decode()
        response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="reglament-iom-{slug}.pdf"'
        return response
