"""Timing of the generator's steps."""
from __future__ import annotations

import time


class Clock:
    def __init__(self):
        self.started = self.last = time.perf_counter()

    def lap(self, what: str) -> None:
        now = time.perf_counter()
        print(f"  {what:<58} {now - self.last:7.1f} s", flush=True)
        self.last = now

    @property
    def total(self) -> float:
        return time.perf_counter() - self.started

