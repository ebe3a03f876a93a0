"""Review chains: per-municipality copies of each process's default chain, and working-day deadlines.

The defaults themselves live next to each flow (`routes/chains.py`, `materials/chains.py`)."""
from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Municipality

from .models import Chain, ChainStep
from .types import case_type_for


def default_steps(process: str) -> list[dict]:
    """The default chain a process declares beside its flow (`routes/chains.py`, `materials/chains.py`)."""
    return [{**step, "title": str(step["title"])} for step in case_type_for(process).default_chain]


@transaction.atomic
def chain_for(municipality: Municipality, process: str) -> Chain:
    """The municipality's chain for a process, created from the defaults on first use."""
    chain, created = Chain.objects.get_or_create(municipality=municipality, process=process)
    if created:
        for order, step in enumerate(default_steps(process), start=1):
            ChainStep.objects.create(chain=chain, order=order, **step)
        Chain.objects.filter(pk=chain.pk).update(version=1)  # the defaults are the first version
        chain.refresh_from_db()
    return chain


def snapshot(chain: Chain) -> list[dict]:
    return [step.snapshot() for step in chain.steps.order_by("order")]


def add_working_days(start: datetime, days: int) -> datetime:
    """The end of the `days`-th working day after `start` (Saturdays and Sundays are not working days)."""
    day = timezone.localtime(start).date()
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            remaining -= 1
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))
