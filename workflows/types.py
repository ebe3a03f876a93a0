"""The registry of case types: each process app declares its process here once, in its `types.py`.

A `CaseType` says everything the shared machinery needs to know of a process: its case model and flow,
its default review chain, which statuses are open and closed, how its steps are completed through the API,
which files it keeps for download and where its case list is. The task lists, the bell, the task API,
the file downloads, the chains and the bench read this registry; nothing shared names a process.

The module imports nothing of `workflows`, so models (the choices of `Chain.process`) may read it.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model


@dataclass
class CaseType:
    """One process family's declaration.

    `default_chain` holds the steps a municipality's chain starts from (keyword arguments of `ChainStep`);
    `file_kinds` maps a download kind (`/files/<kind>/<id>/`) to the model and a finder of the stored file;
    `api` is the process's `workflows.api_cases.CaseApi` (its type, detail endpoint and step completions).
    Left out, the open statuses are the model's `Status` but the draft and the closed ones, and the case list is the app's `index` page.
    """

    key: str
    flow: type
    model: type[Model]
    title: Any = None  # the flow's `process_title`
    default_chain: Sequence[Mapping[str, Any]] = ()
    open_statuses: Sequence[str] = ()
    closed_statuses: Sequence[str] = ()
    list_url_name: str = ""
    api: Any = None
    file_kinds: Mapping[str, tuple[type[Model], Callable[[int], Any]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.title is None:
            self.title = self.flow.process_title
        if not self.open_statuses:
            self.open_statuses = tuple(status for status in self.model.Status
                                       if status != "draft" and status not in self.closed_statuses)
        if self.api is not None:
            self.api.named(self.key)
        if not self.list_url_name:
            self.list_url_name = f"{self.model._meta.app_label}:index"

    @property
    def number_prefix(self) -> str:
        """The prefix of the case numbers (ИОМ-2026-000123), kept on the model that numbers itself."""
        return self.model.number_prefix


_registry: dict[str, CaseType] = {}


def register(case_type: CaseType) -> CaseType:
    """Add a process to the registry (from its app's `ready()`); registering the same key again replaces it."""
    _registry[case_type.key] = case_type
    return case_type


def case_types() -> list[CaseType]:
    return list(_registry.values())


def case_flows() -> list[type]:
    """The flows whose human tasks make up the task lists."""
    return [case_type.flow for case_type in _registry.values()]


def case_type_for(what: str | type | Model) -> CaseType:
    """The case type of a key, a flow class, a case model (class or instance); KeyError if none."""
    for case_type in _registry.values():
        if what == case_type.key or what is case_type.flow or what is case_type.model:
            return case_type
        if isinstance(what, Model) and isinstance(what, case_type.model):
            return case_type
        if isinstance(what, type) and issubclass(what, (case_type.flow, case_type.model)):
            return case_type
    raise KeyError(what)


def process_choices() -> list[tuple[str, Any]]:
    """The choices of `Chain.process`: a callable, so the migration stays the same when a process is added."""
    return [(case_type.key, case_type.title) for case_type in _registry.values()]
