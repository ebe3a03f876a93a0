"""WSGI entry point. Refuses to start when the configured database cannot be reached."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

from config.database import require_database  # noqa: E402  (needs configured settings)

require_database()
