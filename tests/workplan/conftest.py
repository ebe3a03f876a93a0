from tests.workplan.world import plan_world  # noqa: F401  the fixture every test here uses
