"""The typed state of a review round, kept in the process's data under "round".

A round passes some steps of the case's chain snapshot in order; `position` is the step it stands at.
`decision` is the last decision taken in it, `returned_by` the reviewer a returned case goes back to,
and `due_at` the deadline of the step being reviewed (UTC ISO text, so that it compares as text in the
database, as the task lists do). The flows read and change the round through `load` and `save` only.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

from django.utils.dateparse import parse_datetime

KEY = "round"


@dataclass
class RoundState:
    steps: list[dict] = field(default_factory=list)
    position: int = 0
    decision: str = ""
    returned_by: int | None = None
    due_at: str = ""

    @property
    def current(self) -> dict:
        return self.steps[self.position]

    @property
    def goes_on(self) -> bool:
        return self.position < len(self.steps)

    @property
    def deadline(self) -> datetime | None:
        return parse_datetime(self.due_at) if self.due_at else None


def load(process) -> RoundState:
    """The round of `process` (an empty one before the first round starts)."""
    stored = process.data.get(KEY) or {}
    return RoundState(**{name: stored[name] for name in RoundState.__dataclass_fields__ if name in stored})


def save(process, state: RoundState) -> None:
    """Put the round back into the process's data; the caller saves the process."""
    process.data[KEY] = asdict(state)
