"""Pages of competitions: the list, a competition with its rounds and entries, its set-up form, a round's
form and the opening for nominations; thin, every change through competitions.setup_services."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts.permissions import visible
from workflows.pages import form_errors

from . import setup_services as setup
from .entries_eligibility import may_nominate
from .forms import CompetitionForm, RoundForm
from .models import Competition, Entry, Round


def visible_competition(request, pk: int) -> Competition:
    competition = setup.visible_competitions(request.user).filter(pk=pk).first()
    if competition is None:
        raise Http404(_("Not found."))
    return competition


class CompetitionListView(View):
    def get(self, request):
        return render(request, "competitions/setup/competition_list.html", {
            "competitions": setup.visible_competitions(request.user).order_by("-year", "name", "pk"),
            "may_create": setup.may_set_up(request.user)})


class CompetitionDetailView(View):
    def get(self, request, pk: int):
        competition = visible_competition(request, pk)
        entries = visible(request.user, "view", Entry.objects.filter(competition=competition)).select_related(
            "nominee", "organisation", "nomination")
        return render(request, "competitions/setup/competition_detail.html", {
            "competition": competition, "nominations": competition.nominations.all(),
            "rounds": competition.rounds.prefetch_related("criteria", "jury"),
            "members": competition.members.active().select_related("person"),
            "entries": entries, "may_set_up": setup.may_set_up(request.user, competition),
            "may_nominate": may_nominate(request.user, competition)})


class CompetitionEditView(View):
    """Set a competition up (the municipality's methodist) or change it (its committee too)."""

    def competition(self, request, pk: int | None) -> Competition:
        if pk is None:
            if not setup.may_set_up(request.user):
                raise PermissionDenied
            return Competition(year=timezone.localdate().year)
        competition = visible_competition(request, pk)
        if not setup.may_set_up(request.user, competition):
            raise PermissionDenied
        return competition

    def get(self, request, pk: int | None = None):
        competition = self.competition(request, pk)
        return self.render(request, CompetitionForm(instance=competition, user=request.user), competition)

    def post(self, request, pk: int | None = None):
        competition = self.competition(request, pk)
        form = CompetitionForm(request.POST, instance=competition, user=request.user)
        if form.is_valid():
            try:
                saved = setup.save_competition(form.save(commit=False), request.user,
                                               nominations=form.cleaned_data["nominations"],
                                               committee=form.cleaned_data["committee"],
                                               jury=form.cleaned_data["jury"])
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("The competition is saved."))
                return redirect(saved)
        return self.render(request, form, competition)

    def render(self, request, form, competition):
        return render(request, "competitions/setup/competition_form.html", {
            "form": form, "competition": competition, "names": setup.SUGGESTED_NAMES})


class RoundEditView(View):
    """A round of the competition: its form, schedule, cut-off, criteria and jury."""

    def objects(self, request, pk: int, round_pk: int | None) -> tuple[Competition, Round]:
        competition = visible_competition(request, pk)
        if not setup.may_set_up(request.user, competition):
            raise PermissionDenied
        if round_pk is None:
            return competition, Round(competition=competition)
        round_ = competition.rounds.filter(pk=round_pk).first()
        if round_ is None:
            raise Http404(_("Not found."))
        return competition, round_

    def get(self, request, pk: int, round_pk: int | None = None):
        competition, round_ = self.objects(request, pk, round_pk)
        return self.render(request, RoundForm(instance=round_, competition=competition), competition, round_)

    def post(self, request, pk: int, round_pk: int | None = None):
        competition, round_ = self.objects(request, pk, round_pk)
        form = RoundForm(request.POST, instance=round_, competition=competition)
        if form.is_valid():
            try:
                setup.save_round(form.save(commit=False), request.user, criteria=form.cleaned_data["criteria"],
                                 jury=form.cleaned_data["jury"])
            except ValidationError as error:
                criteria = {key: value for key, value in error.message_dict.items() if key.startswith("criteria[")}
                rest = {key: value for key, value in error.message_dict.items() if key not in criteria}
                for key, value in criteria.items():
                    number = int(key[len("criteria["):key.index("]")]) + 1
                    form.add_error("criteria", [_("Line %(number)d: %(error)s") % {"number": number, "error": text}
                                                for text in value])
                if rest:
                    form_errors(form, ValidationError(rest))
            else:
                messages.success(request, _("The round is saved."))
                return redirect(competition)
        return self.render(request, form, competition, round_)

    def render(self, request, form, competition, round_):
        return render(request, "competitions/setup/round_form.html", {
            "form": form, "competition": competition, "round": round_})


class OpenNominationsView(View):
    def post(self, request, pk: int):
        competition = visible_competition(request, pk)
        if not setup.may_set_up(request.user, competition):
            raise PermissionDenied
        try:
            setup.open_nominations(competition, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The competition accepts nominations."))
        return redirect(competition)
