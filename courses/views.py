"""Pages of the completions: the list with its filters and the share of teachers with courses, its XLSX
export, entering and correcting a completion, its page with the certificate and history, a programme's page
with its post-course support, and the region's providers. Thin: reads from `selectors`, writes through
`services`."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts.permissions import may, visible_or_404
from workflows.files import StoredFile, not_found, send
from workflows.history import changes_of
from workflows.pages import saved
from workflows.pagination import page_of

from . import services
from .export import XLSX, completions_xlsx
from .forms import CompletionForm, ProviderForm
from .models import Course, Provider
from .selectors import (
    completion_rows,
    courses_for,
    coverage_shown,
    follow_ups,
    municipalities_in_scope,
    providers_for,
    visible_completions,
)

PAGE_SIZE = 50


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def only_municipality(user, chosen):
    """The municipality a list's figure is about: the one filtered by, or the person's only one."""
    if chosen is not None:
        return chosen
    municipalities = list(municipalities_in_scope(user)[:2])
    return municipalities[0] if len(municipalities) == 1 else None


class CompletionListView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form, rows = completion_rows(request.user, request.GET)
        chosen = None
        if form.is_valid() and form.cleaned_data["municipality"]:
            chosen = municipalities_in_scope(request.user).filter(pk=form.cleaned_data["municipality"]).first()
        municipality = only_municipality(request.user, chosen)
        year = (form.cleaned_data.get("year") if form.is_valid() else None) or timezone.localdate().year
        share = coverage_shown(municipality, year) if municipality and may(request.user, "view", municipality) else None
        return render(request, "courses/completion_list.html", {
            "filter_form": form, "page": page_of(request, rows, PAGE_SIZE), "share": share, "share_year": year,
            "share_municipality": municipality, "may_record": services.may_record_somewhere(request.user)})


class CompletionExportView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        _form, rows = completion_rows(request.user, request.GET)
        return xlsx_response(completions_xlsx(rows), "course-completions.xlsx")


class CompletionFormView(View):
    """A new completion (`pk` None) or the correction of one; a programme not in the list is described
    in the same form and added with it."""

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        completion = self.completion(request, pk)
        initial = {}
        if completion is not None:
            initial = {"course": completion.course_id, "starts_on": completion.starts_on,
                       "ends_on": completion.ends_on, "certificate_number": completion.certificate_number}
        return self.render(request, CompletionForm(initial=initial, user=request.user, editing=pk is not None),
                           completion)

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        completion = self.completion(request, pk)
        form = CompletionForm(request.POST, request.FILES, user=request.user, editing=pk is not None)
        if form.is_valid():
            data = form.cleaned_data
            course = Course.objects.filter(pk=data["course"]).first() if data["course"] else None
            fields = {"starts_on": data["starts_on"], "ends_on": data["ends_on"],
                      "certificate_number": data["certificate_number"], "certificate": data["certificate"]}
            if completion is None:
                if data["person"] is None:
                    raise PermissionDenied
                call = lambda: services.record_completion(
                    request.user, person=data["person"], course=course, new_course=form.new_course(), **fields)
            else:
                call = lambda: services.change_completion(request.user, completion, course=course, **fields)
            result = saved(request, form, call, _("The course is entered."))
            if result is not None:
                return redirect(result)
        return self.render(request, form, completion)

    def completion(self, request: HttpRequest, pk: int | None):
        if pk is None:
            if not services.may_record_somewhere(request.user):
                raise PermissionDenied
            return None
        completion = visible_or_404(request.user, "view", visible_completions(request.user), pk=pk)
        if not may(request.user, "change", completion):
            raise PermissionDenied
        return completion

    def render(self, request: HttpRequest, form: CompletionForm, completion) -> HttpResponse:
        return render(request, "courses/completion_form.html", {"form": form, "completion": completion})


class CompletionDetailView(View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        completion = visible_or_404(request.user, "view", visible_completions(request.user), pk=pk)
        user = request.user
        return render(request, "courses/completion_detail.html", {
            "completion": completion, "certificate": getattr(completion, "certificate", None),
            "may_change": may(user, "change", completion), "may_delete": may(user, "delete", completion),
            "changes": changes_of(completion) if may(user, "view_history", completion) else None})


class CompletionDeleteView(View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        completion = visible_or_404(request.user, "view", visible_completions(request.user), pk=pk)
        services.delete_completion(request.user, completion)
        messages.success(request, _("The record is deleted."))
        return redirect("courses:index")


class CertificateView(View):
    """The certificate's file, for whoever may see the completion; otherwise the 404 of no such file."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        completion = visible_or_404(request.user, "view", visible_completions(request.user), pk=pk)
        stored = getattr(completion, "certificate", None)
        if stored is None:
            raise not_found()
        return send(StoredFile(completion, stored.file, stored.name))


class CourseDetailView(View):
    """A programme: its provider and hours, the completions of it the person may see and the events and
    consultations that follow it up [003:238]."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        course = courses_for(request.user).filter(pk=pk).first()
        if course is None:
            raise Http404(_("Not found."))
        events, consultations = follow_ups(request.user, course)
        completions = visible_completions(request.user).filter(course=course).order_by("-ends_on", "pk")
        return render(request, "courses/course_detail.html", {
            "course": course, "events": events, "consultations": consultations,
            "completions": completions[:PAGE_SIZE], "completion_count": completions.count()})


class ProviderListView(View):
    """The region's providers and programmes; the methodist adds and changes providers."""

    def get(self, request: HttpRequest, form: ProviderForm | None = None) -> HttpResponse:
        may_manage = services.managed_region(request.user) is not None
        return render(request, "courses/providers.html", {
            "providers": providers_for(request.user), "courses": courses_for(request.user)[:200],
            "form": (form or ProviderForm()) if may_manage else None})

    def post(self, request: HttpRequest) -> HttpResponse:
        region = services.managed_region(request.user)
        if region is None:
            raise PermissionDenied
        form = ProviderForm(request.POST)
        if form.is_valid():
            provider = Provider(region=region, **form.cleaned_data)
            if saved(request, form, lambda: services.save_provider(provider, request.user),
                     _("The provider is in the list.")) is not None:
                return redirect(reverse("courses:providers"))
        return self.get(request, form)
