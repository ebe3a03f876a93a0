"""Settings for `bench.run`: the project's settings, plus the bare reference flow's app and in-memory mail.

The bare flow (`bench.flows`) must live in an installed app, because Viewflow stores a flow as
`<app_label>/<module>.<class>`; it has no models, so no migration.
"""
from config.settings import *  # noqa: F401,F403
from config.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
# Decisions notify by e-mail; the throughput figure is the engine's and the database's, not an SMTP server's.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# As in the tests: pages render their static links from the app directories; production serves the
# collected, hashed files, whose manifest lookup is a dictionary read.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405

# As pytest's configuration does: the collected-static directory need not exist for the pages to render.
import warnings  # noqa: E402

warnings.filterwarnings("ignore", "No directory at", UserWarning)
