from tests.events.world import event  # noqa: F401  a seminar a week ahead in the school's municipality
