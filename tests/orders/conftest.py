from tests.orders.world import department  # noqa: F401  the fixture every test here uses
