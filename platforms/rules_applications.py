"""Who may see and do what with calls and applications for a site's status (domain.md §2.4).

The municipality's methodical centre and department and its auditors see every call and application of
the municipality; a director sees their organisation's applications and applies for it alone; each
assigned expert gets a guardian grant on the one application they score.
"""
from accounts.models import Role
from accounts.permissions import allow, allow_owner

from .models import Call, SiteApplication

allow(Call, ["view", "view_history"], [Role.METHODIST, Role.OFFICER, Role.AUDITOR])
# The department announces a call; the methodical centre may prepare it too.
allow(Call, ["manage"], [Role.OFFICER, Role.METHODIST])

allow(SiteApplication, ["view", "view_history"], [Role.DIRECTOR, Role.METHODIST, Role.OFFICER, Role.AUDITOR])
# A director applies for the organisation they head, never another's.
allow(SiteApplication, ["apply"], [Role.DIRECTOR])
# Who the experts are and how far each got: the municipality's side, never the applicant.
allow(SiteApplication, ["view_experts"], [Role.METHODIST, Role.OFFICER])

# Only the director who drew it up changes and sends it: in draft or when returned.
allow_owner(SiteApplication, ["edit"], "author", when=lambda application: application.is_editable)
allow_owner(SiteApplication, ["submit"], "author")
allow_owner(SiteApplication, ["delete"], "author")  # while a draft: `workflows.drafts` answers 409 after
