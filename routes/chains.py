"""The default agreement and evaluation chain of an individual educational route (domain.md §2.2).

A municipality's chain starts as a copy of these steps and is then edited by its methodists
(`workflows.chains.chain_for`); a route keeps the steps in force when it was submitted.
"""
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from workflows.models import ReviewerScope, Stage

DEFAULT_CHAIN = [
    # [domain.md §2.2] the mentor agrees first, where the teacher has one
    dict(code="mentor_agreement", title=_("Agreement by the mentor"), role=Role.MENTOR,
         reviewer_scope=ReviewerScope.PERSONAL, deadline_days=3, escalation_role=Role.LEAD),
    dict(code="lead_agreement", title=_("Agreement by the school methodical lead"), role=Role.LEAD,
         reviewer_scope=ReviewerScope.ORGANISATION, deadline_days=5, escalation_role=Role.DIRECTOR),
    # the director approves, and is the one step that may reject the route
    dict(code="director_approval", title=_("Approval by the director"), role=Role.DIRECTOR,
         reviewer_scope=ReviewerScope.ORGANISATION, deadline_days=5, escalation_role=Role.METHODIST,
         may_reject=True),
    # the final report is evaluated by the lead; amendments do not pass this step
    dict(code="evaluation", title=_("Evaluation of results by the school methodical lead"),
         stage=Stage.EVALUATION, role=Role.LEAD, reviewer_scope=ReviewerScope.ORGANISATION,
         deadline_days=10, escalation_role=Role.DIRECTOR, for_amendments=False),
]
