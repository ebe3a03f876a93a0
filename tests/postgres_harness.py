"""Run a command against a throwaway PostgreSQL cluster.

Usage: python tests/postgres_harness.py -- <command> [args...]

The test suite must run on PostgreSQL (the production database), but CI gives
us a bare Debian box running as root, with no database service. This script
creates a private cluster in a temporary directory, listening only on a free
loopback port, creates the ``methodflow`` database, exports ``DATABASE_URL``
and runs the command. The cluster is stopped and its directory removed
afterwards, whatever the outcome (failure, Ctrl-C, SIGTERM, SIGHUP).

PostgreSQL refuses to run as root, so when started as root the server runs
as the unprivileged system user ``methodflow-pg`` (created on first use);
the command itself still runs as the invoking user. The server binaries come
from the ``postgresql`` Debian package, which ``make test`` installs.

Durability is switched off (fsync, synchronous_commit, full_page_writes):
the data is thrown away anyway and tests run much faster.
"""

from __future__ import annotations

import os
import pwd
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn

PG_USER = "methodflow-pg"
DATABASE = "methodflow"
BINARIES = ("initdb", "pg_ctl", "postgres", "psql")
SERVER_OPTIONS = (
    "-F -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
)


def log(message: str) -> None:
    print(f"postgres_harness: {message}", file=sys.stderr, flush=True)


def fail(message: str, output: str = "") -> NoReturn:
    log(message)
    if output:
        print(output.rstrip(), file=sys.stderr)
    raise SystemExit(1)


def run(args: list[Any], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """Run a setup step, out of reach of terminal signals (see main)."""
    return subprocess.run(args, capture_output=True, text=True, process_group=0, **kwargs)


def find_bindir() -> Path | None:
    """Directory holding the server binaries: pg_config's, else the newest Debian one."""
    candidates: list[Path] = []
    if pg_config := shutil.which("pg_config"):
        result = run([pg_config, "--bindir"])
        if result.returncode == 0:
            candidates.append(Path(result.stdout.strip()))

    def major(bindir: Path) -> int:
        return int(bindir.parent.name) if bindir.parent.name.isdigit() else -1

    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=major, reverse=True)
    return next((d for d in candidates if all((d / b).is_file() for b in BINARIES)), None)


def server_account() -> dict[str, Any]:
    """subprocess keyword arguments that drop root privileges for the server processes."""
    if os.geteuid() != 0:
        return {}
    try:
        account = pwd.getpwnam(PG_USER)
    except KeyError:
        result = run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", PG_USER]
        )
        if result.returncode != 0:
            fail(f"cannot create system user {PG_USER}", result.stderr)
        account = pwd.getpwnam(PG_USER)
    return {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def initdb(bindir: Path, data: Path, account: dict[str, Any]) -> None:
    output = ""
    for locale in ("C.UTF-8", "C"):
        shutil.rmtree(data, ignore_errors=True)
        result = run(
            [bindir / "initdb", "-D", data, "-A", "trust", "-U", "postgres",
             "--encoding=UTF8", f"--locale={locale}"],
            cwd=data.parent, **account,
        )
        if result.returncode == 0:
            return
        output += result.stdout + result.stderr
    fail("initdb failed", output)


def start(bindir: Path, tmp: Path, port: int, account: dict[str, Any]) -> None:
    options = f"-h 127.0.0.1 -p {port} -k {shlex.quote(str(tmp))} {SERVER_OPTIONS}"
    logfile = tmp / "log"
    result = run(
        [bindir / "pg_ctl", "-D", tmp / "data", "-w", "-o", options, "-l", logfile, "start"],
        cwd=tmp, **account,
    )
    if result.returncode != 0:
        server_log = logfile.read_text(errors="replace") if logfile.exists() else ""
        tail = "\n".join(server_log.splitlines()[-30:])
        fail("PostgreSQL failed to start; server log tail:", tail or result.stdout + result.stderr)


def stop(bindir: Path, tmp: Path, account: dict[str, Any]) -> None:
    if not (tmp / "data" / "postmaster.pid").exists():
        return
    result = run(
        [bindir / "pg_ctl", "-D", tmp / "data", "-w", "-m", "fast", "stop"], cwd=tmp, **account
    )
    if result.returncode != 0:
        log(f"pg_ctl stop failed:\n{result.stdout}{result.stderr}")


def create_database(bindir: Path, port: int) -> str:
    """Create the database; return the server version."""
    result = run(
        [bindir / "psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", "postgres",
         "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
         "-c", f"CREATE DATABASE {DATABASE}", "-c", "SHOW server_version"]
    )
    if result.returncode != 0:
        fail("creating the database failed", result.stdout + result.stderr)
    return result.stdout.split()[0]


def main(argv: list[str]) -> int:
    command = argv[1:] if argv[:1] == ["--"] else argv
    if not command:
        print(__doc__, file=sys.stderr)
        return 2

    bindir = find_bindir()
    if bindir is None:
        log("PostgreSQL server binaries (initdb, pg_ctl, postgres) not found; "
            "install them with `apt-get install postgresql` (`make test` does this).")
        return 1

    # Signals never interrupt the harness itself: killing initdb or pg_ctl halfway
    # would leave stray server processes behind. During setup (whose steps run
    # in their own process group, so a terminal Ctrl-C does not reach them) a
    # signal is held until the current step is done, then the harness aborts.
    # While the command runs, SIGTERM and SIGHUP are passed on to it.
    child: subprocess.Popen[bytes] | None = None
    received: list[int] = []

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        received.append(signum)
        if child is not None and signum != signal.SIGINT:  # Ctrl-C reached it via the terminal
            child.send_signal(signum)

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, on_signal)

    account = server_account()
    tmp = Path(tempfile.mkdtemp(prefix="methodflow-pg-"))
    try:
        if account:
            os.chown(tmp, account["user"], account["group"])
        initdb(bindir, tmp / "data", account)
        port = free_port()
        start(bindir, tmp, port, account)
        version = create_database(bindir, port)
        if received:
            log("interrupted during setup")
            return 128 + received[0]

        log(f"PostgreSQL {version} on 127.0.0.1:{port} (data in {tmp})")
        env = {**os.environ, "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/{DATABASE}"}
        try:
            child = subprocess.Popen(command, env=env)
        except OSError as error:
            log(f"cannot run {command[0]}: {error}")
            return 127
        returncode = child.wait()
        return 128 - returncode if returncode < 0 else returncode
    finally:
        stop(bindir, tmp, account)
        shutil.rmtree(tmp, ignore_errors=True)
        if tmp.exists():
            log(f"could not remove {tmp}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
