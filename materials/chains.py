"""The default chain of a material's expertise (domain.md §2.3; [001:64-70], [002:160,178,211-212]).

The municipal methodist checks completeness before the experts, and decides after them; a
municipality edits its own copy (`workflows.chains.chain_for`).
"""
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from workflows.models import ReviewerScope, Stage

DEFAULT_CHAIN = [
    dict(code="completeness_check", title=_("Completeness check by the municipal methodist"),
         role=Role.METHODIST, reviewer_scope=ReviewerScope.MUNICIPALITY, deadline_days=5,
         escalation_role=Role.OFFICER, may_reject=True),
    dict(code="expertise_decision", title=_("Decision on the expertise by the municipal methodist"),
         stage=Stage.DECISION, role=Role.METHODIST, reviewer_scope=ReviewerScope.MUNICIPALITY,
         deadline_days=5, escalation_role=Role.OFFICER, may_reject=True, for_amendments=False),
]
