"""The staff import pages: the form with the file's columns and templates, the dry run's preview of what
the file would do, and the confirmed import of the same file, kept on the server between the two."""
from __future__ import annotations

import uuid
from pathlib import PurePath

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_safe

from .models import Municipality, Organisation
from .staff_import import (COLUMNS, KIND_TITLES, ORGANISATIONS, PEOPLE, import_staff, may_import, role_codes,
                           template_file)
from .staff_import_forms import StaffImportForm

PENDING = "staff_import_pending"  # the session's one file awaiting confirmation
UPLOAD_FOLDER = "staff-imports"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def require_importer(request: HttpRequest) -> None:
    if not may_import(request.user):
        raise PermissionDenied(_("You may not import staff."))


def forget_pending(request: HttpRequest) -> dict | None:
    pending = request.session.pop(PENDING, None)
    if pending:
        default_storage.delete(pending["path"])
    return pending


class StaffImportView(View):
    def dispatch(self, request, *args, **kwargs):
        require_importer(request)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.page(request, StaffImportForm(user=request.user))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = StaffImportForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.page(request, form)
        upload, kind = form.cleaned_data["file"], form.cleaned_data["kind"]
        municipality = form.cleaned_data["municipality"] if kind == PEOPLE else None
        content = upload.read()
        report = import_staff(request.user, kind, content, upload.name, municipality=municipality, dry_run=True)
        forget_pending(request)
        token = None
        if report.ok:
            token = uuid.uuid4().hex
            path = default_storage.save(f"{UPLOAD_FOLDER}/{token}{PurePath(upload.name).suffix.lower()}",
                                        ContentFile(content))
            request.session[PENDING] = {"token": token, "path": path, "name": upload.name, "kind": kind,
                                        "municipality": municipality.pk if municipality else None}
        return render(request, "accounts/import_preview.html", {
            "report": report, "file_name": upload.name, "token": token, "municipality": municipality})

    def page(self, request: HttpRequest, form: StaffImportForm) -> HttpResponse:
        return render(request, "accounts/import.html", {
            "form": form, "columns": [(kind, KIND_TITLES[kind], COLUMNS[kind]) for kind in (PEOPLE, ORGANISATIONS)],
            "roles": role_codes(), "kinds": Organisation.Kind.choices})


class ConfirmStaffImportView(View):
    """Import the file the preview showed: the session names it, so only its uploader confirms it."""

    def post(self, request: HttpRequest) -> HttpResponse:
        require_importer(request)
        pending = request.session.get(PENDING)
        if not pending or pending["token"] != request.POST.get("token", ""):
            raise Http404(_("Not found."))
        try:
            with default_storage.open(pending["path"], "rb") as stored:
                content = stored.read()
        except OSError:
            forget_pending(request)
            raise Http404(_("Not found.")) from None
        municipality = Municipality.objects.filter(pk=pending["municipality"]).first()
        report = import_staff(request.user, pending["kind"], content, pending["name"], municipality=municipality,
                              dry_run=False)
        forget_pending(request)
        return render(request, "accounts/import_preview.html", {
            "report": report, "file_name": pending["name"], "municipality": municipality, "done": report.ok})


@require_safe
def staff_template(request: HttpRequest, kind: str) -> HttpResponse:
    require_importer(request)
    if kind not in COLUMNS:
        raise Http404(_("Not found."))
    response = HttpResponse(template_file(kind), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="staff-import-{kind}.xlsx"'
    return response
