"""deploy/backup.sh and deploy/restore.sh: a generated region and its uploads, dumped and restored into an
empty database on the same server, are a region the product can work on (bench.check)."""
import subprocess
from collections.abc import Iterator

import psycopg
import pytest
from django.db import connection
from viewflow.workflow.models import Task

from bench import generate
from tests.deploy.production import PYTHON, ROOT, production_environment
from tests.test_production import database_url

pytestmark = pytest.mark.django_db(transaction=True)

TINY_REGION = ["--municipalities", "2", "--teachers", "200", "--organisations", "40", "--years", "1",
               "--tasks", "600", "--material-share", "0.5", "--grants", "20", "--inbox", "3",
               "--seed", "2", "--today", "2026-11-02"]


def run(script: str, *args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["sh", str(ROOT / "deploy" / script), *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env=production_environment(**environment))


@pytest.fixture
def empty_database(django_db_blocker) -> Iterator[str]:
    """A new, empty database on the test server, dropped afterwards; its URL."""
    name = f"{connection.settings_dict['NAME']}_restored"
    server = database_url().rsplit("/", 1)[0]
    with django_db_blocker.unblock(), psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
        yield f"{server}/{name}"
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restores_into_an_empty_database_that_bench_check_can_work_on(settings, tmp_path, empty_database):
    settings.MEDIA_ROOT = media = tmp_path / "media"
    upload = media / "materials" / "3f2ac9.pdf"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"%PDF-1.4 the material's file\n")
    assert generate.main(TINY_REGION) == 0
    tasks = Task.objects.count()

    backup = run("backup.sh", MEDIA_ROOT=str(media), BACKUP_DIR=str(tmp_path / "backups"))
    assert backup.returncode == 0, backup.stderr
    restored_media = tmp_path / "restored-media"
    restore = run("restore.sh", backup.stdout.strip(), DATABASE_URL=empty_database, MEDIA_ROOT=str(restored_media))
    assert restore.returncode == 0, restore.stderr
    again = run("restore.sh", backup.stdout.strip(), DATABASE_URL=empty_database, MEDIA_ROOT=str(tmp_path / "x"))
    checked = subprocess.run([str(PYTHON), "-m", "bench.check", "--routes", "1", "--materials", "1"], cwd=ROOT,
                             capture_output=True, text=True, timeout=300,
                             env=production_environment(DATABASE_URL=empty_database))
    with psycopg.connect(empty_database) as restored:
        restored_tasks = restored.execute("SELECT count(*) FROM viewflow_task").fetchone()[0]

    assert checked.returncode == 0, checked.stdout[-3000:] + checked.stderr[-3000:]
    assert restored_tasks == tasks >= 600
    assert (restored_media / "materials" / "3f2ac9.pdf").read_bytes() == upload.read_bytes()
    assert again.returncode == 1 and "already has" in again.stderr
