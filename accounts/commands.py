"""A base for the project's management commands."""
from typing import Any

from django.core.management.base import BaseCommand


class LocalizedCommand(BaseCommand):
    """A command whose `summary` (a gettext_lazy text) is its `--help`, translated when asked: argparse needs
    a real str for the description, so Django's lazy `help` cannot be used directly."""

    summary: Any = ""

    @property
    def help(self) -> str:
        return str(self.summary)
