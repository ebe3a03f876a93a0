"""The cache all app servers share: a table in the database (settings, CACHES).

Password-reset limits (accounts.throttling) count in the cache; a cache inside one process would let each
of several servers count on its own. The table is created after every `migrate`, so a deployment's usual
steps (and the test database) have it without a separate `createcachetable`.
"""
from typing import Any

from django.core.management import call_command


def create_cache_table(using: str = "default", **kwargs: Any) -> None:
    """post_migrate receiver: `createcachetable` does nothing when the table exists."""
    call_command("createcachetable", database=using, verbosity=0)
