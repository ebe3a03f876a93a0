"""The application for a site's status, declared once for the shared machinery (`workflows.types`)."""
from workflows.files import StoredFile
from workflows.types import CaseType

from .api_applications import SITE_APPLICATION_API
from .chains import DEFAULT_CHAIN
from .flows import SiteApplicationFlow
from .models import SiteApplication, SiteApplicationFile


def application_file(pk: int) -> StoredFile | None:
    """A file of an application, for whoever may see the application."""
    stored = SiteApplicationFile.objects.select_related("application").filter(pk=pk).first()
    return None if stored is None else StoredFile(stored.application, stored.file, stored.name)


SITE_APPLICATION = CaseType(
    key="site_application",
    model=SiteApplication,
    flow=SiteApplicationFlow,
    default_chain=DEFAULT_CHAIN,
    api=SITE_APPLICATION_API,
    closed_statuses=(SiteApplication.Status.GRANTED, SiteApplication.Status.REFUSED, SiteApplication.Status.REJECTED),
    file_kinds={"site_application": (SiteApplicationFile, application_file)},
    list_url_name="site_applications:index",
)
