"""The site as production runs it: DEBUG off, collected and hashed static files, a real WSGI server.

The tests start `config.wsgi` in a subprocess with the production environment (no DEBUG, a SECRET_KEY,
ALLOWED_HOSTS, HTTPS announced by the proxy header) against the test database, after `collectstatic`
into a temporary STATIC_ROOT, and talk HTTP to it. The rows they create are committed
(`transaction=True`) so the server's own connection sees them.
"""
import http.client
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.utils.crypto import get_random_string

ROOT = Path(__file__).resolve().parent.parent
# What the test settings or the developer's shell may set and production would not.
NOT_IN_PRODUCTION = {"DEBUG", "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE", "STATIC_ROOT", "DATABASE_URL"}

SERVER = """
import sys
from wsgiref.simple_server import WSGIRequestHandler, make_server

from config.wsgi import application


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


server = make_server("127.0.0.1", 0, application, handler_class=QuietHandler)
print(server.server_port, flush=True)
server.serve_forever()
"""


def database_url() -> str:
    database = connection.settings_dict
    return "postgresql://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(
        **{key: database.get(key) or "" for key in ("USER", "PASSWORD", "HOST", "PORT", "NAME")}
    )


@dataclass
class Visitor:
    """An HTTP client of the production server that behaves like a visitor behind the TLS proxy."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, form: dict | None = None, https: bool = True) -> http.client.HTTPResponse:
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if https:
            headers["X-Forwarded-Proto"] = "https"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://127.0.0.1:{self.port}"
        client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        client.request(method, path, body=body, headers=headers)
        response = client.getresponse()
        response.text = response.read().decode("utf-8", "replace")
        client.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name.strip()] = value.strip()
        return response

    def get(self, path: str, **kwargs) -> http.client.HTTPResponse:
        return self.request("GET", path, **kwargs)

    def log_in(self, username: str, password: str) -> http.client.HTTPResponse:
        page = self.get("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        return self.request("POST", "/accounts/login/",
                            form={"csrfmiddlewaretoken": token, "username": username, "password": password})


@pytest.fixture(scope="module")
def production_server(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[int]:
    with django_db_blocker.unblock():
        url = database_url()
    environment = {key: value for key, value in os.environ.items() if key not in NOT_IN_PRODUCTION}
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        SECRET_KEY="methodflow-production-test-only-not-a-secret",
        ALLOWED_HOSTS="127.0.0.1",
        BEHIND_TLS_PROXY="1",
        DATABASE_URL=url,
        STATIC_ROOT=str(tmp_path_factory.mktemp("static")),
    )
    collected = subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput"], cwd=ROOT,
                               env=environment, capture_output=True, text=True, timeout=300)
    assert collected.returncode == 0, f"collectstatic failed with DEBUG off:\n{collected.stderr[-3000:]}"

    server = subprocess.Popen([sys.executable, "-c", SERVER], cwd=ROOT, env=environment,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        port = server.stdout.readline().strip()
        assert port.isdigit(), f"the production server did not start:\n{server.stderr.read()[-3000:]}"
        yield int(port)
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def visitor(production_server) -> Visitor:
    return Visitor(production_server)


def production_password(user, password: str) -> None:
    """The tests hash with MD5 for speed; the server only knows production's hashers."""
    user.password = PBKDF2PasswordHasher().encode(password, get_random_string(22))
    user.save(update_fields=["password"])


pytestmark = pytest.mark.django_db(transaction=True)


def test_the_login_page_answers_200_with_debug_off(visitor):
    response = visitor.get("/accounts/login/")

    assert response.status == 200, response.text[-2000:]
    assert "Войти" in response.text


def test_a_teacher_logs_in_through_the_form_and_opens_their_route(visitor, school, make_route):
    route = make_route(school.teacher)
    production_password(school.teacher, "secret-password")

    logged_in = visitor.log_in("teacher.a", "secret-password")
    page = visitor.get(route.get_absolute_url())

    assert logged_in.status == 302, logged_in.text[-2000:]
    assert page.status == 200, page.text[-2000:]
    assert route.topic in page.text


def test_the_static_files_a_page_names_are_served_under_their_hashed_names(visitor):
    login = visitor.get("/accounts/login/")
    stylesheets = re.findall(r'href="(/static/[^"]+\.css)"', login.text)

    responses = {path: visitor.get(path).status for path in stylesheets}

    assert stylesheets and all(re.search(r"\.[0-9a-f]{12}\.css$", path) for path in stylesheets), stylesheets
    assert set(responses.values()) == {200}, responses


def test_an_unknown_address_renders_the_404_page(visitor, school):
    production_password(school.teacher, "secret-password")
    visitor.log_in("teacher.a", "secret-password")

    response = visitor.get("/no-such-page/")

    assert response.status == 404, response.text[-2000:]
    assert "<html" in response.text.lower()


def test_plain_http_is_redirected_to_https(visitor):
    response = visitor.get("/accounts/login/", https=False)

    assert response.status == 301
    assert response.headers["Location"].startswith("https://")


def test_pages_carry_the_content_security_policy_with_debug_off(visitor):
    response = visitor.get("/accounts/login/")

    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_the_api_docs_and_their_start_up_script_are_served_with_debug_off(visitor):
    docs = visitor.get("/api/docs/")
    script = re.search(r'<script src="(/api/docs/\?[^"]*script[^"]*)"', docs.text)
    assets = re.findall(r'(?:src|href)="(/static/drf_spectacular_sidecar/[^"]+)"', docs.text)

    assert docs.status == 200, docs.text[-2000:]
    assert script and visitor.get(script.group(1).replace("&amp;", "&")).status == 200
    assert assets and {visitor.get(path).status for path in assets} == {200}, assets
