"""`POST /api/people/import/`: the staff import of `accounts.staff_import` for programs, with its dry run."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from .api import error_responses
from .models import Municipality
from .staff_import import KIND_TITLES, MAX_FILE_BYTES, PEOPLE, StaffImport, import_staff, may_import


class StaffImportRequestSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=gettext_lazy(
        "An XLSX or CSV file (UTF-8 or Windows-1251, separated by semicolons or commas) with a row of Russian "
        "headers, as the template of the import page."))
    kind = serializers.ChoiceField(choices=list(KIND_TITLES.items()), default=PEOPLE, help_text=gettext_lazy(
        "What the file lists: organisations or people."))
    municipality = serializers.IntegerField(required=False, help_text=gettext_lazy(
        "The municipality of the people (their organisations are named by short name within it); "
        "required for people."))
    dry_run = serializers.BooleanField(default=True, help_text=gettext_lazy(
        "true: only count what the file would create, update and leave unchanged; false: import it."))

    def validate_file(self, file):
        if file.size > MAX_FILE_BYTES:
            raise serializers.ValidationError(_("The file is larger than 10 MB."))
        return file


class StaffImportResultSerializer(serializers.Serializer):
    kind = serializers.CharField()
    dry_run = serializers.BooleanField()
    created = serializers.IntegerField(help_text=gettext_lazy("Rows that create (or would create) a record."))
    updated = serializers.IntegerField(help_text=gettext_lazy("Rows that change a record."))
    skipped = serializers.IntegerField(help_text=gettext_lazy("Rows the same as their record: left alone."))


def row_field(error) -> str | None:
    """Where a row error is: `rows[<the row's number in the file>].<column>`."""
    if error.row is None:
        return None
    return f"rows[{error.row}]" + (f".{error.column}" if error.column else "")


class StaffImportView(APIView):
    """Import organisations or people of a municipality from a file, all or nothing: a file with a bad row
    imports nothing and is refused (400) with each bad row's errors, `field` naming the row by its number in
    the file and the column (`rows[3].birth_date`). Administrators import anywhere, methodists into their
    own municipality."""

    parser_classes = (MultiPartParser, FormParser)

    @extend_schema(summary=gettext_lazy("Import organisations or people from a file"),
                   request={"multipart/form-data": StaffImportRequestSerializer},
                   responses={200: StaffImportResultSerializer, **error_responses(400, 401, 403, 404)})
    def post(self, request: Request) -> Response:
        if not may_import(request.user):
            raise PermissionDenied(_("You may not import staff."))
        body = StaffImportRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        municipality = None
        if data.get("municipality") is not None:
            municipality = Municipality.objects.filter(pk=data["municipality"]).first()
            if municipality is None:
                raise Http404(_("Not found."))
        upload = data["file"]
        report = import_staff(request.user, data["kind"], upload.read(), upload.name, municipality=municipality,
                              dry_run=data["dry_run"])
        if not report.ok:
            refuse(report)
        return Response(StaffImportResultSerializer(report).data)


def refuse(report: StaffImport) -> None:
    errors: dict[str, list[str]] = {}
    for error in report.errors:
        errors.setdefault(row_field(error) or api_settings.NON_FIELD_ERRORS_KEY, []).append(error.message)
    raise serializers.ValidationError(errors)
