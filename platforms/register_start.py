"""The start page's panel of the register: the annual reports waiting for me, to write (a director) or to
review (the curator), by due date. The sites' term processes are not case flows, so the shared inbox does
not list these tasks."""
from __future__ import annotations

from django.http import HttpRequest

from .register_selectors import reports_awaiting

SHOWN = 10


def panels(request: HttpRequest) -> list[dict]:
    reports = list(reports_awaiting(request.user)[:SHOWN])
    return [{"template": "platforms/register/start_reports.html", "reports": reports}] if reports else []
