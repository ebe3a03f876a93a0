"""Who may see methodical materials (domain.md §2.3).

The author, the school's lead and director, the municipality's methodist and officer, auditors; each
assigned expert gets a guardian grant on the one material they review.
"""
from accounts.models import Role
from accounts.permissions import allow

from .models import Material

allow(Material, ["view", "view_history"], [Role.LEAD, Role.DIRECTOR, Role.METHODIST, Role.OFFICER, Role.AUDITOR])
allow(Material, ["view", "view_history"], [Role.TEACHER], own="author")
allow(Material, ["manage_practice"], [Role.METHODIST])
