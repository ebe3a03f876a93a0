"""The fault run (`make soak`): two app servers, two job workers and an SMTP sink on loopback, mixed traffic
for two minutes, and on the way the sink stopped for 30 s and one app server and one worker killed with
SIGKILL. Then it waits for the queue to drain and prints what happened against the targets; exit 1 on a
miss. Run inside the PostgreSQL harness, which sets DATABASE_URL:

    python tests/postgres_harness.py -- python deploy/soak/run.py

SOAK_SECONDS shortens the load (default 120); the whole run stops itself within 10 minutes.
"""
from __future__ import annotations

import email
import email.policy
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg
from aiosmtpd.controller import Controller

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load  # noqa: E402  (beside this script)

ROOT = Path(__file__).resolve().parents[2]
PYTHON = Path(sys.executable)
SECONDS = int(os.environ.get("SOAK_SECONDS", "120"))
SINK_DOWN, SINK_UP, KILL = SECONDS * 0.25, SECONDS * 0.25 + 30, SECONDS * 0.4
DRAIN_SECONDS = 180
DEADLINE = time.monotonic() + 9.5 * 60
SITE_URL = "https://soak.invalid"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def say(message: str) -> None:
    print(f"soak: {message}", flush=True)


class Sink:
    """An SMTP server that keeps (recipient, text) of every message; it can be stopped and started again."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.mails: list[tuple[str, str]] = []
        self.lock = threading.Lock()
        self.controller: Controller | None = None

    async def handle_DATA(self, server, session, envelope) -> str:
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        text = message.get_content().replace("\r\n", "\n").strip()
        with self.lock:
            self.mails.extend((recipient, text) for recipient in envelope.rcpt_tos)
        return "250 OK"

    def start(self) -> None:
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


class Processes:
    """Child processes, each in its own session, so a kill takes a gunicorn master with its workers."""

    def __init__(self, folder: Path, environment: dict[str, str]) -> None:
        self.folder, self.environment = folder, environment
        self.running: dict[str, subprocess.Popen] = {}

    def start(self, name: str, *command: str, **extra: str) -> subprocess.Popen:
        log = (self.folder / f"{name}.log").open("w")
        process = subprocess.Popen(command, cwd=ROOT, env={**self.environment, **extra}, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        self.running[name] = process
        return process

    def kill(self, name: str, signum: int = signal.SIGKILL) -> None:
        process = self.running.pop(name)
        try:
            os.killpg(process.pid, signum)
        except ProcessLookupError:
            pass
        process.wait(timeout=30)

    def stop_all(self) -> None:
        for name in list(self.running):
            self.kill(name, signal.SIGTERM if self.running[name].poll() is None else signal.SIGKILL)

    def log(self, name: str) -> str:
        return (self.folder / f"{name}.log").read_text(errors="replace")


def manage(environment: dict[str, str], *args: str) -> str:
    result = subprocess.run([str(PYTHON), *args], cwd=ROOT, env=environment, capture_output=True, text=True,
                            timeout=300)
    if result.returncode != 0:
        raise SystemExit(f"soak: {' '.join(args)} failed:\n{result.stdout[-2000:]}{result.stderr[-3000:]}")
    return result.stdout


def wait_serving(port: int, processes: Processes, name: str) -> None:
    while time.monotonic() < DEADLINE:
        if processes.running[name].poll() is not None:
            raise SystemExit(f"soak: {name} exited:\n{processes.log(name)[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"soak: {name} did not start")


def pending_mail(database_url: str) -> tuple[int, int]:
    """Notices whose e-mail is still to be sent, and jobs due and not yet claimed."""
    with psycopg.connect(database_url) as connection:
        notices = connection.execute("SELECT count(*) FROM workflows_notification WHERE mail_status = 'pending'")
        jobs = connection.execute("SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'READY' "
                                  "AND (run_after <= now() OR run_after >= '9999-01-01')")
        return notices.fetchone()[0], jobs.fetchone()[0]


def environment_for(database_url: str, smtp_port: int, folder: Path) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if key not in ("DEBUG", "PYTEST_ADDOPTS")}
    environment.update(
        DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="config.settings",
        SECRET_KEY="methodflow-soak-only-not-a-secret", ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0",
        SITE_URL=SITE_URL, MEDIA_ROOT=str(folder / "media"), STATIC_ROOT=str(folder / "static"),
        EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(smtp_port), EMAIL_TIMEOUT="5",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        # Retries and the requeue of a killed worker's notice within the run's few minutes.
        MAIL_RETRY_SECONDS="2", MAIL_RETRY_MAX_SECONDS="8", MAIL_STALL_SECONDS="20",
        WEB_CONCURRENCY="2", REQUEST_LOG="1", PYTHONUNBUFFERED="1",
    )
    return environment


def run(folder: Path) -> int:
    database_url = os.environ["DATABASE_URL"]
    sink = Sink(free_port())
    environment = environment_for(database_url, sink.port, folder)
    say("migrating")
    manage(environment, "manage.py", "migrate", "-v0")
    tokens = json.loads(manage(environment, "deploy/soak/world.py").strip().splitlines()[-1])
    sink.start()
    processes = Processes(folder, environment)
    ports = [free_port(), free_port()]
    try:
        for n, port in enumerate(ports, 1):
            processes.start(f"server-{n}", str(PYTHON.parent / "gunicorn"), "-c", "deploy/gunicorn.conf.py",
                            "config.wsgi", GUNICORN_BIND=f"127.0.0.1:{port}")
        for n in (1, 2):
            processes.start(f"worker-{n}", str(PYTHON), "manage.py", "run_jobs", "--interval", "0.5")
        for n, port in enumerate(ports, 1):
            wait_serving(port, processes, f"server-{n}")
        load.warm_up(tokens, ports)
        say(f"servers on {ports}, SMTP sink on {sink.port}; load for {SECONDS} s")
        stats, stop = load.Stats(), threading.Event()
        threads = load.start(tokens, ports, stats, stop)
        started = time.monotonic()
        events = [(SINK_DOWN, "SMTP sink stopped", sink.stop),
                  (KILL, "server-2 and worker-2 killed with SIGKILL",
                   lambda: (processes.kill("server-2"), processes.kill("worker-2"))),
                  (SINK_UP, "SMTP sink started again", sink.start)]
        for at, what, action in sorted(events, key=lambda event: event[0]):
            time.sleep(max(0.0, started + at - time.monotonic()))
            action()
            say(f"{time.monotonic() - started:5.1f} s: {what}")
        time.sleep(max(0.0, started + SECONDS - time.monotonic()))
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        say(f"load stopped after {time.monotonic() - started:.0f} s; waiting for the e-mail to drain")
        drain_until = min(time.monotonic() + DRAIN_SECONDS, DEADLINE - 30)
        while (waiting := pending_mail(database_url)) != (0, 0) and time.monotonic() < drain_until:
            time.sleep(2)
        say(f"pending notices and due jobs: {waiting}")
        time.sleep(2)  # the last message's DATA is answered before the job marks it sent
        outcome = folder / "outcome.json"
        with sink.lock:
            mails = list(sink.mails)
        outcome.write_text(json.dumps({"accepted_tasks": sorted(stats.accepted), "in_doubt_tasks": sorted(stats.in_doubt),
                                       "mails": mails}))
        found = json.loads(manage(environment, "deploy/soak/report.py", str(outcome)).strip().splitlines()[-1])
    finally:
        processes.stop_all()
        sink.stop()
    return print_report(stats, ports, found)


def print_report(stats: load.Stats, ports: list[int], found: dict) -> int:
    survivor = ports[0]
    requests_sent = sum(sum(statuses.values()) for statuses in stats.statuses.values()) + sum(stats.broken.values())
    errors = sum(n for status, n in stats.statuses[survivor].items() if status >= 500)
    print(f"\nrequests: {requests_sent} ({dict((port, sum(s.values())) for port, s in stats.statuses.items())} "
          f"answered per server, {dict(stats.broken)} cut off or refused)")
    print("p95 per request kind (ms):")
    for kind, values in sorted(stats.latencies.items()):
        print(f"  {kind:<20} {len(values):6d} requests   p95 {load.p95(values):8.1f}")
    print(f"decisions: {len(stats.accepted)} accepted, {stats.conflicts} told another was first (409), "
          f"{found['decisions_in_doubt']} cut off by the kill ({found['decisions_in_doubt_recorded']} of them recorded)")
    print(f"notices: {found['notices_enqueued']} enqueued, {found['notices_sent']} sent, {found['notices_pending']} "
          f"pending, {found['notices_failed']} failed; e-mails received {found['emails_received']}")
    checks = [
        ("5xx from the surviving server", errors, 0),
        ("requests to the surviving server cut off", stats.broken.get(survivor, 0), 0),
        ("decisions accepted vs recorded exactly once", found["decisions_recorded_once"], found["decisions_accepted"]),
        ("tasks decided twice (by 200 or on the timeline)",
         stats.accepted_twice + found["decisions_recorded_twice_anywhere"], 0),
        ("notices enqueued vs e-mails delivered exactly once", found["emails_delivered_once"], found["notices_enqueued"]),
        ("e-mails delivered more than once", found["emails_duplicated"], 0),
    ]
    missed = False
    for what, value, target in checks:
        ok = value == target and (what != "decisions accepted vs recorded exactly once" or target > 0)
        missed |= not ok
        print(f"{'PASS' if ok else 'MISS'}  {what}: {value} (target {target})")
    return 1 if missed else 0


def over_time(signum: int, frame: object) -> None:
    raise SystemExit("soak: over its time limit")


def main() -> int:
    if "DATABASE_URL" not in os.environ:
        print(__doc__, file=sys.stderr)
        return 2
    signal.signal(signal.SIGALRM, over_time)
    signal.alarm(int(DEADLINE - time.monotonic()) + 20)
    with tempfile.TemporaryDirectory(prefix="methodflow-soak-") as folder:
        try:
            return run(Path(folder))
        finally:
            keep = ROOT / "var" / "soak"
            keep.mkdir(parents=True, exist_ok=True)
            for log in Path(folder).glob("*.log"):
                (keep / log.name).write_text(log.read_text(errors="replace"))


if __name__ == "__main__":
    sys.exit(main())
