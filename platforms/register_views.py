"""Pages of the register of sites: the list with its filters and share, its XLSX export, a site's page with
its orders, reports and history, a report's page (the director's form, the curator's review), revocation
and a status recorded from outside. Thin: reads from `register_selectors`, writes through the services."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from accounts.permissions import may, visible_or_404
from workflows.files import MAX_ID, StoredFile, not_found, send
from workflows.history import changes_of
from workflows.models import CaseEvent
from workflows.pages import form_errors
from workflows.pagination import page_of

from .models import AnnualReport, Site
from .register import record_external, share_of_organisations_with_status
from .register_export import register_xlsx
from .register_forms import ExternalSiteForm, ReportForm, ReviewForm, RevokeForm
from .register_selectors import municipalities_in_scope, register_rows, reports_of
from .reports import SENDABLE, review_report, revoke_by_order, submit_report

PAGE_SIZE = 50


def may_record(user) -> bool:
    return any(may(user, "record_site", municipality) for municipality in municipalities_in_scope(user))


class RegisterListView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form, sites = register_rows(request.user, request.GET)
        municipality = form.chosen_municipality
        if municipality is None:
            municipalities = list(municipalities_in_scope(request.user)[:2])
            municipality = municipalities[0] if len(municipalities) == 1 else None
        share = share_of_organisations_with_status(municipality) if municipality else None
        return render(request, "platforms/register/site_list.html", {
            "filter_form": form, "page": page_of(request, sites, PAGE_SIZE), "share": share,
            "share_municipality": municipality, "may_record": may_record(request.user)})


class RegisterExportView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        _form, sites = register_rows(request.user, request.GET)
        response = HttpResponse(register_xlsx(sites), content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
        response["Content-Disposition"] = 'attachment; filename="register-of-sites.xlsx"'
        return response


def visible_site(request: HttpRequest, pk: int) -> Site:
    return visible_or_404(request.user, "view", Site.objects.select_related(
        "organisation", "municipality", "curator", "granted_by", "revoked_by", "continues"), pk=pk)


class SiteDetailView(View):
    def get(self, request: HttpRequest, pk: int, forms: dict | None = None) -> HttpResponse:
        site = visible_site(request, pk)
        forms = forms or {}
        may_revoke = site.is_current and may(request.user, "revoke", site)
        events = (CaseEvent.objects.filter(process_id=site.process_id).select_related("actor")
                  if site.process_id else [])
        return render(request, "platforms/register/site_detail.html", {
            "entry": site, "reports": reports_of(site), "events": events,
            "orders": [order for order in (site.granted_by, site.revoked_by) if order],
            "continued_by": Site.objects.filter(continues=site).first(),
            "changes": changes_of(site) if may(request.user, "view_history", site) else None,
            "revoke_form": forms.get("revoke", RevokeForm()) if may_revoke else None,
        })


class SiteRevokeView(View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        site = visible_site(request, pk)
        if not may(request.user, "revoke", site):
            raise PermissionDenied
        form = RevokeForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                revoke_by_order(site, request.user, reason=data["reason"], date=data["date"],
                                number=data["number"].strip() or None)
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("The status is revoked by the order."))
                return redirect(site)
        return SiteDetailView().get(request, pk, forms={"revoke": form})


def visible_report(request: HttpRequest, pk: int) -> AnnualReport:
    return visible_or_404(request.user, "view", AnnualReport.objects.select_related(
        "site__organisation", "site__curator", "submitted_by", "reviewed_by"), pk=pk)


class ReportView(View):
    def get(self, request: HttpRequest, pk: int, forms: dict | None = None) -> HttpResponse:
        report = visible_report(request, pk)
        forms = forms or {}
        user = request.user
        may_send = report.status in SENDABLE and may(user, "submit", report)
        return render(request, "platforms/register/report.html", {
            "report": report, "entry": report.site, "files": report.files.all(),
            "report_form": forms.get("submit", ReportForm(initial={"text": report.text, "results": report.results}))
            if may_send else None,
            "review_form": forms.get("review", ReviewForm()) if may(user, "review", report) else None,
        })


class ReportActionView(View):
    """POST `reports/<pk>/submit|review/`: the director sends the report, the curator decides on it."""

    forms = {"submit": ReportForm, "review": ReviewForm}

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        report = visible_report(request, pk)
        if action not in self.forms:
            raise Http404
        form = self.forms[action](request.POST, request.FILES)
        if form.is_valid():
            try:
                done = getattr(self, f"do_{action}")(request, report, form.cleaned_data)
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, done)
                return redirect("register:report", pk=report.pk)
        return ReportView().get(request, pk, forms={action: form})

    def do_submit(self, request: HttpRequest, report: AnnualReport, data: dict) -> str:
        submit_report(report, request.user, text=data["text"], results=data["results"], files=data["files"])
        return _("The report is sent to the curator.")

    def do_review(self, request: HttpRequest, report: AnnualReport, data: dict) -> str:
        review_report(report, request.user, data["decision"], data["comment"])
        return _("The decision on the report is recorded.")


class ReportFileView(View):
    """A file of a report, for whoever may see the report; otherwise the same 404 as for no such file."""

    def get(self, request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
        if not (0 < pk <= MAX_ID and 0 < file_pk <= MAX_ID):
            raise not_found()
        report = visible_report(request, pk)
        stored = report.files.filter(pk=file_pk).first()
        if stored is None:
            raise not_found()
        return send(StoredFile(report, stored.file, stored.name))


class RecordSiteView(View):
    """A regional or federal status granted elsewhere, entered by the municipality's methodist or officer."""

    def dispatch(self, request, *args, **kwargs):
        if not may_record(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(request, ExternalSiteForm(user=request.user))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ExternalSiteForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                site = record_external(request.user, **form.cleaned_data)
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, _("The site is entered in the register."))
                return redirect(site)
        return self.render(request, form)

    def render(self, request: HttpRequest, form: ExternalSiteForm) -> HttpResponse:
        return render(request, "platforms/register/site_form.html", {"form": form})
