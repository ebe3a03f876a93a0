"""An activity's evidence as `/files/evidence/<id>/`, for whoever may see the route."""
from __future__ import annotations

from pathlib import PurePath

from workflows.files import StoredFile

from .models import RouteActivity


def evidence(pk: int) -> StoredFile | None:
    activity = RouteActivity.objects.select_related("route").filter(pk=pk).first()
    if activity is None or not activity.evidence:
        return None
    return StoredFile(activity.route, activity.evidence, PurePath(activity.evidence.name).name)

