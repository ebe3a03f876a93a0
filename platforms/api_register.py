"""The REST API of the register: /api/sites/ (the register with the page's filters, a site) and
/api/site-reports/ (the reports a person may see, a report, the director's submit and the curator's
review). Thin: the same selectors, services and rules as the pages (`platforms.rules_register`)."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.api import error_responses
from accounts.permissions import may, visible, visible_or_404
from workflows.api_fields import NamedChoiceField, PersonSerializer, RefSerializer, absolute
from workflows.pagination import ValidatedPagination

from .models import AnnualReport, Site, SiteKind, SiteLevel
from .register_selectors import register_rows
from .reports import ReportDecision, review_report, revoke_by_order, submit_report


class OrderRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    date = serializers.DateField()
    title = serializers.CharField()


class ReportSummarySerializer(serializers.ModelSerializer):
    status = NamedChoiceField(choices=AnnualReport.Status.choices, enum_name="SiteReportStatusEnum")
    status_display = serializers.CharField(source="get_status_display")

    class Meta:
        model = AnnualReport
        fields = ["id", "year_of_term", "opens_on", "due_on", "status", "status_display"]
        read_only_fields = fields


class SiteSerializer(serializers.ModelSerializer):
    organisation = RefSerializer()
    municipality = RefSerializer()
    kind = NamedChoiceField(choices=SiteKind.choices, enum_name="SiteKindEnum")
    kind_display = serializers.CharField(source="get_kind_display")
    level = NamedChoiceField(choices=SiteLevel.choices, enum_name="SiteLevelEnum")
    level_display = serializers.CharField(source="get_level_display")
    status = NamedChoiceField(choices=Site.Status.choices, enum_name="SiteStatusEnum")
    status_display = serializers.CharField(source="get_status_display")
    curator = PersonSerializer(allow_null=True)
    granted_by = OrderRefSerializer(allow_null=True)
    revoked_by = OrderRefSerializer(allow_null=True)
    continues = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    issuing_body = serializers.SerializerMethodField()
    issuing_document = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Site
        fields = ["id", "organisation", "municipality", "kind", "kind_display", "level", "level_display", "topic",
                  "starts_on", "ends_on", "status", "status_display", "curator", "granted_by", "revoked_by",
                  "continues", "issuing_body", "issuing_document", "url"]
        read_only_fields = fields

    def get_issuing_body(self, site: Site) -> str | None:
        return site.issuing_body or None

    def get_issuing_document(self, site: Site) -> str | None:
        return site.issuing_document or None

    def get_url(self, site: Site) -> str:
        return absolute(self.context.get("request"), site.get_absolute_url())


class SiteDetailSerializer(SiteSerializer):
    reports = ReportSummarySerializer(many=True, read_only=True)

    class Meta(SiteSerializer.Meta):
        fields = [*SiteSerializer.Meta.fields, "reports"]
        read_only_fields = fields


FILTERS = [
    OpenApiParameter("municipality", int, description=gettext_lazy("A municipality of your scope.")),
    OpenApiParameter("kind", str, enum=SiteKind.values),
    OpenApiParameter("level", str, enum=SiteLevel.values),
    OpenApiParameter("status", str, enum=Site.Status.values),
    OpenApiParameter("q", str, description=gettext_lazy("Words of the topic or the organisation's name.")),
]


class RevokeSerializer(serializers.Serializer):
    reason = serializers.CharField(min_length=1, help_text=gettext_lazy("The grounds for revoking the status."))
    date = serializers.DateField(required=False, allow_null=True, default=None,
                                 help_text=gettext_lazy("The order's date; today when left out."))
    number = serializers.CharField(required=False, allow_null=True, default=None, max_length=40,
                                   help_text=gettext_lazy("The order's number; the journal's next when left out."))


class SiteViewSet(viewsets.GenericViewSet):
    """The register of sites you may see."""

    lookup_value_converter = "int"
    pagination_class = ValidatedPagination
    serializer_class = SiteSerializer

    def get_queryset(self) -> QuerySet:
        form, sites = register_rows(self.request.user, self.request.query_params)
        if self.action == "list" and self.request.query_params and not form.is_valid():
            raise exceptions.ValidationError({field: [str(error) for error in errors]
                                              for field, errors in form.errors.items()}, code="invalid")
        return sites

    @extend_schema(summary=gettext_lazy("The register of sites"), parameters=FILTERS,
                   responses={200: SiteSerializer(many=True), **error_responses(400, 401, 404)})
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(SiteSerializer(page, many=True, context={"request": request}).data)

    @extend_schema(summary=gettext_lazy("A site with its annual reports"),
                   responses={200: SiteDetailSerializer, **error_responses(401, 404)})
    def retrieve(self, request: Request, pk=None) -> Response:
        site = visible_or_404(request.user, "view", Site.objects.select_related(
            "organisation", "municipality", "curator", "granted_by", "revoked_by"), pk=pk)
        return Response(SiteDetailSerializer(site, context={"request": request}).data)

    @extend_schema(summary=gettext_lazy("Revoke the site's status by an order (the officer)"),
                   request=RevokeSerializer,
                   responses={200: SiteDetailSerializer, **error_responses(400, 401, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, pk=None) -> Response:
        site = visible_or_404(request.user, "view", Site, pk=pk)
        if not may(request.user, "revoke", site):
            raise PermissionDenied(_("You may not revoke this site's status."))
        body = RevokeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        site = revoke_by_order(site, request.user, reason=data["reason"], date=data["date"],
                               number=(data["number"] or "").strip() or None)
        return self.retrieve(request, pk=site.pk)


class ReportSerializer(ReportSummarySerializer):
    site = serializers.PrimaryKeyRelatedField(read_only=True)
    text = serializers.SerializerMethodField()
    results = serializers.SerializerMethodField()
    comment = serializers.SerializerMethodField()
    submitted_by = PersonSerializer(allow_null=True)
    reviewed_by = PersonSerializer(allow_null=True)
    files = serializers.SerializerMethodField()

    class Meta(ReportSummarySerializer.Meta):
        fields = [*ReportSummarySerializer.Meta.fields, "site", "text", "results", "submitted_by", "submitted_at",
                  "reviewed_by", "reviewed_at", "comment", "files"]
        read_only_fields = fields

    def get_text(self, report: AnnualReport) -> str | None:
        return report.text or None

    def get_results(self, report: AnnualReport) -> str | None:
        return report.results or None

    def get_comment(self, report: AnnualReport) -> str | None:
        return report.comment or None

    def get_files(self, report: AnnualReport) -> list[str]:
        request = self.context.get("request")
        return [absolute(request, reverse("register:report-file", args=[report.pk, stored.pk]))
                for stored in report.files.all()]


class ReportSubmitSerializer(serializers.Serializer):
    text = serializers.CharField(min_length=1, help_text=gettext_lazy("What the site did in the year."))
    results = serializers.CharField(min_length=1, help_text=gettext_lazy("The results achieved."))
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list,
                                  help_text=gettext_lazy("PDF, DOCX, PPTX, XLSX or ZIP files (multipart only)."))


class ReportReviewSerializer(serializers.Serializer):
    decision = NamedChoiceField(choices=ReportDecision.choices, enum_name="SiteReportDecisionEnum")
    comment = serializers.CharField(required=False, default="", allow_blank=True, help_text=gettext_lazy(
        "Required to return the report or not to accept it."))


class SiteReportViewSet(viewsets.GenericViewSet):
    """The annual reports of the sites you may see: the director sends them, the curator reviews them."""

    lookup_value_converter = "int"
    pagination_class = ValidatedPagination
    serializer_class = ReportSerializer

    def get_queryset(self) -> QuerySet:
        return visible(self.request.user, "view", AnnualReport.objects.select_related(
            "site", "submitted_by", "reviewed_by").prefetch_related("files")).order_by("due_on", "pk")

    def get_object(self) -> AnnualReport:
        return visible_or_404(self.request.user, "view", self.get_queryset(), pk=self.kwargs["pk"])

    def respond(self, report: AnnualReport) -> Response:
        return Response(ReportSerializer(self.get_queryset().get(pk=report.pk), context={"request": self.request}).data)

    @extend_schema(summary=gettext_lazy("Annual reports of sites you may see"),
                   responses={200: ReportSerializer(many=True), **error_responses(400, 401, 404)})
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(ReportSerializer(page, many=True, context={"request": request}).data)

    @extend_schema(summary=gettext_lazy("An annual report"), responses={200: ReportSerializer,
                                                                      **error_responses(401, 404)})
    def retrieve(self, request: Request, pk=None) -> Response:
        return self.respond(self.get_object())

    @extend_schema(summary=gettext_lazy("Send the site's annual report (the director)"),
                   request={"application/json": ReportSubmitSerializer, "multipart/form-data": ReportSubmitSerializer},
                   responses={200: ReportSerializer, **error_responses(400, 401, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk=None) -> Response:
        report = self.get_object()
        if not may(request.user, "submit", report):
            raise PermissionDenied(_("You may not send this report."))
        body = ReportSubmitSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        return self.respond(submit_report(report, request.user, text=data["text"], results=data["results"],
                                          files=data["files"]))

    @extend_schema(summary=gettext_lazy("Accept, return or fail a report (the site's curator)"),
                   request=ReportReviewSerializer,
                   responses={200: ReportSerializer, **error_responses(400, 401, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk=None) -> Response:
        report = self.get_object()
        if report.site.curator_id != request.user.pk:
            raise PermissionDenied(_("Only the site's curator reviews its reports."))
        body = ReportReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self.respond(review_report(report, request.user, body.validated_data["decision"],
                                          body.validated_data["comment"]))

