"""The demo region, seeded once for the tests of this folder and removed after them."""
import pytest
from django.core.management import call_command
from django.test.utils import override_settings


@pytest.fixture(scope="package")
def demo_region(django_db_setup, django_db_blocker) -> None:
    with django_db_blocker.unblock():
        with override_settings(DEBUG=True):  # seed_demo refuses otherwise
            call_command("seed_demo", verbosity=0)
        yield
        call_command("flush", interactive=False, verbosity=0)  # as a transactional test leaves the database
