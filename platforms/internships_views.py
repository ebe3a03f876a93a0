"""Internship pages: thin, they parse input, call `platforms.internships` and render.

What a person may not see or do does not exist for them: a refusal on a page is the Russian 404; a step
someone took a moment before is said so on the page it came from.
"""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from accounts.permissions import may
from workflows.pages import form_errors
from workflows.pagination import page_of
from workflows.services import CaseConflict

from . import internships as services
from . import internships_selectors as selectors
from .internships_forms import ApplyForm, CompleteForm, DeclineForm, LinkForm, ProgrammeFilterForm, ProgrammeForm
from .models import Internship, InternshipProgramme
from .rules_internships import may_apply, may_view

PAGE_SIZE = 50


def programme_or_404(request: HttpRequest, pk: int) -> InternshipProgramme:
    programme = selectors.programmes_for(request.user).filter(pk=pk).first()
    if programme is None:
        raise Http404(_("Not found."))
    return programme


def internship_or_404(request: HttpRequest, pk: int) -> Internship:
    internship = selectors.internship_queryset().filter(pk=pk).first()
    if internship is None or not may_view(request.user, internship):
        raise Http404(_("Not found."))
    return internship


def carried_out(request: HttpRequest, form, call, done: str):
    """The service's result with `done` shown; None with its refusal on the form (a field's error by the
    field) or, for a step already taken, as the page's message."""
    try:
        result = call()
    except PermissionDenied:
        raise Http404(_("Not found.")) from None
    except CaseConflict as conflict:
        messages.error(request, " ".join(conflict.messages))
        return None
    except ValidationError as error:
        if form is None:
            messages.error(request, " ".join(error.messages))
        else:
            form_errors(form, error)
        return None
    messages.success(request, done)
    return result


