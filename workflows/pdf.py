"""Pages printed as PDF (the route's print form, the regulation, the certificate of expertise)."""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def pdf_response(request: HttpRequest, template_name: str, context: dict, filename: str) -> HttpResponse:
    """`template_name` rendered with `context` and printed by WeasyPrint, shown inline as `filename`.
    Links and images are resolved against the site, so a print form may use the site's static files."""
    # WeasyPrint loads Pango and its fonts on import: only the pages that print pay for it.
    from weasyprint import HTML

    html = render_to_string(template_name, context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
