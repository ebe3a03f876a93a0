"""Models of the workflows app: the shared case machinery."""
from .machinery import (  # noqa: F401
    ReviewerScope,
    Stage,
    Chain,
    ChainStep,
    CaseCounter,
    Decision,
    CaseEvent,
    stored_file_path,
    safe_suffix,
    StoredFile,
    CaseFile,
    Notification,
)
from .cases import Case  # noqa: F401
from .queue import QueueEntry  # noqa: F401
