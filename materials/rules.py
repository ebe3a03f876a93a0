"""Who may see methodical materials (domain.md §2.3).

The author, the school's lead and director, the municipality's methodist and officer, auditors; each
assigned expert gets a guardian grant on the one material they review.
"""
from accounts.models import Role
from accounts.permissions import allow, allow_owner

from .models import Material

allow(Material, ["view", "view_history"], [Role.LEAD, Role.DIRECTOR, Role.METHODIST, Role.OFFICER, Role.AUDITOR])
allow(Material, ["view", "view_history"], [Role.TEACHER], own="author")
allow(Material, ["manage_practice"], [Role.METHODIST])
# Who the experts are and how far each got: the municipality's side, never the authors' school.
allow(Material, ["view_experts"], [Role.METHODIST, Role.OFFICER])

# Only the author changes and sends their material: the content in draft, when returned or when revising;
# a revised version only once the material came back to them.
allow_owner(Material, ["edit"], "author", when=lambda material: material.is_editable)
allow_owner(Material, ["submit"], "author")
allow_owner(Material, ["delete"], "author")  # while a draft: `services.delete_draft` answers 409 after
allow_owner(Material, ["revise"], "author",
            when=lambda material: material.status in (Material.Status.REVISION, Material.Status.RETURNED))
