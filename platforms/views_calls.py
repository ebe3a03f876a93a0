"""Pages of the department's calls for site projects: the list (open first), a call with its applications,
and the form that announces one."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from accounts.permissions import may, visible
from workflows.pages import form_errors

from .calls import call_criteria, municipalities_announcing, save_call, visible_calls
from .forms_applications import CallForm
from .models import Call
from .services import headed_organisations, may_apply


def visible_call(request, pk: int) -> Call:
    call = visible_calls(request.user).filter(pk=pk).first()
    if call is None:
        raise Http404(_("Not found."))
    return call


class CallListView(View):
    def get(self, request):
        return render(request, "platforms/applications/call_list.html", {
            "calls": visible_calls(request.user),
            "may_create": municipalities_announcing(request.user).exists()})


class CallDetailView(View):
    def get(self, request, pk: int):
        call = visible_call(request, pk)
        return render(request, "platforms/applications/call_detail.html", {
            "call": call, "criteria": call_criteria(call),
            "applications": visible(request.user, "view", call.applications.select_related("organisation")),
            "may_manage": may(request.user, "manage", call),
            "may_apply": call.is_open and may_apply(request.user) and headed_organisations(request.user).filter(
                municipality=call.municipality_id).exists()})


class CallEditView(View):
    """Announce a call (the department, or the methodical centre preparing it) or edit one."""

    def call(self, request, pk: int | None) -> Call:
        if pk is None:
            if not municipalities_announcing(request.user).exists():
                raise PermissionDenied
            return Call()
        call = visible_call(request, pk)
        if not may(request.user, "manage", call):
            raise PermissionDenied
        return call

    def get(self, request, pk: int | None = None):
        call = self.call(request, pk)
        return self.render(request, CallForm(instance=call, municipalities=municipalities_announcing(request.user)),
                           call)

    def post(self, request, pk: int | None = None):
        call = self.call(request, pk)
        form = CallForm(request.POST, instance=call, municipalities=municipalities_announcing(request.user))
        if form.is_valid():
            try:
                saved = save_call(form.save(commit=False), request.user, form.cleaned_data["criteria"])
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("The call is saved."))
                return redirect(saved)
        return self.render(request, form, call)

    def render(self, request, form, call):
        return render(request, "platforms/applications/call_form.html", {"form": form, "call": call})
