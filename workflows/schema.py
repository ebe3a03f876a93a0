"""Touches to the generated OpenAPI schema that no serializer or view can say itself."""
from __future__ import annotations

from accounts.api import DESCRIPTIONS


def ids_are_positive(result: dict, generator, request, public) -> dict:
    """Ids in paths are positive integers: the URL patterns match digits only (`<int:pk>`), so a
    negative id is no address of the API at all, and the schema says so."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "path" and parameter.get("schema", {}).get("type") == "integer":
                    parameter["schema"]["minimum"] = 1
    return result


def problems_everywhere(result: dict, generator, request, public) -> dict:
    """Every 4xx of every operation in the one shape, `application/problem+json` (`accounts.api.Problem`),
    and the ones every operation of its kind may answer documented even where a view names none: 400, 413
    and 415 for a body, 400 for a query, 401 unless anonymous may call it, 404 for an id in the path, 406
    for an `Accept` the API does not serve."""
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            parameters = operation.get("parameters", [])
            implied = [406]
            if "requestBody" in operation:
                implied += [400, 413, 415]
            if any(parameter.get("in") == "query" for parameter in parameters):
                implied.append(400)
            if any(parameter.get("in") == "path" for parameter in parameters):
                implied.append(404)
            if operation.get("security") and {} not in operation["security"]:
                implied.append(401)
            for code in implied:
                responses.setdefault(str(code), {"description": str(DESCRIPTIONS[code])})
            for code, response in responses.items():
                if code.startswith("4"):
                    response["content"] = problem
            operation["responses"] = dict(sorted(responses.items()))
    return result
