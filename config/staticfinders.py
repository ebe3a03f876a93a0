"""Where static files are found: the apps' directories, less what viewflow ships and no page of ours loads."""
from django.contrib.staticfiles.finders import AppDirectoriesFinder

# Viewflow's wheel carries the npm packages its bundles were built from (`node_modules/`, whose roboto
# stylesheet names fonts that are not there) and the Plotly Dash bundle of `viewflow.contrib.plotly`
# (22 MB), which is not installed here. Collecting them would triple the time `collectstatic` spends
# compressing. A finder rather than a replaced staticfiles app, so that `django.contrib.staticfiles`
# stays in INSTALLED_APPS for the tools that look for it (the test live server serves static files
# only then).
UNUSED_PACKAGED_FILES = ["viewflow/*/node_modules/*", "viewflow/js/contrib/dash/*"]


class PackagedAppDirectoriesFinder(AppDirectoriesFinder):
    def list(self, ignore_patterns):
        return super().list([*(ignore_patterns or []), *UNUSED_PACKAGED_FILES])
