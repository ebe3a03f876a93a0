"""Models of the workflows app: the shared case machinery, then each process's own."""
from .machinery import (  # noqa: F401
    Level,
    Competition,
    ProcessKind,
    ReviewerScope,
    Stage,
    Chain,
    ChainStep,
    CaseCounter,
    Decision,
    CaseEvent,
    case_file_path,
    CaseFile,
    Notification,
    MaterialKind,
    EducationLevel,
    PracticeStage,
    Criterion,
    ExpertiseRules,
)
from .materials import ExpertAssignment, Material, MaterialFile, MaterialProcess, Review  # noqa: F401
