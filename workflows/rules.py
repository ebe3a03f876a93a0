"""Who may see competitions."""
from accounts.models import Role
from accounts.permissions import allow

from .models import Competition

allow(
    Competition,
    ["view"],
    [Role.JURY, Role.COMMITTEE, Role.METHODIST, Role.OFFICER, Role.AUDITOR],
)
