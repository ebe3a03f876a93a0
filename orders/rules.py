"""Who may do what to orders (domain.md §1, issue 14).

The municipality's officer (the head of the department) prepares, edits and signs orders; its methodist
prepares and edits drafts but does not sign; auditors and the methodist read. A director reads the signed
orders that name their organisation: a guardian grant per order (`orders.grants`), since an order names
many organisations. Only drafts change.

An organisation's own order (a director's order on mentoring pairs, [004:28]) is prepared, edited and
signed by that organisation's director under actions of its own (`action_for`), so the department's roles
do not sign a school's order and a director never reaches the department's; the director signs the orders
naming them as signatory. The department's people and auditors read them as they read every order of the
municipality.
"""
from accounts.models import Role
from accounts.permissions import allow, may

from .models import Order

allow(Order, ["view", "view_history"], [Role.OFFICER, Role.METHODIST, Role.AUDITOR])
allow(Order, ["prepare"], [Role.OFFICER, Role.METHODIST])
allow(Order, ["edit"], [Role.OFFICER, Role.METHODIST])
allow(Order, ["sign"], [Role.OFFICER])
allow(Order, ["view", "view_history", "prepare_as_issuer", "edit_as_issuer"], [Role.DIRECTOR])
allow(Order, ["sign_as_issuer"], [Role.DIRECTOR], own="signatory")

ISSUER_ACTIONS = frozenset({"prepare", "edit", "sign"})


def action_for(order: Order, action: str) -> str:
    """The action the rules answer for `action` on `order`: an organisation's own order has its own."""
    return f"{action}_as_issuer" if order.by_organisation and action in ISSUER_ACTIONS else action


def may_change(user, action: str, order: Order) -> bool:
    """May `user` edit or sign `order` now: the role's rule, and the order still a draft (a signed order is
    corrected by a new one)."""
    return not order.is_signed and may(user, action_for(order, action), order)
