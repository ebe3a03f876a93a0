"""Pages of an association's year: drawing up the plan of meetings on the members' deficits, the plan,
announcing a meeting, the meeting's page with its protocol form and files. Thin: the services decide."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts.permissions import may
from workflows.files import MAX_ID, StoredFile, not_found, send
from workflows.history import changes_of
from workflows.pages import saved

from .forms import MeetingForm, PlanForm, PlanItemFormSet, ProtocolForm, plan_errors, plan_items
from .meetings import draw_up_plan, record_protocol, schedule_meeting
from .models import Meeting, MeetingPlan
from .rules import may_keep, may_read
from .selectors import deficit_groups
from .views import kept_association, readable_association


def _readable(request: HttpRequest, model, pk: int, related: tuple[str, ...]):
    obj = model.objects.select_related(*related).filter(pk=pk).first() if 0 < pk <= MAX_ID else None
    if obj is None or not may_read(request.user, obj.association):
        raise Http404(_("Not found."))
    return obj


class PlanCreateView(View):
    """The keepers draw up the year's plan; the rows offer the members' deficits, the most shared first."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        association = kept_association(request, pk)
        year = timezone.localdate().year
        groups = deficit_groups(association, year)
        return self.render(request, association, PlanForm(initial={"year": year}),
                           PlanItemFormSet(prefix="items", form_kwargs={"groups": groups}), groups)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        association = kept_association(request, pk)
        form = PlanForm(request.POST)
        year = form.data.get("year", "")
        groups = deficit_groups(association, int(year) if year.isdigit() and len(year) == 4
                                else timezone.localdate().year)
        formset = PlanItemFormSet(request.POST, prefix="items", form_kwargs={"groups": groups})
        if form.is_valid() and formset.is_valid():
            rows = plan_items(formset)
            try:
                plan = draw_up_plan(request.user, association, year=form.cleaned_data["year"],
                                    theme=form.cleaned_data["theme"], items=[item for _index, item in rows])
            except ValidationError as error:
                plan_errors(form, formset, rows, error)
            else:
                messages.success(request, _("The plan of meetings is drawn up."))
                return redirect(plan)
        return self.render(request, association, form, formset, groups)

    def render(self, request, association, form, formset, groups) -> HttpResponse:
        return render(request, "associations/plan_form.html", {
            "association": association, "form": form, "formset": formset, "groups": groups})


class PlanDetailView(View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = _readable(request, MeetingPlan, pk, ("association", "drawn_up_by"))
        return render(request, "associations/plan_detail.html", {
            "plan": plan, "association": plan.association,
            "items": plan.items.prefetch_related("deficits__diagnostics__teacher").select_related("meeting"),
            "changes": changes_of(plan) if may(request.user, "view_history", plan.association) else None})


class MeetingCreateView(View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        association = kept_association(request, pk)
        return self.render(request, association, MeetingForm(association=association))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        association = kept_association(request, pk)
        form = MeetingForm(request.POST, association=association)
        if form.is_valid():
            meeting = saved(request, form, lambda: schedule_meeting(request.user, association, **form.cleaned_data),
                            _("The meeting is announced."))
            if meeting is not None:
                return redirect(meeting)
        return self.render(request, association, form)

    def render(self, request, association, form) -> HttpResponse:
        return render(request, "associations/meeting_form.html", {"association": association, "form": form})


class MeetingDetailView(View):
    def get(self, request: HttpRequest, pk: int, protocol_form: ProtocolForm | None = None) -> HttpResponse:
        meeting = _readable(request, Meeting, pk, ("association", "planned", "recorded_by"))
        keeps = may_keep(request.user, meeting.association)
        initial = {"present": [row.person_id for row in meeting.attendance.all() if row.present],
                   "decisions": meeting.decisions}
        return render(request, "associations/meeting_detail.html", {
            "meeting": meeting, "association": meeting.association,
            "attendance": meeting.attendance.select_related("person"), "files": meeting.files.all(),
            "protocol_form": protocol_form or (ProtocolForm(meeting=meeting, initial=initial)
                                               if keeps and meeting.is_held else None),
            "changes": changes_of(meeting) if may(request.user, "view_history", meeting.association) else None})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting = _readable(request, Meeting, pk, ("association",))
        if not may_keep(request.user, meeting.association):
            raise PermissionDenied
        form = ProtocolForm(request.POST, request.FILES, meeting=meeting)
        if form.is_valid() and saved(request, form, lambda: record_protocol(
                request.user, meeting, **form.cleaned_data), _("The protocol is recorded.")):
            return redirect(meeting)
        return self.get(request, pk, protocol_form=form)


class MeetingFileView(View):
    """A file of a meeting, for whoever reads the association; otherwise the same 404 as for no such file."""

    def get(self, request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
        if not (0 < pk <= MAX_ID and 0 < file_pk <= MAX_ID):
            raise not_found()
        meeting = _readable(request, Meeting, pk, ("association",))
        stored = meeting.files.filter(pk=file_pk).first()
        if stored is None:
            raise not_found()
        return send(StoredFile(meeting, stored.file, stored.name))
