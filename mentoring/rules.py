"""Who reads and sets mentoring pairs (domain.md §1, §2.6).

The director proposes the pairs of their organisation and sets them by their own order; the director or
the school's methodical lead ends a pair with the evaluation of its term; the mentor and the mentee read
their own pairs; the municipality's methodist and auditor read every pair of the municipality. Another
organisation's director sees nothing (404).
"""
from accounts.models import Organisation, Role
from accounts.permissions import allow

from .models import Mentorship

PEOPLE = [Role.TEACHER, Role.MENTOR, Role.TUTOR, Role.LEAD, Role.DIRECTOR]

allow(Organisation, ["propose_mentorships"], [Role.DIRECTOR])
allow(Mentorship, ["view", "view_history"], [Role.DIRECTOR, Role.LEAD, Role.METHODIST, Role.AUDITOR])
allow(Mentorship, ["view", "view_history"], PEOPLE, own="mentor")
allow(Mentorship, ["view", "view_history"], PEOPLE, own="mentee")
allow(Mentorship, ["issue_order"], [Role.DIRECTOR])
allow(Mentorship, ["end"], [Role.DIRECTOR, Role.LEAD])
