"""Touches to the generated OpenAPI schema that no serializer or view can say itself."""
from __future__ import annotations


def ids_are_positive(result: dict, generator, request, public) -> dict:
    """Ids in paths are positive integers: the URL patterns match digits only (`<int:pk>`), so a
    negative id is no address of the API at all, and the schema says so."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "path" and parameter.get("schema", {}).get("type") == "integer":
                    parameter["schema"]["minimum"] = 1
    return result
