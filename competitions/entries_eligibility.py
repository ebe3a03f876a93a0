"""Who may be nominated: the competition's eligibility rules checked against the nominee, and whom a director
nominates (domain.md §2.5; [002:65, 000:194] young teachers are under 35)."""
from __future__ import annotations

from datetime import date

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import YOUNG_TEACHER_AGE_LIMIT, Organisation, Role, RoleAssignment, User
from accounts.permissions import holds

from .models import Competition


def eligibility_problems(competition: Competition, nominee: User, on: date | None = None) -> list[str]:
    """Why the nominee does not meet the competition's rules (none: eligible), in Russian, as the committee
    and the nominating director read them."""
    on = on or timezone.localdate()
    problems = []
    age, tenure = nominee.age(on), nominee.tenure_years(on)
    if competition.young_teachers_only and not nominee.is_young_teacher(on):
        problems.append(_("the competition is for young teachers under %(limit)d") % {"limit": YOUNG_TEACHER_AGE_LIMIT}
                        if age is not None else _("the date of birth is not known"))
    if competition.max_age is not None and (age is None or age > competition.max_age):
        problems.append(_("older than %(age)d") % {"age": competition.max_age} if age is not None
                        else _("the date of birth is not known"))
    if competition.min_tenure_years is not None and (tenure is None or tenure < competition.min_tenure_years):
        problems.append(_("teaching experience under %(years)d years") % {"years": competition.min_tenure_years})
    if competition.max_tenure_years is not None and (tenure is None or tenure > competition.max_tenure_years):
        problems.append(_("teaching experience over %(years)d years") % {"years": competition.max_tenure_years}
                        if tenure is not None else _("the start of teaching experience is not known"))
    if competition.positions and nominee.position.strip().lower() not in {
            position.strip().lower() for position in competition.positions}:
        problems.append(_("the position «%(position)s» is not admitted") % {"position": nominee.position or "—"})
    return list(dict.fromkeys(problems))


def nominating_organisations(user: User) -> QuerySet[Organisation]:
    """The organisations whose teachers the user nominates: those they head."""
    held = RoleAssignment.objects.active().filter(user=user, role=Role.DIRECTOR, organisation__isnull=False)
    return Organisation.objects.filter(pk__in=held.values("organisation_id"))


def nominees_for(user: User, competition: Competition) -> QuerySet[User]:
    """Whom the user may nominate for the competition: their organisations' people, and themself where
    self-nomination is allowed."""
    people = User.objects.filter(organisation__in=nominating_organisations(user), is_active=True)
    if competition.self_nomination:
        people = people | User.objects.filter(pk=user.pk)
    return people.distinct().order_by("last_name", "first_name", "pk")


def may_nominate(user: User, competition: Competition) -> bool:
    """Does the competition take a nomination from the user now: a director, or a teacher where self-nomination
    is allowed?"""
    if competition.status != Competition.Status.NOMINATIONS or not user.is_authenticated:
        return False
    return nominating_organisations(user).exists() or (competition.self_nomination and holds(user, Role.TEACHER))
