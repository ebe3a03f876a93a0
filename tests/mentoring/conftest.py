from tests.mentoring.world import world  # noqa: F401  the fixture every test here uses
