"""Who may see and change organisations and people (the role table of domain.md §1)."""
from .models import Association, Municipality, Organisation, Role, User
from .permissions import allow

EVERY_ROLE = [role for role in Role if role != Role.ADMIN]
STAFF_WHO_SEE_PEOPLE = [Role.DIRECTOR, Role.LEAD, Role.METHODIST, Role.OFFICER, Role.AUDITOR]

allow(Municipality, ["view"], EVERY_ROLE)
allow(Organisation, ["view"], EVERY_ROLE)
allow(Association, ["view"], EVERY_ROLE)
allow(User, ["view", "view_history"], STAFF_WHO_SEE_PEOPLE)
allow(User, ["view", "view_history"], EVERY_ROLE, own="pk")
