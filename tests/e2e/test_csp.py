"""The pages under the Content-Security-Policy: they work, and the browser reports no violation.

Chromium reports a blocked script, style, font or image both as a `securitypolicyviolation` event and
as a console error; the init script below turns each event into a console line, so one listener on the
page sees both, across full page loads and Turbo's visits alike.
"""
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from accounts.models import User
from tests.e2e.test_login import log_in
from tests.school import draft_route

pytestmark = pytest.mark.e2e

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


@pytest.fixture
def problems(page) -> Iterator[list[str]]:
    """Console errors and policy violations the pages report, as text."""
    found: list[str] = []
    page.context.add_init_script(REPORT_VIOLATIONS)
    page.on("console", lambda message: found.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: found.append(f"uncaught: {error}"))
    yield found


def test_the_login_page_allows_scripts_from_the_site_only(page, demo_region):
    policy = page.goto("/accounts/login/").headers["content-security-policy"]

    directives = dict(directive.strip().split(" ", 1) for directive in policy.split(";") if directive.strip())
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == directives["frame-ancestors"] == "'none'"
    assert directives["base-uri"] == directives["form-action"] == "'self'"


def test_the_redoc_page_runs_its_start_up_script_by_the_nonce_without_a_violation(page, demo_region, problems):
    response = page.goto("/api/redoc/")

    # ReDoc parses the whole schema in the browser before it draws: tens of seconds on a loaded 2-core machine.
    expect(page.locator("#redoc-container h1")).to_contain_text("Methodflow API", timeout=60_000)
    assert re.search(r"script-src 'self' 'nonce-[^']+'", response.headers["content-security-policy"])
    # ReDoc's "powered by" logo comes from its CDN; the policy keeps the page offline.
    assert [text for text in problems if "cdn.redoc.ly" not in text] == []


def test_an_inline_script_without_the_nonce_is_blocked(page, demo_region, problems):
    page.goto("/accounts/login/")

    page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.injected = true";
        document.body.append(script);
    }""")

    page.wait_for_timeout(300)  # the violation event is dispatched asynchronously

    assert page.evaluate("() => window.injected") is None
    assert any(text.startswith("CSP violation: script-src") for text in problems), problems


def test_the_api_docs_render_under_the_policy(page, demo_region, problems):
    page.goto("/api/docs/")

    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Methodflow API", timeout=30_000)
    expect(page.locator(".opblock").first).to_be_visible()
    assert problems == []
