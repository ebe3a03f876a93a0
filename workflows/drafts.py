"""Deleting a draft: every process's author may withdraw a case they never sent."""
from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.history import acting_as
from accounts.permissions import may

from .services import Refused, lock_case_at


def delete_draft(case, user, refused: str) -> None:
    """Delete the draft `case` for its author (403 `refused` for anyone else, 409 once it has been sent); the
    case's history keeps a record of who deleted it and when."""
    if not may(user, "delete", case):
        raise Refused(refused, "not_author")
    with acting_as(user), transaction.atomic():
        # A submit at the same moment waits here, or this finds the case sent.
        lock_case_at(case, (type(case).Status.DRAFT,), _("Only a draft that was never sent can be deleted."),
                     "not_a_draft")
        case.delete()