class ProgrammeListView(View):
    """Published programmes (and the person's site's drafts) with their places left, filtered."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = ProgrammeFilterForm(request.GET or None)
        programmes = selectors.programmes_for(request.user)
        status = 200
        if form.is_bound:
            if form.is_valid():
                programmes = selectors.filter_programmes(programmes, **form.cleaned_data)
            else:
                status = 400
        return render(request, "platforms/internships/programme_list.html", {
            "form": form, "page": page_of(request, programmes, PAGE_SIZE),
            "may_add": selectors.sites_for_programmes(request.user).exists(),
        }, status=status)


class ProgrammeFormView(View):
    """A new programme of one of the person's sites (pk absent), or a change of one they manage."""

    template_name = "platforms/internships/programme_form.html"

    def setup(self, request, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        pk = kwargs.get("pk")
        if pk is None:
            self.programme, self.sites = InternshipProgramme(), selectors.sites_for_programmes(request.user)
            if not self.sites.exists():
                raise Http404(_("Not found."))
        else:
            self.programme, self.sites = programme_or_404(request, pk), None
            if not may(request.user, "manage", self.programme):
                raise Http404(_("Not found."))

    def render(self, form) -> HttpResponse:
        return render(self.request, self.template_name, {"form": form, "programme": self.programme})

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        return self.render(ProgrammeForm(instance=self.programme, sites=self.sites))

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        form = ProgrammeForm(request.POST, instance=self.programme, sites=self.sites)
        if not form.is_valid():
            return self.render(form)

        def save() -> InternshipProgramme:
            programme = services.save_programme(form.instance, request.user)
            if form.cleaned_data.get("publish"):
                services.publish_programme(programme, request.user)
            return programme

        programme = carried_out(request, form, save, _("The programme has been saved."))
        if programme is None:
            return self.render(form)
        return redirect("internships:programme_detail", pk=programme.pk)


def programme_page(request: HttpRequest, programme: InternshipProgramme, apply_form=None) -> HttpResponse:
    """A programme: its terms and places; the apply form for a teacher who may; the participants and their
    steps for the site's people and the municipality."""
    user = request.user
    mine = selectors.my_internships(user).filter(programme=programme, status__in=services.LIVE).first()
    return render(request, "platforms/internships/programme_detail.html", {
        "programme": programme,
        "may_manage": may(user, "manage", programme),
        "apply_form": (apply_form or ApplyForm()) if may_apply(user, programme) and not mine else None,
        "mine": mine,
        "participants": selectors.participants(programme) if may(user, "view", programme) else None,
    }, status=400 if apply_form is not None else 200)


class ProgrammeDetailView(View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return programme_page(request, programme_or_404(request, pk))


class ProgrammeActionView(View):
    """POST `apply` (a teacher) or `publish` (the site's people)."""

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        programme = programme_or_404(request, pk)
        if action == "publish":
            carried_out(request, None, lambda: services.publish_programme(programme, request.user),
                        _("The programme has been published."))
            return redirect("internships:programme_detail", pk=pk)
        if action != "apply":
            raise Http404(_("Not found."))
        form = ApplyForm(request.POST)
        if form.is_valid():
            internship = carried_out(
                request, form, lambda: services.apply(programme, request.user, form.cleaned_data["motivation"]),
                _("Your application has been sent to your director for agreement."))
            if internship is not None:
                return redirect("internships:detail", pk=internship.pk)
            if not form.errors:
                return redirect("internships:programme_detail", pk=pk)
        return programme_page(request, programme, apply_form=form)


class MyInternshipsView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "platforms/internships/internship_list.html", {
            "title": _("My internships"), "testid": "my-internships",
            "page": page_of(request, selectors.my_internships(request.user), PAGE_SIZE)})


class DecisionsView(View):
    """What waits for a director: their teachers' applications to agree, and on their site's programmes the
    teachers to accept and the outcomes to record."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "platforms/internships/decisions.html", {
            "agreements": selectors.awaiting_agreement(request.user)[:PAGE_SIZE],
            "at_site": selectors.awaiting_site(request.user)[:PAGE_SIZE],
        })


STEP_FORMS = {"decline": DeclineForm, "complete": CompleteForm}
STEP_DONE = {
    "agree": _("You have agreed to the internship."),
    "decline": _("The application has been declined."),
    "accept": _("The teacher has been accepted."),
    "complete": _("The outcome has been recorded."),
    "withdraw": _("Your application has been withdrawn."),
    "link": _("The link to your route has been saved."),
}


def step_call(request: HttpRequest, internship: Internship, action: str, form):
    data = getattr(form, "cleaned_data", {})
    user = request.user
    return {
        "agree": lambda: services.agree(internship, user),
        "decline": lambda: services.decline(internship, user, data.get("reason", "")),
        "accept": lambda: services.accept(internship, user),
        "complete": lambda: services.complete(internship, user, data.get("outcome", ""), data.get("note", "")),
        "withdraw": lambda: services.withdraw(internship, user),
        "link": lambda: services.link_activity(internship, user, data.get("activity")),
    }[action]


def internship_context(request: HttpRequest, internship: Internship, forms: dict | None = None) -> dict:
    user = request.user
    forms = forms or {}
    actions = services.available_actions(internship, user)
    return {
        "internship": internship, "actions": actions,
        "decline_form": forms.get("decline") or DeclineForm(),
        "complete_form": forms.get("complete") or CompleteForm(),
        "link_form": forms.get("link") or (LinkForm(teacher=user, initial={"activity": internship.route_activity_id})
                                           if "link" in actions else None),
    }


class InternshipDetailView(View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        internship = internship_or_404(request, pk)
        return render(request, "platforms/internships/internship_detail.html", internship_context(request, internship))


class InternshipActionView(View):
    """POST a step of an internship: agree, decline, accept, complete, withdraw, link."""

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        internship = internship_or_404(request, pk)
        if action not in STEP_DONE:
            raise Http404(_("Not found."))
        form = LinkForm(request.POST, teacher=request.user) if action == "link" else (
            STEP_FORMS[action](request.POST) if action in STEP_FORMS else None)
        if form is None or form.is_valid():
            done = carried_out(request, form, step_call(request, internship, action, form), STEP_DONE[action])
            if done is not None or form is None or not form.errors:
                return redirect("internships:detail", pk=pk)
        internship.refresh_from_db()
        return render(request, "platforms/internships/internship_detail.html",
                      internship_context(request, internship, {action: form}), status=400)
