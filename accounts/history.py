"""Who made a change: the signed-in user in a request, an explicit actor elsewhere.

simple-history's middleware covers requests; management commands, timers and tests name their actor
with `acting_as(user)`, so every historical row says who acted.
"""
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from simple_history.models import HistoricalRecords

_actor: ContextVar = ContextVar("methodflow_actor", default=None)


@contextmanager
def acting_as(user) -> Iterator[None]:
    token = _actor.set(user)
    try:
        yield
    finally:
        _actor.reset(token)


def current_actor(instance=None, request=None, **kwargs):
    """simple-history's `get_user`: the explicit actor wins over the request's user."""
    actor = _actor.get()
    if actor is not None:
        return actor
    if request is not None and request.user.is_authenticated:
        return request.user
    return None


def audited_history(**kwargs) -> HistoricalRecords:
    """HistoricalRecords that record the acting user, for every domain model."""
    kwargs.setdefault("get_user", current_actor)
    return HistoricalRecords(**kwargs)


def build_history_managers_once() -> None:
    """simple-history builds a new manager class (`from_queryset`, an `inspect.getmembers` walk) on every
    read of `instance.history`, and it reads it once for each historical row it writes: about 4 % of the
    time of a case's step. The class depends only on the descriptor, so it is built once per descriptor."""
    from simple_history.manager import HistoryDescriptor

    def history_manager(descriptor: HistoryDescriptor, instance, owner):
        manager_class = descriptor.__dict__.get("built_manager_class")
        if manager_class is None:
            manager_class = descriptor.manager_class.from_queryset(descriptor.queryset_class)
            descriptor.built_manager_class = manager_class
        return manager_class(descriptor.model, instance)

    HistoryDescriptor.__get__ = history_manager
