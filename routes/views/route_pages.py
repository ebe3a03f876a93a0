"""Pages of the individual educational route: the list, the case page and its actions, the draft, the
report and the amendment. Thin: every action goes through routes.services."""
from __future__ import annotations

from datetime import datetime, time

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from accounts.permissions import may
from workflows.decisions import decision_choices
from workflows.history import HISTORY_EXCLUDED, changes_of, timeline_of
from workflows.models import CaseEvent
from workflows.services import last_event
from workflows.pages import CaseActionView, CaseDetailView, CaseEditView, CaseListView, saved, visible_case
from workflows.params import date_or_none, id_or_404

from .. import services
from ..forms.route import (ADD_ROW, ActivityDoneForm, ActivityFormSet, AmendmentForm, CommentForm, DecisionForm,
                           EvaluationForm, ReportForm, RouteForm, as_entered)
from ..models import IndividualRoute, RouteActivity


ROUTE_RELATED = ("author", "organisation", "municipality", "mentor", "assignee")


def visible_route(request, pk: int) -> IndividualRoute:
    return visible_case(request, IndividualRoute, ROUTE_RELATED, pk)


class RouteListView(CaseListView):
    model = IndividualRoute
    template_name = "routes/route_list.html"
    related = ("author", "organisation", "assignee")

    def may_create(self, request) -> bool:
        return services.may_draw_up_routes(request.user)


class RouteEditView(CaseEditView):
    model = IndividualRoute
    related = ROUTE_RELATED
    template_name = "routes/route_form.html"

    def may_create(self, request) -> bool:
        return services.may_draw_up_routes(request.user)

    def get(self, request, pk=None):
        route = self.case(request, pk)
        return self.render(request, RouteForm(instance=route, author=request.user),
                           ActivityFormSet(instance=route if route.pk else None), route)

    def post(self, request, pk=None):
        route = self.case(request, pk)
        form = RouteForm(request.POST, instance=route, author=request.user)
        formset = ActivityFormSet(request.POST, instance=route if route.pk else None)
        if ADD_ROW in request.POST:
            return self.render(request, *as_entered(form, formset), route)
        # Both validated, so every error of the form and of each row is shown at once.
        if all([form.is_valid(), formset.is_valid()]) and formset.fit(form.save(commit=False)):
            saved_route = saved(request, form, lambda: services.save_draft(
                form.instance, request.user, activities=formset.kept(),
                deficits=form.cleaned_data["deficits"], participants=form.cleaned_data["participants"]),
                _("The route is saved."))
            if saved_route:
                return redirect(saved_route)
        return self.render(request, form, formset, route)

    def render(self, request, form, formset, route):
        return render(request, self.template_name, {
            "form": form, "formset": formset, "route": route, "returned": returned_event(route)})


def returned_event(case) -> CaseEvent | None:
    """The return the author is answering, while the case is back with them."""
    return last_event(case, CaseEvent.Kind.RETURNED) if case.pk and case.status == case.Status.RETURNED else None


class RouteDetailView(CaseDetailView):
    model = IndividualRoute
    template_name = "routes/route_detail.html"
    related = ROUTE_RELATED

    def context(self, request, route, forms) -> dict:
        task = services.current_human_task(route)
        try:
            as_of, status = date_or_none(request.GET.get("as_of")), 200
        except ValueError:
            messages.error(request, _("There is no such date: give the date as day, month and year."))
            as_of, status = None, 400
        actions = services.available_actions(route, request.user, task)
        deciding = "decide" in actions  # what the reviewer is offered and shown is read only for them
        context = {
            "route": route,
            "status": status,
            "actions": actions,
            "activities": route.activities.prefetch_related(linked_internships(), linked_events()),
            "events": timeline_of(route),
            "decision_form": forms.get("decide") or DecisionForm(
                choices=decision_choices(route.process) if deciding else None),
            "reply": last_event(route, CaseEvent.Kind.RESUBMITTED) if deciding else None,
            "returned": returned_event(route) if "submit" in actions else None,
            "evaluation_form": forms.get("evaluate") or EvaluationForm(),
            "activity_form": forms.get("record_activity") or ActivityDoneForm(),
            "comment_form": forms.get("comment") or CommentForm(),
            "task": task,
            "may_see_history": may(request.user, "view_history", route),
            "as_of": as_of,
        }
        if context["may_see_history"]:
            context["changes"] = changes_of(route, excluded_fields=HISTORY_EXCLUDED)
            if as_of:
                context["past"] = route_as_of(route, as_of)
        return context


def linked_internships() -> Prefetch:
    """The internships a teacher linked to the activities, with their programme and site, in one query: the app
    that owns them links to the activity (`related_name="internships"`), routes does not import it."""
    internship = RouteActivity._meta.get_field("internships").related_model
    return Prefetch("internships", queryset=internship.objects.select_related("programme__site__organisation"))


def linked_events() -> Prefetch:
    """The events whose registration the teacher linked to an activity, read like `linked_internships`: the
    events app links to the activity (`related_name="event_registrations"`), routes does not import it."""
    registration = RouteActivity._meta.get_field("event_registrations").related_model
    return Prefetch("event_registrations", queryset=registration.objects.select_related("event"))


def route_as_of(route: IndividualRoute, day):
    """The route as it stood at the end of `day`; None before it was drawn up."""
    try:
        return route.history.as_of(timezone.make_aware(datetime.combine(day, time.max)))
    except IndividualRoute.DoesNotExist:
        return None


class RouteActionView(CaseActionView):
    """POST endpoints of the case page: each calls one service and comes back to the page."""

    detail_view = RouteDetailView
    submit = staticmethod(services.submit)
    submitted = gettext_lazy("The route is sent for agreement.")

    def do_decide(self, request, route):
        form = DecisionForm(request.POST, request.FILES, choices=decision_choices(route.process))
        return self.form_action(request, "decide", form, lambda data: services.review(
            route, request.user, data["decision"], data["comment"], [data["file"]] if data["file"] else []),
            _("The decision is recorded."))

    def do_evaluate(self, request, route):
        return self.form_action(request, "evaluate", EvaluationForm(request.POST), lambda data: services.evaluate(
            route, request.user, data["result"], data["comment"]), _("The evaluation is recorded."))

    def do_record_activity(self, request, route):
        activity = get_object_or_404(RouteActivity, pk=id_or_404(request.POST.get("activity")), route=route)
        form = ActivityDoneForm(request.POST, request.FILES)
        return self.form_action(request, "record_activity", form, lambda data: services.record_activity_done(
            activity, request.user, data["evidence"], data["link"], data["comment"]),
            _("The activity is recorded as done."))

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
            if saved(request, form, lambda: services.submit_report(route, request.user, **form.cleaned_data),
                     _("The final report is sent for evaluation.")):
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
        if ADD_ROW in request.POST:
            return self.render(request, route, *as_entered(form, formset))
        if all([form.is_valid(), formset.is_valid()]) and formset.fit(route):
            amendment = saved(request, form, lambda: services.propose_amendment(
                route, request.user, form.cleaned_data["reason"], formset.kept()),
                _("The amendment is sent for agreement."))
            if amendment:
                return redirect(route)
        return self.render(request, route, form, formset)

    def render(self, request, route, form, formset):
        return render(request, "routes/route_amend.html", {"route": route, "form": form, "formset": formset})
