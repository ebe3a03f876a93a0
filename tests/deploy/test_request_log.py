"""One JSON line per request (config.request_log): method, path, status, duration, person and case."""
import json
import logging
import sys

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.request_log import JsonFormatter

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_lines():
    """The request log's records, as the JSON lines the production handler writes."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    request_logger = logging.getLogger("methodflow.request")
    request_logger.addHandler(handler)
    level = request_logger.level
    request_logger.setLevel(logging.INFO)
    yield lambda: [json.loads(JsonFormatter().format(record)) for record in records]
    request_logger.removeHandler(handler)
    request_logger.setLevel(level)


def test_a_case_page_is_logged_with_the_person_and_the_case_number(client, school, make_route, request_lines):
    route = make_route(school.teacher)
    client.force_login(school.teacher)

    client.get(route.get_absolute_url())

    [line] = request_lines()
    assert line["method"] == "GET" and line["path"] == route.get_absolute_url() and line["status"] == 200
    assert line["user_id"] == school.teacher.pk
    assert line["case"] == route.number and line["case_id"] == route.pk
    assert isinstance(line["duration_ms"], float) and line["level"] == "INFO"


def test_an_api_case_request_is_logged_with_the_case_number(client, school, make_route, request_lines):
    route = make_route(school.teacher)
    client.force_login(school.teacher)

    response = client.get(f"/api/routes/{route.pk}/")

    [line] = request_lines()
    assert response.status_code == 200
    assert (line["path"], line["user_id"], line["case"]) == (f"/api/routes/{route.pk}/", school.teacher.pk, route.number)


def test_a_request_for_a_case_hidden_from_the_person_is_logged_with_its_404_and_the_case(
        client, school, make_route, request_lines):
    route = make_route(school.teacher)
    client.force_login(school.other_teacher)

    response = client.get(route.get_absolute_url())

    [line] = request_lines()
    assert response.status_code == 404
    assert (line["status"], line["user_id"], line["case_id"]) == (404, school.other_teacher.pk, route.pk)


def test_a_missing_case_is_logged_by_the_id_the_url_named(client, school, request_lines):
    client.force_login(school.teacher)

    client.get("/routes/987654/")

    [line] = request_lines()
    assert (line["status"], line["case"], line["case_id"]) == (404, None, 987654)


def test_a_public_request_is_logged_without_a_person_and_reads_no_session(client, request_lines):
    with CaptureQueriesContext(connection) as queries:
        client.get("/healthz")

    [line] = request_lines()
    assert line["user_id"] is None and "case" not in line and line["status"] == 200
    assert [query["sql"] for query in queries if "django_session" in query["sql"]] == []


def test_a_server_error_is_logged_as_an_error_line(client, school, request_lines, monkeypatch):
    client.raise_request_exception = False
    client.force_login(school.teacher)
    monkeypatch.setattr("config.health.database_ok", lambda: 1 / 0)

    response = client.get("/healthz")

    [line] = request_lines()
    assert response.status_code == 500
    assert line["status"] == 500 and line["level"] == "ERROR"


def test_the_json_formatter_writes_one_line_with_the_extra_fields_and_the_traceback():
    try:
        raise ValueError("сломалось")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "случай %s", ("ИОМ-2026-000001",), sys.exc_info())
    record.case = "ИОМ-2026-000001"

    text = JsonFormatter().format(record)

    assert "\n" not in text
    line = json.loads(text)
    assert line["message"] == "случай ИОМ-2026-000001" and line["case"] == "ИОМ-2026-000001"
    assert "ValueError: сломалось" in line["exception"]
