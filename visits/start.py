"""The start page's panel of the visits: the recommendations my organisation is to report on, by due date."""
from __future__ import annotations

from django.http import HttpRequest

from .selectors import recommendations_awaiting

SHOWN = 10


def panels(request: HttpRequest) -> list[dict]:
    recommendations = list(recommendations_awaiting(request.user)[:SHOWN])
    return [{"template": "visits/start_recommendations.html", "recommendations": recommendations}] \
        if recommendations else []
