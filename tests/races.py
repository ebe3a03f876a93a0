"""Many people (or one person's many clicks) doing the same thing at the same moment, each on a
database connection of its own, as simultaneous requests would."""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection


def at_once(count: int, action: Callable[[int], Any], timeout: float = 120) -> list[Any]:
    """Run `action(n)` for n in range(count) in threads released together; what each returned or raised."""
    released = threading.Barrier(count)
    outcomes: list[Any] = [None] * count

    def run(n: int) -> None:
        try:
            released.wait(timeout=timeout)
            outcomes[n] = action(n)
        except Exception as error:  # the outcome to judge: a conflict, or a failure the test shows
            outcomes[n] = error
        finally:
            connection.close()  # the thread's own connection; a test database cannot be dropped while open

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(thread.is_alive() for thread in threads), "a thread did not finish"
    return outcomes
