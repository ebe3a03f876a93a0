"""The order as printed: the usual Russian layout of an order of the department of education."""
from __future__ import annotations

from django.template.loader import render_to_string

from .models import Order


def order_context(order: Order) -> dict:
    """What the print form shows: the issuer, the items in order and the signatory's initials and surname."""
    signatory = order.signatory
    initials = "".join(f"{name[0]}. " for name in (signatory.first_name, signatory.patronymic) if name)
    return {"order": order, "items": list(order.items.select_related("organisation")),
            "issuer": order.issuer.name if order.issuer_id else "", "signatory_name": f"{initials}{signatory.last_name}",
            "signatory_position": signatory.position}


def order_html(order: Order) -> str:
    return render_to_string("orders/order_print.html", order_context(order))


def order_pdf(order: Order) -> bytes:
    """The order printed by WeasyPrint; a draft carries «Проект» across the page."""
    # WeasyPrint loads Pango and its fonts on import: only what prints pays for it.
    from weasyprint import HTML

    return HTML(string=order_html(order)).write_pdf()
