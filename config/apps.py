"""Application configurations the project overrides."""
from django.contrib.staticfiles.apps import StaticFilesConfig as DjangoStaticFilesConfig


class StaticFilesConfig(DjangoStaticFilesConfig):
    """`collectstatic` leaves out what viewflow ships and no page of ours loads.

    Viewflow's wheel carries the npm packages its bundles were built from (`node_modules/`, whose
    roboto stylesheet names fonts that are not there) and the Plotly Dash bundle of
    `viewflow.contrib.plotly` (22 MB), which is not installed here. Collecting them would triple the
    time `collectstatic` spends compressing.
    """

    ignore_patterns = [
        *DjangoStaticFilesConfig.ignore_patterns,
        "viewflow/*/node_modules/*",
        "viewflow/js/contrib/dash/*",
    ]
