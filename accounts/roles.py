"""Roles held in scope and the grant each becomes (domain.md §1): who does what, where."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

YOUNG_TEACHER_AGE_LIMIT = 35  # [002:65, 000:194] «молодой педагог — до 35 лет»


class Role(models.TextChoices):
    """Roles of domain.md §1; the value is the word used in demo user names (`teacher.tomsk`)."""

    TEACHER = "teacher", _("teacher")
    MENTOR = "mentor", _("mentor")
    TUTOR = "tutor", _("tutor")
    LEAD = "lead", _("head of the school methodical service")
    DIRECTOR = "director", _("head of an educational organisation")
    METHODIST = "methodist", _("methodologist of the municipal methodical centre")
    EXPERT = "expert", _("expert")
    OFFICER = "officer", _("education authority officer")
    AUDITOR = "auditor", _("oversight (read only)")
    ADMIN = "admin", _("administrator")


class Scope(models.TextChoices):
    ORGANISATION = "organisation", _("organisation")
    MUNICIPALITY = "municipality", _("municipality")
    REGION = "region", _("region")
    ASSOCIATION = "association", _("methodical association")
    INSTALLATION = "installation", _("whole system")


# Which scopes each role may be held in (domain.md §1, the role table).
ROLE_SCOPES: dict[str, frozenset[str]] = {
    Role.TEACHER: frozenset({Scope.ORGANISATION}),
    Role.MENTOR: frozenset({Scope.ORGANISATION, Scope.MUNICIPALITY}),
    Role.TUTOR: frozenset({Scope.ORGANISATION, Scope.MUNICIPALITY}),
    Role.LEAD: frozenset({Scope.ORGANISATION, Scope.ASSOCIATION}),
    Role.DIRECTOR: frozenset({Scope.ORGANISATION}),
    Role.METHODIST: frozenset({Scope.MUNICIPALITY}),
    Role.EXPERT: frozenset({Scope.MUNICIPALITY}),
    Role.OFFICER: frozenset({Scope.MUNICIPALITY}),
    Role.AUDITOR: frozenset({Scope.MUNICIPALITY, Scope.REGION}),
    Role.ADMIN: frozenset({Scope.INSTALLATION}),
}



def role_permissions(scope: str) -> list[tuple[str, str]]:
    """Object permissions `act_as_<role>_in_<scope>` on a scope object, one per role held in that kind of scope.

    Role assignments are mirrored into django-guardian grants of these permissions (accounts.grants),
    which is what Viewflow's task queue reads to offer a task to everyone holding the role in scope.
    """
    return [(grant_codename(role, scope), f"acts as {role.value}") for role in Role if scope in ROLE_SCOPES[role]]


def grant_codename(role: str, scope: str) -> str:
    # Unique within the app: Viewflow's queue matches grants as "<app>.<codename>_<object pk>",
    # without the content type, so a lead of association 5 must not match organisation 5.
    return f"act_as_{role}_in_{scope}"
