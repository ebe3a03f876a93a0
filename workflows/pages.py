"""The pages every process's cases extend: the case list, the case page and its actions.

A process's pages say only what is theirs (the model, the template, the forms of its steps, the services
they call); finding the case the person may see, answering a service's refusal next to the field it
names, the messages and the way back to the case page are here, the same for every process.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views import View

from accounts.permissions import may, visible, visible_or_404

from .case_lists import case_list
from .history import readable_changes


def form_errors(form: BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, by field where the field is on it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def saved(request: HttpRequest, form: BaseForm, call: Callable[[], Any], done: str = "") -> Any | None:
    """The result of `call()`, the service behind a valid form, with `done` shown; None, with the service's
    refusal put on the form, when it refuses."""
    try:
        result = call()
    except ValidationError as error:
        form_errors(form, error)
        return None
    if done:
        messages.success(request, done)
    return result


def visible_case(request: HttpRequest, model: type[Model], related: tuple[str, ...], pk: int) -> Model:
    """The case if the person may see it; 404 otherwise, so its existence is not revealed."""
    return visible_or_404(request.user, "view", model.objects.select_related(*related), pk=pk)


class CaseListView(View):
    """The cases of one process the person may see, filtered and a page at a time."""

    model: type[Model]
    template_name: str
    related: tuple[str, ...] = ("author", "organisation")

    def cases(self, request: HttpRequest) -> QuerySet:
        # The chain snapshot is the widest column and the list never shows it.
        return visible(request.user, "view", self.model.objects.defer("chain_steps")).select_related(*self.related)

    def may_create(self, request: HttpRequest) -> bool:
        return False

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {
            **case_list(request, self.cases(request)), "may_create": self.may_create(request)})


class CaseDetailView(View):
    """The case page: the case, what the person may do now and the forms of those steps. A subclass gives
    `context(request, case, forms)`; `forms` holds the forms an action sent back with their errors."""

    model: type[Model]
    template_name: str
    related: tuple[str, ...] = ("author", "organisation", "municipality")

    def case(self, request: HttpRequest, pk: int) -> Model:
        return visible_case(request, self.model, self.related, pk)

    def context(self, request: HttpRequest, case: Model, forms: dict) -> dict:
        return {}

    def get(self, request: HttpRequest, pk: int, forms: dict | None = None) -> HttpResponse:
        case = self.case(request, pk)
        context = {"case": case, **self.context(request, case, forms or {})}
        if "changes" not in context and may(request.user, "view_history", case):
            context["changes"] = readable_changes(case, request.user)
        return render(request, self.template_name, context, status=context.pop("status", 200))


class CaseEditView(View):
    """The form of a new case or of a case being edited. A new one is the person's own, if they
    `may_create`; an existing one they must see (404 otherwise) and `may_edit` (403 otherwise)."""

    model: type[Model]
    related: tuple[str, ...] = ("author", "organisation", "municipality")

    def may_create(self, request: HttpRequest) -> bool:
        return False

    def may_edit(self, request: HttpRequest, case: Model) -> bool:
        return may(request.user, "edit", case)

    def case(self, request: HttpRequest, pk: int | None) -> Model:
        if pk is None:
            if not self.may_create(request):
                raise PermissionDenied
            return self.model(author=request.user)
        case = visible_case(request, self.model, self.related, pk)
        if not self.may_edit(request, case):
            raise PermissionDenied
        return case


class CaseActionView(View):
    """POST `<pk>/<action>/` of the case page: `do_<action>(request, case)` calls one service. A refusal
    is a message; a form with errors is the case page again with what was entered (the handler returns
    `{form name: form}`); otherwise back to the case page. `submit` is the process's service that sends
    a draft or a returned case on (`staticmethod(services.submit)`), `submitted` what the author is told."""

    detail_view: type[CaseDetailView]
    submit: Callable[[Model, Any], Any]
    submitted: str = ""

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        case = self.detail_view().case(request, pk)
        handler = getattr(self, f"do_{action}", None)
        if handler is None:
            raise Http404
        try:
            result = handler(request, case)
        except ValidationError as error:  # TaskAlreadyDone too: someone else has acted first
            messages.error(request, " ".join(error.messages))
            result = None
        if isinstance(result, dict):
            return self.detail_view().get(request, pk, forms=result)
        return redirect(case)

    def do_submit(self, request: HttpRequest, case: Model) -> None:
        # A resubmission may answer the return comment.
        self.submit(case, request.user, request.POST.get("reply", ""))
        messages.success(request, self.submitted)

    def form_action(self, request: HttpRequest, name: str, form: BaseForm, call: Callable[[dict], Any],
                    success: str = "") -> dict | None:
        """Validate `form`, then `call(cleaned_data)`; the form with its errors when either refuses."""
        if not form.is_valid():
            return {name: form}
        # `or True`: a service that returns nothing has still done its work.
        done = saved(request, form, lambda: call(form.cleaned_data) or True, success)
        return None if done else {name: form}
