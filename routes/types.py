"""The individual educational route, declared once for the shared machinery (`workflows.types`)."""
from workflows.types import CaseType

from .api import ROUTE_API
from .chains import DEFAULT_CHAIN
from .files import evidence
from .flows import IndividualRouteFlow
from .models import IndividualRoute, RouteActivity

ROUTE = CaseType(
    key="route",
    model=IndividualRoute,
    flow=IndividualRouteFlow,
    default_chain=DEFAULT_CHAIN,
    closed_statuses=(IndividualRoute.Status.REJECTED, IndividualRoute.Status.CLOSED),
    api=ROUTE_API,
    file_kinds={"evidence": (RouteActivity, evidence)},
)
