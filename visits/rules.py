"""Who may do what in the register of visits and consultations (issue 16; domain.md §1).

The municipality's methodists plan visits, carry them out and report them, give addressed recommendations
and record consultations (tutors consult too, [002:159]); its officer approves the year's schedule; the
officer and auditors read everything of their scope. A director reads the visits to their organisation and
the recommendations addressed to it, and reports their execution. Other municipalities see nothing.
"""
from accounts.models import Municipality, Role
from accounts.permissions import allow

from .models import Consultation, Recommendation, Visit, VisitSchedule

CENTRE_READERS = [Role.METHODIST, Role.OFFICER, Role.AUDITOR]

allow(Municipality, ["plan_visits"], [Role.METHODIST])
allow(Municipality, ["consult"], [Role.METHODIST, Role.TUTOR])
allow(VisitSchedule, ["view", "view_history"], CENTRE_READERS)
allow(VisitSchedule, ["approve"], [Role.OFFICER])
allow(Visit, ["view", "view_history"], [*CENTRE_READERS, Role.DIRECTOR])
allow(Visit, ["report", "recommend", "cancel"], [Role.METHODIST])
allow(Recommendation, ["view", "view_history"], [*CENTRE_READERS, Role.DIRECTOR])
allow(Recommendation, ["execute"], [Role.DIRECTOR])
allow(Consultation, ["view", "view_history"], [*CENTRE_READERS, Role.DIRECTOR])
allow(Consultation, ["edit"], [Role.METHODIST])
# A tutor consults without reading the centre's register: they read the consultations they gave.
allow(Consultation, ["view"], [Role.TUTOR], own="consulted_by")
