"""Pages of the register of associations: the list with its filters, its XLSX export, founding an
association, an association's page (members, plans, meetings, history) and its members' changes. Thin:
reads from `selectors`, writes through `services`."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from accounts.models import Municipality, Organisation
from accounts.permissions import may, organisations_in_scope
from workflows.files import MAX_ID
from workflows.history import changes_of
from workflows.pages import saved
from workflows.pagination import page_of

from .export import associations_xlsx
from .forms import AssociationForm, MemberForm
from .models import Association, Membership
from .rules import may_keep, may_read
from .selectors import memberships_of, meetings_of, register_rows
from .services import add_member, end_membership, found_association

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def may_found(user) -> bool:
    """May the person found an association: in a municipality of their scope, or at their own school."""
    municipalities = Municipality.objects.filter(pk__in=organisations_in_scope(user).values("municipality_id"))
    own = [user.organisation] if user.is_authenticated and user.organisation_id else []
    return any(may(user, "found_association", scope) for scope in (*municipalities, *own))


def readable_association(request: HttpRequest, pk: int) -> Association:
    """The association if the person reads it; the same «Не найдено.» as for none otherwise."""
    association = (Association.objects.select_related("municipality", "organisation", "head").filter(pk=pk).first()
                   if 0 < pk <= MAX_ID else None)
    if association is None or not may_read(request.user, association):
        raise Http404(_("Not found."))
    return association


def kept_association(request: HttpRequest, pk: int) -> Association:
    association = readable_association(request, pk)
    if not may_keep(request.user, association):
        raise PermissionDenied
    return association


class AssociationListView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form, associations = register_rows(request.user, request.GET)
        return render(request, "associations/association_list.html", {
            "filter_form": form, "year": form.counted_year, "page": page_of(request, associations, PAGE_SIZE),
            "may_found": may_found(request.user)})


class AssociationExportView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form, associations = register_rows(request.user, request.GET)
        response = HttpResponse(associations_xlsx(associations, form.counted_year), content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="methodical-associations.xlsx"'
        return response


class FoundAssociationView(View):
    def dispatch(self, request, *args, **kwargs):
        if not may_found(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(request, AssociationForm(user=request.user))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = AssociationForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            organisation: Organisation | None = data["organisation"]
            municipality = organisation.municipality if organisation else self.municipality(request)
            association = saved(request, form, lambda: found_association(request.user, municipality=municipality,
                                                                         **data), _("The association is founded."))
            if association is not None:
                return redirect(association)
        return self.render(request, form)

    @staticmethod
    def municipality(request: HttpRequest) -> Municipality | None:
        return Municipality.objects.filter(pk__in=organisations_in_scope(request.user).values(
            "municipality_id")).order_by("name").first()

    def render(self, request: HttpRequest, form: AssociationForm) -> HttpResponse:
        return render(request, "associations/association_form.html", {"form": form})


class AssociationDetailView(View):
    def get(self, request: HttpRequest, pk: int, member_form: MemberForm | None = None) -> HttpResponse:
        association = readable_association(request, pk)
        keeps = may_keep(request.user, association)
        return render(request, "associations/association_detail.html", {
            "association": association, "keeps": keeps, "memberships": memberships_of(association),
            "plans": association.plans.order_by("-year"), "meetings": meetings_of(association),
            "member_form": member_form or MemberForm(association=association) if keeps else None,
            "changes": changes_of(association) if may(request.user, "view_history", association) else None,
        })


class AddMemberView(View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        association = kept_association(request, pk)
        form = MemberForm(request.POST, association=association)
        if form.is_valid() and saved(request, form, lambda: add_member(
                request.user, association, form.cleaned_data["person"], role=form.cleaned_data["role"],
                valid_from=form.cleaned_data["valid_from"]), _("The member is added.")):
            return redirect(association)
        return AssociationDetailView().get(request, pk, member_form=form)


class EndMembershipView(View):
    def post(self, request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
        association = kept_association(request, pk)
        membership = Membership.objects.filter(association=association, pk=membership_pk).first()
        if membership is None:
            raise Http404(_("Not found."))
        try:
            end_membership(request.user, membership)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The membership is ended."))
        return redirect(association)
