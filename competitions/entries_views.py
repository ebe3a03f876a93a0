"""Pages of competition entries: the list, the nomination form, the entry page with the committee's
admission and the contestant's withdrawal; thin, every action through competitions.services."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflows.decisions import decision_choices
from workflows.models import CaseEvent
from workflows.pages import CaseActionView, CaseDetailView, CaseEditView, CaseListView, form_errors
from workflows.services import last_event

from . import services
from .entries_eligibility import may_nominate, nominating_organisations
from .entries_selectors import available_actions, eligibility
from .forms import DecisionForm, EntryForm, WithdrawForm
from .models import Entry
from .setup_services import visible_competitions


class EntryListView(CaseListView):
    model = Entry
    template_name = "competitions/entries/entry_list.html"
    related = ("author", "organisation", "competition", "nominee", "nomination")

    def may_create(self, request) -> bool:
        return nominating_organisations(request.user).exists() or services.may_self_nominate(request.user)


class EntryEditView(CaseEditView):
    """The nomination: the contestant, the nomination, about them, the consent's date and the materials;
    nothing is saved while any of it is refused."""

    model = Entry
    related = ("author", "organisation", "municipality", "competition", "nominee")

    def may_create(self, request) -> bool:
        return True  # whom the person may nominate, and for which competition, the service answers

    def case(self, request, pk):
        entry = super().case(request, pk)
        if entry.pk is None:
            competition_id = request.GET.get("competition") or request.POST.get("competition") or ""
            competition = visible_competitions(request.user).filter(
                pk=int(competition_id) if competition_id.isdigit() and len(competition_id) < 10 else 0).first()
            if competition is None:
                raise Http404(_("Not found."))
            if not may_nominate(request.user, competition):
                raise PermissionDenied
            entry.competition = competition
        return entry

    def get(self, request, pk=None):
        entry = self.case(request, pk)
        return self.render(request, EntryForm(instance=entry, user=request.user, competition=entry.competition), entry)

    def post(self, request, pk=None):
        entry = self.case(request, pk)
        form = EntryForm(request.POST, request.FILES, instance=entry, user=request.user, competition=entry.competition)
        if form.is_valid():
            round_ = form.cleaned_data["material_round"]
            try:
                saved = services.save_entry(form.save(commit=False), request.user, materials={
                    round_.pk if round_ else None: form.cleaned_data["materials"]})
            except ValidationError as error:
                form_errors(form, ValidationError({"materials" if key == "materials" else key: value
                                                   for key, value in error.message_dict.items()}))
            else:
                messages.success(request, _("The entry is saved."))
                return redirect(saved)
        return self.render(request, form, entry)

    def render(self, request, form, entry):
        returned = (last_event(entry, CaseEvent.Kind.RETURNED)
                    if entry.pk and entry.status == Entry.Status.RETURNED else None)
        return render(request, "competitions/entries/entry_form.html", {
            "form": form, "entry": entry, "competition": entry.competition, "returned": returned})


class EntryDetailView(CaseDetailView):
    model = Entry
    template_name = "competitions/entries/entry_detail.html"
    related = ("author", "organisation", "municipality", "competition", "nominee", "nomination", "prepared_by")

    def context(self, request, entry, forms) -> dict:
        actions = available_actions(entry, request.user)
        return {
            "entry": entry, "actions": actions, "materials": entry.materials.select_related("round"),
            "eligibility": eligibility(entry) if "admit" in actions or entry.status == Entry.Status.DRAFT else (),
            "events": CaseEvent.objects.filter(process_id=entry.process_id).select_related("actor").prefetch_related(
                "files").order_by("created_at", "pk") if entry.process_id else (),
            "returned": last_event(entry, CaseEvent.Kind.RETURNED) if "submit" in actions else None,
            "reply": last_event(entry, CaseEvent.Kind.RESUBMITTED) if "admit" in actions else None,
            "decision_form": forms.get("admit") or DecisionForm(choices=decision_choices(
                entry.process, _("admit to the rounds")) if "admit" in actions else None),
            "withdraw_form": forms.get("withdraw") or WithdrawForm(),
        }


class EntryActionView(CaseActionView):
    detail_view = EntryDetailView
    submit = staticmethod(services.submit)
    submitted = gettext_lazy("The entry is submitted to the organising committee.")

    def do_admit(self, request, entry):
        services.admission_task(entry, request.user)
        form = DecisionForm(request.POST, choices=decision_choices(entry.process))
        return self.form_action(request, "admit", form, lambda data: services.admit(
            entry, request.user, data["decision"], data["comment"]), _("The decision is recorded."))

    def do_withdraw(self, request, entry):
        services.refuse_unless_withdrawable(entry, request.user)
        return self.form_action(request, "withdraw", WithdrawForm(request.POST), lambda data: services.withdraw(
            entry, request.user, data["reason"]), _("The entry is withdrawn."))
