"""What every 4xx of the API looks like: RFC 9457 problem details in Russian (`workflows.api_errors`)."""
import re

PROBLEM_KEYS = {"type", "title", "status", "detail", "code", "errors"}
# A word with a lowercase Latin letter, three letters or more: English; acronyms (JSON, CSRF, PUT) are not.
ENGLISH_WORD = re.compile(r"\b(?=[A-Za-z]*[a-z])[A-Za-z]{3,}\b")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
FIELD_PATH = re.compile(r"[a-z_]+(\[\d+\])?(\.[a-z_0-9]+(\[\d+\])?)*")  # activities[0].starts_on, scores.12


def english_in(text: str) -> list[str]:
    """English words of `text`; file extensions (.pdf) are not words."""
    return ENGLISH_WORD.findall(re.sub(r"\.[a-z]+\b", "", text))


def problem_of(response, english_data: bool = False) -> dict:
    """The problem details of a 4xx answer, after checking their shape and language (Russian; with
    `english_data` a message may quote data in Latin letters, a person's name); the failures say what."""
    assert 400 <= response.status_code < 500, response.status_code
    assert response["Content-Type"].startswith("application/problem+json"), response["Content-Type"]
    body = response.json()
    assert set(body) == PROBLEM_KEYS, body
    assert body["status"] == response.status_code and body["type"] == "about:blank", body
    assert isinstance(body["code"], str) and re.fullmatch(r"[a-z_]+", body["code"]), body
    assert body["errors"], body
    for error in body["errors"]:
        assert set(error) == {"field", "code", "message"}, error
        assert re.fullmatch(r"[a-z_]+", error["code"]), error
        assert error["field"] is None or FIELD_PATH.fullmatch(error["field"]), error
    for text in (body["title"], body["detail"], *(error["message"] for error in body["errors"])):
        assert CYRILLIC.search(text) and (english_data or not english_in(text)), (response.request["PATH_INFO"], text)
    return body


def error_at(body: dict, field: str | None) -> dict:
    """The one error of `field` in a problem's `errors`."""
    found = [error for error in body["errors"] if error["field"] == field]
    assert len(found) == 1, body
    return found[0]


def errors_of(response) -> dict[str | None, list[str]]:
    """The messages of a 4xx answer by field path (None: the request as a whole), its shape checked."""
    found: dict[str | None, list[str]] = {}
    for error in problem_of(response, english_data=True)["errors"]:
        found.setdefault(error["field"], []).append(error["message"])
    return found
