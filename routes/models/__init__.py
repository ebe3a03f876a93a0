from .diagnostics import (  # noqa: F401
    CompetenceArea,
    Deficit,
    Diagnostics,
    Difficulty,
    Provider,
    Recommendation,
    Severity,
    YoungTeacherSurvey,
    school_year_label,
)
from .route import ActivityForm, IndividualRoute, PresentationLevel, RouteActivity, RouteProcess  # noqa: F401
