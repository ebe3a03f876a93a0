"""Who may see and do what with competitions and their entries.

Their jury and organising committee see a competition through the guardian grant their membership carries
(competitions.grants); the organising municipality's methodist and officer, and auditors, by role. A
committee member reads every submitted entry of their competition through a grant on it
(`services.grant_committee`), a juror the entries they score (`scoring`); a director reads their
organisation's entries; the municipality's methodical centre, department and auditors read its entries.
"""
from accounts.models import Role
from accounts.permissions import allow, allow_owner

from .models import Competition, Entry

allow(Competition, ["view"], [Role.METHODIST, Role.OFFICER, Role.AUDITOR])
# The municipality's methodical centre sets a competition up with its organising committee (`setup_services`).
allow(Competition, ["manage"], [Role.METHODIST])

allow(Entry, ["view", "view_history"], [Role.DIRECTOR, Role.METHODIST, Role.OFFICER, Role.AUDITOR])
allow(Entry, ["view"], [Role.TEACHER], own="nominee")  # the contestant reads their own entry

# Only whoever nominated completes and sends the entry: in draft or when returned.
allow_owner(Entry, ["edit"], "author", when=lambda entry: entry.is_editable)
allow_owner(Entry, ["submit"], "author")
allow_owner(Entry, ["delete"], "author")  # while a draft: `workflows.drafts` answers 409 after
# The contestant leaves the competition before the results.
allow_owner(Entry, ["withdraw"], "nominee", when=lambda entry: entry.status in (
    Entry.Status.DRAFT, Entry.Status.ADMISSION, Entry.Status.RETURNED, Entry.Status.ADMITTED))
