from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetitionsConfig(AppConfig):
    """Professional competitions (domain.md §4)."""

    name = "competitions"
    verbose_name = _("Competitions")
    site_sections = ["competitions.viewsets.CompetitionsApp"]  # set-up, entries and admission
    urls = "competitions.urls"  # the jury's sheets, the results, the register and the public results
    api_routes = [("competitions", "competitions.setup_api.CompetitionViewSet", "competition"),
                  ("competition-entries", "competitions.entries_api.EntryViewSet", "competition_entry"),
                  ("competition-rounds", "competitions.jury_api.RoundViewSet", "competition_round"),
                  ("competition-results", "competitions.results_api.CompetitionResultsViewSet",
                   "competition_results"),
                  ("competition-participants", "competitions.results_api.ParticipantViewSet",
                   "competition_participant")]

    def ready(self) -> None:
        # Who may do what here; memberships mirrored into grants and kept in step with them.
        from . import grants, rules, signals  # noqa: F401
        from workflows.types import register

        from . import entries_grants  # noqa: F401  a committee member joining later reads the entries sent
        from .types import COMPETITION_ENTRY

        register(COMPETITION_ENTRY)  # the entry's flow, chain, statuses, API and files, declared once
