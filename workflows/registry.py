"""The flows whose tasks make up the task lists; each process app registers its flow when ready."""
from __future__ import annotations

case_flows: list[type] = []


def register_case_flow(flow_class: type) -> None:
    if flow_class not in case_flows:
        case_flows.append(flow_class)
