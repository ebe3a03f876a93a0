"""The region's places as the generator keeps them in memory: municipalities with their staff and schools."""
from __future__ import annotations

from dataclasses import dataclass, field

@dataclass
class School:
    id: int
    municipality: "Place"
    teachers: list[int] = field(default_factory=list)
    mentors: list[int] = field(default_factory=list)
    lead: int = 0
    director: int = 0


@dataclass
class Place:
    """A municipality with its staff, its route and material chains as cases copy them, and its expertise rules."""

    id: int
    slug: str
    index: int
    methodists: list[int] = field(default_factory=list)
    officer: int = 0
    auditor: int = 0
    experts: list[tuple[int, int]] = field(default_factory=list)  # (user, their organisation)
    schools: list[School] = field(default_factory=list)
    chain: list[dict] = field(default_factory=list)
    chain_json: str = "[]"
    chain_version: int = 1
    material_chain: list[dict] = field(default_factory=list)
    material_chain_json: str = "[]"
    material_chain_version: int = 1
    criteria: list[tuple[int, int]] = field(default_factory=list)  # (criterion, its maximum score)
    experts_needed: int = 2
    score_gap: int = 10

