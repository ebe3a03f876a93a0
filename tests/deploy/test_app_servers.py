"""Several app servers: the deploy files start commands that exist, gunicorn serves the site with the
production settings, and what one server counts in the cache another sees."""
import re
import shlex
import subprocess
from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import RequestFactory

from accounts.throttling import PasswordResetLimit

from tests.deploy.production import GUNICORN, ROOT, free_port, get_json, manage, production_environment, \
    wait_until_serving

UNITS = sorted((ROOT / "deploy" / "systemd").glob("*.service"))

pytestmark = pytest.mark.django_db(transaction=True)


def exec_starts(unit: Path) -> list[list[str]]:
    return [shlex.split(line.split("=", 1)[1]) for line in unit.read_text().splitlines() if line.startswith("ExecStart=")]


def test_every_unit_starts_a_program_of_the_repository_with_a_command_that_exists():
    commands = []
    for unit in UNITS:
        for argv in exec_starts(unit):
            program = argv[0].removeprefix("/srv/methodflow/")
            if argv[0].endswith(("/python", "/gunicorn")):
                assert argv[0].startswith("/srv/methodflow/.venv/bin/"), unit.name
            else:
                assert (ROOT / program).is_file(), f"{unit.name}: {program} is not in the repository"
            if "manage.py" in argv:
                commands.append(argv[argv.index("manage.py") + 1])
            if argv[0].endswith("/gunicorn"):
                assert (ROOT / argv[argv.index("-c") + 1]).is_file() and argv[-1] == "config.wsgi"

    listed = manage("help", "--commands", environment=production_environment())

    assert listed.returncode == 0, listed.stderr[-2000:]
    assert "run_jobs" in commands, commands
    assert set(commands) <= set(listed.stdout.split()), listed.stdout


def test_the_units_pass_systemd_analyze_verify_with_this_checkout_in_place_of_srv_methodflow(tmp_path):
    for unit in (ROOT / "deploy" / "systemd").iterdir():
        text = unit.read_text().replace("/srv/methodflow/", f"{ROOT}/").replace("/srv/methodflow\n", f"{ROOT}\n")
        # A template is verified as one of its instances.
        (tmp_path / unit.name.replace("@.", "@1.")).write_text(text)

    verified = subprocess.run(["systemd-analyze", "verify", *sorted(str(path) for path in tmp_path.iterdir())],
                              capture_output=True, text=True, timeout=120)

    assert verified.returncode == 0 and verified.stderr.strip() == "", verified.stderr


def test_gunicorn_with_the_production_settings_serves_healthz_and_logs_the_request_as_json(tmp_path):
    port = free_port()
    environment = production_environment(GUNICORN_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="2",
                                         STATIC_ROOT=str(tmp_path))
    log = (tmp_path / "gunicorn.log").open("w+")
    server = subprocess.Popen([str(GUNICORN), "-c", "deploy/gunicorn.conf.py", "config.wsgi"], cwd=ROOT,
                              env=environment, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until_serving(port, server)
        status, body = get_json(port, "/healthz")
    finally:
        server.terminate()
        server.wait(timeout=30)
    log.seek(0)
    output = log.read()

    assert status == 200 and body.get("database") == {"ok": True}, (body, output[-3000:])
    assert re.search(r'"path": "/healthz", "status": 200', output), output[-3000:]
    assert len(set(re.findall(r"Booting worker with pid: (\d+)", output))) == 2, output[-3000:]


def test_a_password_reset_counted_by_another_process_is_counted_here(settings):
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 1
    caches["shared"].clear()
    script = ("from django.test import RequestFactory; from accounts.throttling import PasswordResetLimit; "
              "PasswordResetLimit(RequestFactory().post('/'), 'teacher@example.org').count()")

    other_process = manage("shell", "-c", script, environment=production_environment())
    refusal = PasswordResetLimit(RequestFactory().post("/"), "Teacher@example.org ").refusal()

    assert other_process.returncode == 0, other_process.stderr[-2000:]
    assert refusal is not None and "Слишком много" in refusal
