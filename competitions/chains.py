"""The default chain of a competition entry (domain.md §2.5): the organising committee admits it.

The step is taken by the competition's committee (`competitions.flows.EntryFlow` names its queue); the
role of the chain step is who it escalates to when every committee member is in conflict with the entry.
"""
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from workflows.models import ReviewerScope

DEFAULT_CHAIN = [
    dict(code="admission", title=_("Admission by the organising committee"), role=Role.METHODIST,
         reviewer_scope=ReviewerScope.MUNICIPALITY, deadline_days=5, escalation_role=Role.METHODIST,
         may_reject=True, for_amendments=False),
]
