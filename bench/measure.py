"""Measuring helpers of the benchmark: percentiles, statements per call, timed repetitions."""
from __future__ import annotations

import gc
import math
import time


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def count_queries(call) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def timed(call, requests: int, warmup: int) -> list[float]:
    for _ in range(warmup):
        call()
    gc.collect()
    samples = []
    for _ in range(requests):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def timed_against(call, reference, requests: int, warmup: int) -> tuple[list[float], list[float]]:
    """Time `call` and `reference` in turn, so both meet the same load (the VM is shared): their ratio is then
    not skewed by other work that ran during one of them only."""
    for _ in range(warmup):
        call()
        reference()
    gc.collect()
    samples: tuple[list[float], list[float]] = ([], [])
    for _ in range(requests):
        for timed_call, kept in ((call, samples[0]), (reference, samples[1])):
            started = time.perf_counter()
            timed_call()
            kept.append((time.perf_counter() - started) * 1000)
    return samples
