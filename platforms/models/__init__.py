"""Innovation, base, internship and support sites (площадки), domain.md §2.4."""
from .applications import (
    MAX_TERM_YEARS, MIN_TERM_YEARS, CouncilProtocol, ProjectStage, SiteApplication, SiteApplicationFile,
    SiteApplicationProcess,
)
from .calls import Call, SiteKind, SiteLevel
from .internships import Internship, InternshipProgramme
from .register import AnnualReport, AnnualReportFile, Site, SiteProcess

__all__ = [
    "MAX_TERM_YEARS", "MIN_TERM_YEARS", "AnnualReport", "AnnualReportFile", "Call", "CouncilProtocol",
    "Internship", "InternshipProgramme", "ProjectStage", "Site", "SiteApplication", "SiteApplicationFile",
    "SiteApplicationProcess", "SiteKind", "SiteLevel", "SiteProcess",
]
