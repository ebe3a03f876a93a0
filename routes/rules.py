"""Who may see and change diagnostics and young-teacher surveys (domain.md §1, §2.1).

A teacher sees and edits their own records; the director and the school methodical lead see their
organisation's; the municipal methodist and the department officer see their municipality's, and the
methodist also enters records for its teachers, writes recommendations and imports providers' files;
an auditor reads everything in scope with its history.
"""
from accounts.models import Municipality, Role
from accounts.permissions import allow, allow_owner

from .models import Deficit, Diagnostics, IndividualRoute, Recommendation, YoungTeacherSurvey

READERS = [Role.DIRECTOR, Role.LEAD, Role.METHODIST, Role.OFFICER, Role.AUDITOR]

for model in (Diagnostics, YoungTeacherSurvey):
    allow(model, ["view", "view_history"], READERS)
    allow(model, ["view", "view_history", "add", "change"], [Role.TEACHER], own="teacher")
    allow(model, ["add", "change"], [Role.METHODIST])

for model in (Deficit, Recommendation):
    allow(model, ["view", "view_history"], READERS)
    allow(model, ["view", "view_history"], [Role.TEACHER], own="diagnostics__teacher")

allow(Diagnostics, ["recommend"], [Role.METHODIST])  # [001:317] targeted recommendations by a methodist
allow(Municipality, ["import_diagnostics"], [Role.METHODIST])

# Individual educational routes (ИОМ): the author and their named mentor, the school's lead and
# director, the municipality's methodist and officer, auditors; the methodist accompanies the route.
ROUTE_READERS = [Role.LEAD, Role.DIRECTOR, Role.METHODIST, Role.OFFICER, Role.AUDITOR]
allow(IndividualRoute, ["view", "view_history"], ROUTE_READERS)
allow(IndividualRoute, ["view", "view_history"], [Role.TEACHER], own="author")
allow(IndividualRoute, ["view"], [Role.MENTOR, Role.TUTOR], own="mentor")
allow(IndividualRoute, ["accompany"], [Role.METHODIST])

# Only the author draws up, sends, carries out and reports on their route; its content changes only in
# draft or when returned to them.
allow_owner(IndividualRoute, ["edit"], "author", when=lambda route: route.is_editable)
allow_owner(IndividualRoute, ["submit", "record_activity", "amend", "report"], "author")
allow_owner(IndividualRoute, ["delete"], "author")  # while a draft: `services.delete_draft` answers 409 after
