"""Run the project's commands and servers as production does, against the test database."""
from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.test_production import NOT_IN_PRODUCTION, ROOT, database_url

PYTHON = Path(sys.executable)
GUNICORN = PYTHON.parent / "gunicorn"


def production_environment(**overrides: str) -> dict[str, str]:
    """The environment of a production process on the test database: DEBUG off, a key, behind the proxy."""
    environment = {key: value for key, value in os.environ.items() if key not in NOT_IN_PRODUCTION}
    environment.update(
        DJANGO_SETTINGS_MODULE=os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings"),
        SECRET_KEY="methodflow-production-test-only-not-a-secret",
        ALLOWED_HOSTS="127.0.0.1",
        BEHIND_TLS_PROXY="1",
        DATABASE_URL=database_url(),
    )
    environment.update(overrides)
    return environment


def manage(*args: str, environment: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=environment, capture_output=True,
                          text=True, timeout=timeout)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get_json(port: int, path: str, timeout: float = 120) -> tuple[int, dict]:
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        client.request("GET", path, headers={"Host": "127.0.0.1"})
        response = client.getresponse()
        raw = response.read().decode("utf-8", "replace")
        try:
            return response.status, json.loads(raw)
        except ValueError:
            return response.status, {"not_json": raw[-2000:]}
    finally:
        client.close()


def wait_until_serving(port: int, process: subprocess.Popen, seconds: float = 180) -> None:
    """Until the server accepts connections (its first answer may still take a while on a loaded machine)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing listened on port {port} within {seconds} s")
