"""The decisions a review step offers, in the words of the decision: the decision forms of every process
offer only what the current step allows, and the author's notice says what was decided in the same words.
"""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CaseEvent, Decision
from .review import current_step

# What the author is told, by decision, unless the process names its approval otherwise (a material is
# published, not agreed).
DECIDED = {Decision.APPROVE: CaseEvent.Kind.APPROVED.label, Decision.RETURN: CaseEvent.Kind.RETURNED.label,
           Decision.REJECT: CaseEvent.Kind.REJECTED.label}


def step_allows_rejection(process) -> bool:
    """Whether the review step the process stands at may reject the case (the chain step's `may_reject`)."""
    if process is None:
        return False
    try:
        return bool(current_step(process).get("may_reject"))
    except IndexError:  # the round has passed its last step
        return False


def decision_choices(process, approve: str | None = None) -> list[tuple[str, str]]:
    """Approve (in the words `approve` where the step's approval means more: «опубликовать»), return and,
    where the current step allows it, reject."""
    choices = [(Decision.APPROVE, approve or Decision.APPROVE.label), (Decision.RETURN, Decision.RETURN.label)]
    if step_allows_rejection(process):
        choices.append((Decision.REJECT, Decision.REJECT.label))
    return choices


def decided_words(decision: str, approved: str | None = None) -> str:
    """The decision as the author reads it in the notice: «возвращено на доработку», «опубликовано»."""
    if decision == Decision.APPROVE and approved:
        return str(approved)
    return str(DECIDED.get(decision, decision))


class DecisionChoiceField(forms.ChoiceField):
    """The decision of a step: radio buttons of the allowed decisions; a forged other one is refused in words."""

    widget = forms.RadioSelect
    default_error_messages = {
        "invalid_choice": _("This decision is not available at this step: choose one of those offered."),
        "required": _("Choose a decision."),
    }

    def __init__(self, *, choices=(), **kwargs):
        kwargs.setdefault("label", _("Decision"))
        super().__init__(choices=choices or Decision.choices, **kwargs)


class DecisionForm(forms.Form):
    """A reviewer's decision: only what the step allows, in its words (`choices`, from `decision_choices`)."""

    decision = DecisionChoiceField()
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if choices:
            self.fields["decision"].choices = choices
