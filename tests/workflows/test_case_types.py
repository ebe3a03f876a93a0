"""Each process declares itself once; the shared machinery finds it in the registry."""
from materials.flows import MaterialFlow
from materials.models import Material
from materials.types import MATERIAL
from routes.flows import IndividualRouteFlow
from routes.models import IndividualRoute
from routes.types import ROUTE
from workflows.models import Chain
from workflows.rounds import RoundState, load, save
from workflows.types import case_flows, case_type_for, process_choices


def test_a_case_type_is_found_by_its_key_its_flow_and_its_model():
    assert case_type_for("route") is ROUTE
    assert case_type_for(IndividualRouteFlow) is ROUTE
    assert case_type_for(IndividualRoute) is ROUTE
    assert case_type_for(Material()) is MATERIAL
    assert case_type_for(MaterialFlow) is MATERIAL


def test_the_task_lists_read_every_registered_flow():
    assert {IndividualRouteFlow, MaterialFlow} <= set(case_flows())


def test_chain_processes_are_the_registered_case_types():
    assert {"route", "material"} <= {key for key, _label in process_choices()}
    assert {"route", "material"} <= {key for key, _label in Chain._meta.get_field("process").choices}


def test_the_number_prefix_is_the_models():
    assert ROUTE.number_prefix == IndividualRoute.number_prefix


def test_the_round_state_survives_a_save_and_a_load():
    class Process:
        data: dict = {}

    process = Process()
    process.data = {"amendment": 2}
    save(process, RoundState(steps=[{"code": "a"}, {"code": "b"}], position=1, decision="approve", returned_by=7))
    state = load(process)
    assert (state.current, state.goes_on, state.returned_by, state.decision) == ({"code": "b"}, True, 7, "approve")
    assert process.data["amendment"] == 2  # the process's own keys stay beside the round
