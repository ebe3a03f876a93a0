"""Who may see competitions: their jury and committee, the municipality's methodist and officer, auditors."""
from accounts.models import Role
from accounts.permissions import allow

from .models import Competition

allow(Competition, ["view"], [Role.JURY, Role.COMMITTEE, Role.METHODIST, Role.OFFICER, Role.AUDITOR])
