"""Touches to the generated OpenAPI schema that no serializer or view can say itself."""
from __future__ import annotations

from django.utils.translation import get_language
from drf_spectacular.views import SpectacularAPIView
from rest_framework.response import Response

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


class SchemaView(SpectacularAPIView):
    """The schema is public and the same for every caller, so it is generated once a process, version and
    language: generating it walks every view and serializer, seconds of CPU that a request (or a loop of
    them) must not cost each time."""

    generated: dict[tuple[str | None, str | None], dict] = {}

    def _get_schema_response(self, request):
        version = self.api_version or request.version or self._get_version_parameter(request)
        key = (version, get_language())
        if key not in self.generated:
            generator = self.generator_class(urlconf=self.urlconf, api_version=version, patterns=self.patterns)
            self.generated[key] = generator.get_schema(request=request, public=self.serve_public)
        return Response(data=self.generated[key],
                        headers={"Content-Disposition": f'inline; filename="{self._get_filename(request, version)}"'})
