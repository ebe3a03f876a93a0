import pytest
from django_tasks_db.models import DBTaskResult

from tests.jobs.mailservers import FlakyBackend
from workflows.mail import send_notice


@pytest.fixture
def flaky_mail(settings):
    """A mail server that refuses the number of messages the test sets, then accepts."""
    settings.EMAIL_BACKEND = "tests.jobs.mailservers.FlakyBackend"
    FlakyBackend.attempts, FlakyBackend.refusals = 0, 0
    yield FlakyBackend
    FlakyBackend.attempts, FlakyBackend.refusals = 0, 0


def mail_jobs():
    return DBTaskResult.objects.filter(task_path=send_notice.module_path)
