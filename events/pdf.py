"""The certificate of participation in an event (сертификат участника), printed by WeasyPrint."""
from __future__ import annotations

from django.template.loader import render_to_string

from .export import organiser_of
from .models import Registration


def certificate_html(registration: Registration) -> str:
    event = registration.event
    return render_to_string("events/certificate_print.html", {
        "registration": registration, "event": event, "person": registration.person,
        "organiser": organiser_of(event), "issuer": event.municipality.name})


def certificate_pdf(registration: Registration) -> bytes:
    # WeasyPrint loads Pango and its fonts on import: only what prints pays for it.
    from weasyprint import HTML

    return HTML(string=certificate_html(registration)).write_pdf()
