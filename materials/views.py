"""Pages of methodical materials: thin, every action goes through materials.services."""
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views import View

from . import services
from .forms import (DecisionForm, DeclineForm, ExpertsForm, MaterialForm, PracticeForm, ReplaceExpertForm,
    ReviewForm, ReviseForm)
from .models import Material
from accounts.permissions import may
from scoring.case_pages import ExpertStepActions
from scoring.case_steps import expert_progress, with_scale
from workflows.decisions import decision_choices
from workflows.models import CaseEvent
from workflows.pages import CaseActionView, CaseDetailView, CaseEditView, CaseListView, saved, visible_case
from workflows.services import last_event
from workflows.pdf import pdf_response


def visible_material(request, pk: int) -> Material:
    return visible_case(request, Material, MaterialDetailView.related, pk)


class MaterialListView(CaseListView):
    model = Material
    template_name = "materials/material_list.html"

    def may_create(self, request) -> bool:
        return services.may_submit_materials(request.user)


class MaterialEditView(CaseEditView):
    model = Material

    def may_create(self, request) -> bool:
        return services.may_submit_materials(request.user)

    def may_edit(self, request, material) -> bool:
        # Not the rule alone: after expertise the author revises through the case page, not this form.
        return "edit" in services.available_actions(material, request.user)

    def get(self, request, pk=None):
        material = self.case(request, pk)
        return self.render(request, MaterialForm(instance=material, author=request.user), material)

    def post(self, request, pk=None):
        material = self.case(request, pk)
        form = MaterialForm(request.POST, request.FILES, instance=material, author=request.user)
        if form.is_valid():
            saved_material = saved(request, form, lambda: services.save_material(
                form.save(commit=False), request.user, form.cleaned_data["files"],
                co_authors=form.cleaned_data["co_authors"]), _("The material is saved."))
            if saved_material:
                return redirect(saved_material)
        return self.render(request, form, material)

    def render(self, request, form, material):
        return render(request, "materials/material_form.html", {
            "form": form, "material": material, "returned": returned_event(material)})


def returned_event(material: Material):
    """The return the author is answering, while the material is back with them."""
    if material.pk and material.status in (Material.Status.RETURNED, Material.Status.REVISION):
        return last_event(material, CaseEvent.Kind.RETURNED)
    return None


def decision_form(material: Material, actions: set[str], data=None) -> DecisionForm:
    """The check's or the final decision's form: what the step allows, approval in its own words (the
    check accepts for expertise, the decision publishes)."""
    approve = _("publish to the bank") if "decide" in actions else _("accept for expertise")
    return DecisionForm(data, choices=decision_choices(material.process, approve))


def told_as_published(material: Material, events: list[CaseEvent]) -> list[CaseEvent]:
    """The timeline in the decision's words: a published material's last approval was its publication."""
    if material.status == Material.Status.PUBLISHED:
        approvals = [event for event in events if event.kind == CaseEvent.Kind.APPROVED]
        if approvals:
            approvals[-1].said = pgettext("decision", "published")
    return events


class MaterialDetailView(CaseDetailView):
    model = Material
    template_name = "materials/material_detail.html"

    def context(self, request, material, forms) -> dict:
        actions = services.available_actions(material, request.user)
        candidates = services.experts_of(material)
        criteria = services.criteria(material.municipality)
        return {
            "material": material, "actions": actions, "files": material.files.all(),
            "events": told_as_published(material, services.visible_events(material, request.user)),
            "reviews": with_scale(services.visible_reviews(material, request.user), criteria),
            "experts": expert_progress(material) if may(request.user, "view_experts", material) else (),
            "returned": returned_event(material) if "submit" in actions or "revise" in actions else None,
            "reply": last_event(material, CaseEvent.Kind.RESUBMITTED) if actions & {"check", "decide"} else None,
            "decision_form": forms.get("decision") or (
                decision_form(material, actions) if actions & {"check", "decide"} else DecisionForm()),
            "experts_form": forms.get("assign_experts") or ExpertsForm(
                candidates=candidates, initial={"experts": services.propose_experts(material, 2)}
                if "assign_experts" in actions else None),
            "replace_form": forms.get("replace_expert") or ReplaceExpertForm(candidates=candidates),
            "review_form": forms.get("review") or ReviewForm(criteria=criteria),
            "decline_form": forms.get("decline") or DeclineForm(),
            "revise_form": forms.get("revise") or ReviseForm(),
            "practice_form": PracticeForm(initial={"stage": material.practice_stage}, user=request.user),
        }


class MaterialActionView(ExpertStepActions, CaseActionView):
    """POST endpoints of the case page: each calls one service and comes back to the page."""

    detail_view = MaterialDetailView
    expert_services = services
    submit = staticmethod(services.submit)
    submitted = gettext_lazy("The material is submitted for expertise.")

    def do_check(self, request, material):
        form = decision_form(material, {"check"}, request.POST)
        return self.form_action(request, "decision", form, lambda data: services.check(
            material, request.user, data["decision"], data["comment"]))

    def do_decide(self, request, material):
        form = decision_form(material, {"decide"}, request.POST)
        return self.form_action(request, "decision", form, lambda data: services.final_decision(
            material, request.user, data["decision"], data["comment"]))

    def criteria_of(self, material):
        return services.criteria(material.municipality)

    def do_revise(self, request, material):
        return self.form_action(request, "revise", ReviseForm(request.POST, request.FILES), lambda data: services.revise(
            material, request.user, data["files"], data["reply"]))

    def do_manage_practice(self, request, material):
        form = PracticeForm(request.POST, user=request.user)
        if form.is_valid():
            services.manage_practice(material, request.user, form.cleaned_data["stage"],
                                     form.cleaned_data["adopted_by"])


class MaterialCertificateView(View):
    """The certificate of expertise with the reviews (рецензии), without the experts' names for the author."""

    def get(self, request, pk):
        material = visible_material(request, pk)
        return pdf_response(request, "materials/material_certificate.html", {
            "material": material, "reviews": services.visible_reviews(material, request.user),
            "today": timezone.localdate()}, f"{material.number}.pdf")
