"""The default chain of an application for a site's status (domain.md §2.4; [002:232,246]).

The municipal methodical centre checks the application's completeness before the expert council; the
department of education decides by its order after the council's protocol. A municipality edits its own
copy (`workflows.chains.chain_for`); the council itself (experts, protocol) is the methodists' work.
"""
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from workflows.models import ReviewerScope, Stage

DEFAULT_CHAIN = [
    dict(code="completeness_check", title=_("Completeness check by the municipal methodical centre"),
         role=Role.METHODIST, reviewer_scope=ReviewerScope.MUNICIPALITY, deadline_days=5,
         escalation_role=Role.OFFICER, may_reject=True),
    dict(code="department_order", title=_("Order of the department of education"),
         stage=Stage.DECISION, role=Role.OFFICER, reviewer_scope=ReviewerScope.MUNICIPALITY,
         deadline_days=10, may_reject=True, for_amendments=False),
]
