"""Reads of the register: the sites a person may see, filtered by municipality, kind, level, status and
topic (the register page, its XLSX export and the API alike), the public list of current sites, and the
reports waiting for a person."""
from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, User
from accounts.permissions import organisations_in_scope, visible
from workflows.search import matching
from workflows.widgets import PlainSelect

from .models import AnnualReport, Site, SiteKind, SiteLevel
from .register import current_on


def municipalities_in_scope(user: User) -> QuerySet[Municipality]:
    return Municipality.objects.filter(pk__in=organisations_in_scope(user).values("municipality_id"))


def visible_sites(user: User) -> QuerySet[Site]:
    return visible(user, "view", Site.objects.select_related(
        "organisation", "municipality", "curator", "granted_by", "revoked_by"))


class RegisterFilter(forms.Form):
    """The register's filters; the page, the export and the API read the same ones."""

    municipality = forms.TypedChoiceField(label=_("Municipality"), coerce=int, required=False, empty_value=None,
                                          widget=PlainSelect)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *SiteKind.choices])
    level = forms.ChoiceField(label=_("Level"), required=False, choices=[("", _("All levels")), *SiteLevel.choices])
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), *Site.Status.choices])
    q = forms.CharField(label=_("Topic or organisation"), required=False, max_length=100)

    def __init__(self, data, *, user: User):
        super().__init__(data)
        self.fields["municipality"].choices = [("", _("All municipalities")), *municipalities_in_scope(user)
                                               .order_by("name").values_list("pk", "name")]

    def filtered(self, sites: QuerySet[Site]) -> QuerySet[Site]:
        """The sites that match; an invalid filter is left out (the form says why)."""
        if not self.is_valid():
            return sites
        data = self.cleaned_data
        for field in ("kind", "level", "status"):
            if data[field]:
                sites = sites.filter(**{field: data[field]})
        if data["municipality"]:
            sites = sites.filter(municipality_id=data["municipality"])
        if text := data["q"].strip():
            sites = matching(sites, text, contains=["topic", "organisation__name", "organisation__short_name"])
        return sites

    @property
    def chosen_municipality(self) -> Municipality | None:
        if self.is_valid() and self.cleaned_data["municipality"]:
            return Municipality.objects.filter(pk=self.cleaned_data["municipality"]).first()
        return None


def register_rows(user: User, data) -> tuple[RegisterFilter, QuerySet[Site]]:
    form = RegisterFilter(data or None, user=user)
    return form, form.filtered(visible_sites(user)).order_by("municipality__name", "organisation__short_name",
                                                             "-starts_on", "pk")


def public_sites(municipality: Municipality) -> QuerySet[Site]:
    """The municipality's current sites, as anyone may see them: no reports and no people."""
    return (Site.objects.filter(current_on(timezone.localdate()), municipality=municipality)
            .select_related("organisation").order_by("kind", "organisation__short_name", "topic"))


def municipality_by_code(code: str) -> Municipality | None:
    lookup = Q(slug=code) | (Q(pk=int(code)) if code.isascii() and code.isdigit() and len(code) < 10 else Q())
    return Municipality.objects.filter(lookup).first()


def reports_of(site: Site) -> QuerySet[AnnualReport]:
    return site.reports.select_related("submitted_by", "reviewed_by").prefetch_related("files")


def reports_awaiting(user: User) -> QuerySet[AnnualReport]:
    """The reports waiting for the person: to write (a director) or to review (the curator)."""
    to_write = visible(user, "submit", AnnualReport.objects.all()).filter(
        status__in=(AnnualReport.Status.OPEN, AnnualReport.Status.RETURNED, AnnualReport.Status.OVERDUE))
    to_review = AnnualReport.objects.filter(site__curator=user, status=AnnualReport.Status.SUBMITTED)
    return (to_write | to_review).select_related("site", "site__organisation").order_by("due_on", "pk")
