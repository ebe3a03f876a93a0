"""Reads of competition entries: what a person may do with one now, its eligibility as the committee sees it."""
from __future__ import annotations

from accounts.models import User
from accounts.permissions import may
from workflows.services import can_act_on, open_tasks

from .entries_eligibility import eligibility_problems
from .models import Entry

# What a person may do with an entry, as the page's buttons and the API's verbs name it.
ACTIONS = ("edit", "submit", "admit", "withdraw")
NODE_ACTIONS = {"admission": "admit"}


def available_actions(entry: Entry, user: User) -> set[str]:
    """What `user` may do with the entry now: the buttons of its page."""
    actions: set[str] = set()
    if may(user, "edit", entry):
        actions |= {"edit", "submit"}
    if may(user, "withdraw", entry):
        actions.add("withdraw")
    if not entry.process_id:
        return actions
    for task in open_tasks(entry):
        if can_act_on(task, user):
            actions.add(NODE_ACTIONS.get(task.flow_task.name, ""))
    actions.discard("")
    return actions


def eligibility(entry: Entry) -> list[str]:
    """Why the contestant does not meet the competition's rules, checked today (empty: eligible)."""
    return eligibility_problems(entry.competition, entry.nominee)
