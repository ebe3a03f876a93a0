"""Browser journeys: Playwright's sync API driving Debian's chromium against a live test server.

The browser is installed by `make test` (apt-get), never by `playwright install`; a missing browser
fails the run instead of skipping it, since a skipped journey proves nothing.
"""
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from tests are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"]


@pytest.fixture(scope="session")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: `make test` installs it with apt-get install chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server) -> Iterator:
    context = browser.new_context(base_url=live_server.url, locale="ru-RU")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def demo_region(settings, transactional_db) -> None:
    from django.core.management import call_command

    settings.DEBUG = True  # seed_demo refuses otherwise; the live server still runs the test settings
    # The people of the two municipalities the journeys sign in to (the lived-in cases: tests/demo).
    call_command("seed_demo", people_only=True, municipalities=2, verbosity=0)
    settings.DEBUG = False
