"""Who reads the work plan and acts on it (issue 16; domain.md §1).

The municipality's methodist and officer draw up the plan, add and edit its items, write the year's
analysis; the officer, as the head of the department, approves it; auditors read the plan and its
history. A school sees its own records: the director the items its people answer for; every person the
items they answer for, and reports on them (status and result), as the methodist and the officer do.
Another municipality's people see nothing of it (404).
"""
from accounts.models import Municipality, Role
from accounts.permissions import allow

from .models import PlanItem, WorkPlan

CENTRE = [Role.METHODIST, Role.OFFICER]
# Everyone a plan item may name as responsible, within the scope their role has.
RESPONSIBLE = [Role.TEACHER, Role.MENTOR, Role.TUTOR, Role.LEAD, Role.DIRECTOR, Role.METHODIST, Role.EXPERT,
               Role.OFFICER]

allow(Municipality, ["plan_work"], CENTRE)
allow(WorkPlan, ["view", "view_history"], [*CENTRE, Role.AUDITOR])
allow(WorkPlan, ["edit", "analyse"], CENTRE)
allow(WorkPlan, ["approve"], [Role.OFFICER])
allow(PlanItem, ["view", "view_history"], [*CENTRE, Role.AUDITOR, Role.DIRECTOR])
allow(PlanItem, ["view", "view_history", "report"], RESPONSIBLE, own="responsible")
allow(PlanItem, ["report"], CENTRE)
