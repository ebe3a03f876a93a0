"""Pages of applications for a site's status: thin, every action goes through the platforms services."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.permissions import may
from orders.services import next_number
from scoring.case_pages import ExpertStepActions
from scoring.case_steps import expert_progress, history_without_experts, with_scale
from workflows.decisions import decision_choices
from workflows.history import HISTORY_EXCLUDED, changes_of
from workflows.models import CaseEvent
from workflows.pages import CaseActionView, CaseDetailView, CaseEditView, CaseListView, form_errors
from workflows.services import last_event

from . import applications_council as council
from . import services
from .calls import call_criteria
from .forms_applications import (ApplicationForm, DecisionForm, DeclineForm, ExpertsForm, GrantForm, ProtocolForm,
    RefuseForm, ReplaceExpertForm, ReviewForm, StageFormSet)
from .models import SiteApplication
from .selectors_applications import available_actions, signatories


class ApplicationListView(CaseListView):
    model = SiteApplication
    template_name = "platforms/applications/application_list.html"
    related = ("author", "organisation", "call")

    def may_create(self, request) -> bool:
        return services.may_apply(request.user)


class ApplicationEditView(CaseEditView):
    """The director's form: the project, its stages as rows, the team, the partners and the files; nothing
    is saved while any of it is refused."""

    model = SiteApplication

    def may_create(self, request) -> bool:
        return services.may_apply(request.user)

    def may_edit(self, request, application) -> bool:
        return "edit" in available_actions(application, request.user)

    def get(self, request, pk=None):
        application = self.case(request, pk)
        if not application.pk and request.GET.get("call", "").isdigit():
            application.call_id = int(request.GET["call"])
        form = ApplicationForm(instance=application, director=request.user,
                               initial={"call": application.call_id} if not application.pk else None)
        return self.render(request, form, StageFormSet(instance=application), application)

    def post(self, request, pk=None):
        application = self.case(request, pk)
        form = ApplicationForm(request.POST, request.FILES, instance=application, director=request.user)
        stages = StageFormSet(request.POST, instance=application if application.pk else SiteApplication())
        if form.is_valid() and stages.is_valid():
            try:
                saved = services.save_application(
                    form.save(commit=False), request.user, files=form.cleaned_data["files"],
                    team=form.cleaned_data["team"], partner_organisations=form.cleaned_data["partner_organisations"],
                    stages=stages.kept())
            except ValidationError as error:
                show_refusal(form, stages, error)
            else:
                messages.success(request, _("The application is saved."))
                return redirect(saved)
        return self.render(request, form, stages, application)

    def render(self, request, form, stages, application):
        returned = (last_event(application, CaseEvent.Kind.RETURNED)
                    if application.pk and application.status == SiteApplication.Status.RETURNED else None)
        return render(request, "platforms/applications/application_form.html", {
            "form": form, "formset": stages, "application": application, "returned": returned})


def show_refusal(form, stages, error: ValidationError) -> None:
    """The service's refusal next to the fields it names: a stage's under its row, the rest on the form."""
    by_stage = {key: value for key, value in error.message_dict.items() if key.startswith("stages[")}
    if by_stage:
        stages.show(ValidationError(by_stage))
    rest = {key: value for key, value in error.message_dict.items() if key not in by_stage}
    if rest:
        form_errors(form, ValidationError(rest))


class ApplicationDetailView(CaseDetailView):
    model = SiteApplication
    template_name = "platforms/applications/application_detail.html"
    related = ("author", "organisation", "municipality", "call", "extends")

    def context(self, request, application, forms) -> dict:
        actions = available_actions(application, request.user)
        criteria = call_criteria(application.call)
        candidates = services.experts_of(application)
        today = timezone.localdate()
        return {
            "application": application, "actions": actions, "stages": application.stages.all(),
            "files": application.files.all(), "team": application.team.all(),
            "partner_organisations": application.partner_organisations.all(),
            "events": services.visible_events(application, request.user),
            "reviews": with_scale(services.visible_reviews(application, request.user), criteria),
            "experts": expert_progress(application) if may(request.user, "view_experts", application) else (),
            "protocols": application.protocols.prefetch_related("members_present").select_related("recorded_by"),
            "order": council.granting_order(application),
            "returned": last_event(application, CaseEvent.Kind.RETURNED) if "submit" in actions else None,
            "reply": last_event(application, CaseEvent.Kind.RESUBMITTED) if "check" in actions else None,
            "decision_form": forms.get("check") or DecisionForm(choices=decision_choices(
                application.process, _("accept for the expert council")) if "check" in actions else None),
            "experts_form": forms.get("assign_experts") or ExpertsForm(
                candidates=candidates, initial={"experts": services.propose_experts(application)}
                if "assign_experts" in actions else None),
            "replace_form": forms.get("replace_expert") or ReplaceExpertForm(candidates=candidates),
            "review_form": forms.get("review") or ReviewForm(criteria=criteria),
            "decline_form": forms.get("decline") or DeclineForm(),
            "protocol_form": forms.get("protocol") or ProtocolForm(
                members=council.council_members(application), initial={"date": today}),
            "grant_form": forms.get("grant") or GrantForm(signatories=signatories(application), initial={
                "date": today, "number": next_number(application.municipality, today.year)
                if "order" in actions else ""}),
            "refuse_form": forms.get("refuse") or RefuseForm(),
            "changes": history_without_experts(application, request.user, changes_of(
                application, excluded_fields=HISTORY_EXCLUDED)) if may(request.user, "view_history", application)
            else [],
        }


class ApplicationActionView(ExpertStepActions, CaseActionView):
    """POST endpoints of the case page: each calls one service and comes back to the page."""

    detail_view = ApplicationDetailView
    expert_services = services
    submit = staticmethod(services.submit)
    submitted = gettext_lazy("The application is submitted to the methodical centre.")

    def do_check(self, request, application):
        form = DecisionForm(request.POST, choices=decision_choices(application.process))
        return self.form_action(request, "check", form, lambda data: services.check(
            application, request.user, data["decision"], data["comment"]))

    def criteria_of(self, application):
        return call_criteria(application.call)

    def do_protocol(self, request, application):
        council.acting_at(application, request.user, "protocol")
        form = ProtocolForm(request.POST, members=council.council_members(application))
        return self.form_action(request, "protocol", form, lambda data: council.record_protocol(
            application, request.user, number=data["number"], date=data["date"],
            members_present=data["members_present"], votes_for=data["votes_for"],
            votes_against=data["votes_against"], votes_abstained=data["votes_abstained"],
            recommendation=data["recommendation"], text=data["text"]), _("The council's protocol is recorded."))

    def do_grant(self, request, application):
        council.acting_at(application, request.user, "order")
        form = GrantForm(request.POST, signatories=signatories(application))
        return self.form_action(request, "grant", form, lambda data: council.grant(
            application, request.user, date=data["date"], signatory=data["signatory"], number=data["number"],
            starts_on=data["starts_on"], text=data["text"]), _("The order is signed: the site is in the register."))

    def do_refuse(self, request, application):
        council.acting_at(application, request.user, "order")
        return self.form_action(request, "refuse", RefuseForm(request.POST), lambda data: council.refuse(
            application, request.user, data["reason"]), _("The status is refused."))
