"""The start page's panel of mentoring: the pairs I am the mentor or the mentee of, active first."""
from __future__ import annotations

from django.http import HttpRequest

from .selectors import pairs_of_person

SHOWN = 10


def panels(request: HttpRequest) -> list[dict]:
    pairs = list(pairs_of_person(request.user).order_by("status", "-starts_on")[:SHOWN]) \
        if request.user.is_authenticated else []
    return [{"template": "mentoring/start_pairs.html", "pairs": pairs}] if pairs else []
