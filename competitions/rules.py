"""Who may see competitions.

Their jury and organising committee see them through the guardian grant their membership carries
(competitions.grants); the organising municipality's methodist and officer, and auditors, by role.
"""
from accounts.models import Role
from accounts.permissions import allow

from .models import Competition

allow(Competition, ["view"], [Role.METHODIST, Role.OFFICER, Role.AUDITOR])
