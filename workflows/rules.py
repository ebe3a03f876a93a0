"""Who may see competitions."""
from accounts.models import Role
from accounts.permissions import allow

from .models import Competition, Material

allow(
    Competition,
    ["view"],
    [Role.JURY, Role.COMMITTEE, Role.METHODIST, Role.OFFICER, Role.AUDITOR],
)

# Methodical materials: the author, the school's lead and director, the municipality's methodist and
# officer, auditors; each assigned expert gets a guardian grant on the one material they review.
allow(Material, ["view", "view_history"], [Role.LEAD, Role.DIRECTOR, Role.METHODIST, Role.OFFICER, Role.AUDITOR])
allow(Material, ["view", "view_history"], [Role.TEACHER], own="author")
allow(Material, ["manage_practice"], [Role.METHODIST])
