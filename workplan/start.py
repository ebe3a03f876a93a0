"""The start page's panel of the work plan: the open items I answer for that are due within two weeks or
overdue, by deadline."""
from __future__ import annotations

from django.http import HttpRequest

from .selectors import items_due

SHOWN = 10


def panels(request: HttpRequest) -> list[dict]:
    items = list(items_due(request.user)[:SHOWN]) if request.user.is_authenticated else []
    return [{"template": "workplan/start_items.html", "items": items}] if items else []
