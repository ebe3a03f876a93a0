"""Pages of mentoring pairs: the list with its filters, proposing a pair, the director's order naming the
proposed pairs, a pair with its end, evaluation and history. Thin: reads from `selectors`, writes through
`services`; what a person may not see is «Не найдено.» (404), as a missing pair is."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts.permissions import may, visible_or_404
from workflows.history import changes_of
from workflows.pages import form_errors
from workflows.pagination import page_of

from . import selectors, services
from .forms import EndForm, FilterForm, IssueForm, ProposeForm
from .models import Mentorship

PAGE_SIZE = 50


class PairListView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form = FilterForm(request.GET or None)
        data = form.cleaned_data if form.is_valid() else {}
        pairs = selectors.visible_pairs(request.user, kind=data.get("kind", ""), status=data.get("status", ""))
        return render(request, "mentoring/pair_list.html", {
            "filter_form": form, "page": page_of(request, pairs, PAGE_SIZE),
            "may_propose": bool(selectors.organisations_to_propose(request.user))})


class DirectorView(View):
    """A page of the director's own organisation: 403 for anyone else."""

    def dispatch(self, request, *args, **kwargs):
        organisations = selectors.organisations_to_propose(request.user)
        if not organisations:
            raise PermissionDenied(_("You may not propose the mentoring pairs of this organisation."))
        self.organisation = organisations[0]
        return super().dispatch(request, *args, **kwargs)


class ProposeView(DirectorView):
    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(ProposeForm(organisation=self.organisation))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ProposeForm(request.POST, organisation=self.organisation)
        if form.is_valid():
            try:
                pair = services.propose_pair(request.user, self.organisation, **form.cleaned_data)
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("The pair is proposed: issue the order that sets it."))
                return redirect(pair)
        return self.render(form)

    def render(self, form: ProposeForm) -> HttpResponse:
        return render(self.request, "mentoring/pair_form.html", {"form": form, "organisation": self.organisation})


class IssueOrderView(DirectorView):
    """The director's order naming the chosen proposed pairs, drafted and opened for signing."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(IssueForm(initial={"date": timezone.localdate()}))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = IssueForm(request.POST)
        pairs = [visible_or_404(request.user, "view", Mentorship, pk=pk) for pk in self.chosen(request)]
        if form.is_valid():
            try:
                order = services.issue_order(request.user, self.organisation, pairs, **form.cleaned_data)
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("The order is drafted: sign it to set the pairs."))
                return redirect(order)
        return self.render(form)

    @staticmethod
    def chosen(request: HttpRequest) -> list[int]:
        try:
            return [int(pk) for pk in request.POST.getlist("pairs")]
        except ValueError:
            raise Http404(_("Not found.")) from None

    def render(self, form: IssueForm) -> HttpResponse:
        return render(self.request, "mentoring/issue_form.html", {
            "form": form, "pairs": selectors.proposed_pairs(self.organisation)})


class PairView(View):
    def get(self, request: HttpRequest, pk: int, form: EndForm | None = None) -> HttpResponse:
        pair = visible_or_404(request.user, "view", selectors.pairs_queryset(), pk=pk)
        user = request.user
        may_end = pair.status == Mentorship.Status.ACTIVE and may(user, "end", pair) and user.pk not in (
            pair.mentor_id, pair.mentee_id)
        return render(request, "mentoring/pair_detail.html", {
            "pair": pair, "end_form": (form or EndForm(initial={"ended_on": timezone.localdate()})) if may_end
            else None, "may_see_order": pair.order is not None and may(user, "view", pair.order),
            "changes": changes_of(pair) if may(user, "view_history", pair) else None})


class EndView(View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        pair = visible_or_404(request.user, "view", selectors.pairs_queryset(), pk=pk)
        if not may(request.user, "end", pair):
            raise PermissionDenied(_("You may not end this mentoring pair."))
        form = EndForm(request.POST)
        if form.is_valid():
            try:
                services.end_pair(pair, request.user, **form.cleaned_data)
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("The pair is ended and its term evaluated."))
                return redirect(pair)
        return PairView().get(request, pk, form)
