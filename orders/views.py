"""The orders' pages: thin, they parse input, call `orders.services` and render.

What a person may not see does not exist for them: «Не найдено.» (404) for it as for a missing order.
"""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from accounts.permissions import may, visible_or_404
from workflows.history import changes_of
from workflows.pages import form_errors
from workflows.pagination import page_of

from . import selectors, services
from .forms import ADD_ROW, ItemFormSet, JournalFilterForm, OrderForm, items_initial, unjudged
from .models import Order
from .pdf import order_pdf
from .rules import action_for, may_change

PAGE_SIZE = 50


def visible_order(request: HttpRequest, pk: int, action: str = "view") -> Order:
    return visible_or_404(request.user, action, selectors.orders_queryset(), pk=pk)


class JournalView(View):
    """The journal of orders the person may read, filtered by year, subject and status, searched by number
    or title."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = JournalFilterForm(request.GET or None, years=selectors.years_of(request.user))
        orders = selectors.journal(request.user, form.filters())
        return render(request, "orders/journal.html", {
            "filter_form": form, "page": page_of(request, orders, PAGE_SIZE),
            "may_prepare": bool(selectors.municipalities_to_prepare(request.user))})


class OrderDetailView(View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = visible_order(request, pk)
        user = request.user
        return render(request, "orders/order_detail.html", {
            "order": order, "items": order.items.select_related("organisation"),
            "corrections": order.corrections.all(),
            "may_edit": may_change(user, "edit", order), "may_sign": may_change(user, "sign", order),
            "may_correct": order.is_signed and may(user, action_for(order, "prepare"), order),
            "changes": changes_of(order) if may(user, "view_history", order) else None})


class OrderEditView(View):
    """A new draft (pk absent) or a draft being edited, its items as rows."""

    def setup(self, request, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        pk = kwargs.get("pk")
        self.municipalities = selectors.municipalities_to_prepare(request.user)
        if pk is None:
            if not self.municipalities:
                raise Http404
            self.order = Order()
        else:
            self.order = visible_order(request, pk)
            if not may_change(request.user, "edit", self.order):
                raise PermissionDenied(_("A signed order does not change: a correction is a new order that cites it."))
            self.municipalities = [self.order.municipality]

    def forms(self, data=None) -> tuple[OrderForm, ItemFormSet]:
        form = OrderForm(data, instance=self.order, municipalities=self.municipalities)
        initial = items_initial(self.order) if self.order.pk and data is None else None
        formset = ItemFormSet(data, initial=initial, prefix="items", municipality=form.municipality_id)
        return form, formset

    def render(self, form: OrderForm, formset: ItemFormSet) -> HttpResponse:
        return render(self.request, "orders/order_form.html", {"form": form, "formset": formset,
                                                               "order": self.order})

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        return self.render(*self.forms())

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        form, formset = self.forms(request.POST)
        if ADD_ROW in request.POST:  # one more row, nothing saved and nothing judged yet
            return self.render(*unjudged(form, formset))
        if not (form.is_valid() & formset.is_valid()):
            return self.render(form, formset)
        try:
            order = self.save(form, formset)
        except ValidationError as error:
            rest = formset.show(error)
            if rest is not None:
                form_errors(form, rest)
            return self.render(form, formset)
        messages.success(request, _("The draft order has been saved."))
        return redirect(order)

    def save(self, form: OrderForm, formset: ItemFormSet) -> Order:
        data, items = form.fields_for_service(), formset.items(self.order)
        if self.order.pk:
            data.pop("municipality")
            return services.update_draft(self.order, self.request.user, items=items, **data)
        return services.draft_order(prepared_by=self.request.user, items=items, **data)


class SignView(View):
    """The signatory signs a draft (POST): it takes effect and never changes again."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = visible_order(request, pk)
        try:
            services.sign_order(order, request.user)
        except ValidationError as error:  # signed meanwhile, in another window
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The order has been signed."))
        return redirect(order)


class CorrectView(View):
    """A correction of a signed order (POST): a new draft citing it, opened for editing."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = visible_order(request, pk)
        try:
            correction = services.correct_order(order, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(order)
        messages.success(request, _("A correction has been drafted: edit it and sign."))
        return redirect("orders:edit", pk=correction.pk)


class OrderPdfView(View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = visible_order(request, pk)
        response = HttpResponse(order_pdf(order), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="order-{order.pk}.pdf"'
        return response
