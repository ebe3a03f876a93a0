"""Run background jobs and queue the periodic ones; start as many as you like, on any machine."""
import os
import socket

from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy

from accounts.commands import LocalizedCommand

from jobs.worker import Worker


class Command(LocalizedCommand):
    summary = gettext_lazy("Run background jobs (e-mail, timers, reminders, grants) until stopped; `--batch` "
                           "runs what is due, then exits.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--interval", type=float, default=1, help="seconds between polls of an empty queue")
        parser.add_argument("--batch", action="store_true", help="run the jobs that are due, then exit")
        parser.add_argument("--no-schedule", action="store_false", dest="schedule",
                            help="do not queue periodic jobs (another worker does)")
        parser.add_argument("--worker-id", default="", help="unique among the workers (default: host, pid)")

    def handle(self, *args, interval: float, batch: bool, schedule: bool, worker_id: str, **options) -> None:
        worker_id = worker_id or f"{socket.gethostname()[:40]}-{os.getpid()}-{get_random_string(6)}"
        worker = Worker(worker_id=worker_id, interval=interval, batch=batch, schedule=schedule)
        worker.configure_signals()
        worker.run()
