"""Professional competitions (конкурсы профессионального мастерства), domain.md §2.5."""
from .entries import Entry, EntryMaterial, EntryProcess, Placement
from .results import ResultsProtocol, RoundResult
from .rounds import JurorDeclaration, Nomination, Round, RoundCriterion
from .setup import (
    Aggregation, Competition, CompetitionMember, CompetitionMemberQuerySet, Level, MemberRole, TieBreak,
    member_grant_codename,
)

__all__ = [
    "Aggregation", "Competition", "CompetitionMember", "CompetitionMemberQuerySet", "Entry", "EntryMaterial",
    "EntryProcess", "JurorDeclaration", "Level", "MemberRole", "Nomination", "Placement", "ResultsProtocol",
    "Round", "RoundCriterion", "RoundResult", "TieBreak", "member_grant_codename",
]
