"""Who may do what to orders (domain.md §1, issue 14).

The municipality's officer (the head of the department) prepares, edits and signs orders; its methodist
prepares and edits drafts but does not sign; auditors and the methodist read. A director reads the signed
orders that name their organisation: a guardian grant per order (`orders.grants`), since an order names
many organisations. Only drafts change.
"""
from accounts.models import Role
from accounts.permissions import allow, may

from .models import Order

allow(Order, ["view", "view_history"], [Role.OFFICER, Role.METHODIST, Role.AUDITOR])
allow(Order, ["prepare"], [Role.OFFICER, Role.METHODIST])
allow(Order, ["edit"], [Role.OFFICER, Role.METHODIST])
allow(Order, ["sign"], [Role.OFFICER])


def may_change(user, action: str, order: Order) -> bool:
    """May `user` edit or sign `order` now: the role's rule, and the order still a draft (a signed order is
    corrected by a new one)."""
    return not order.is_signed and may(user, action, order)
