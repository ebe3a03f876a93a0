"""Downloading an attached file: only whoever may see its case gets it.

Files are stored under random names and never served from MEDIA_ROOT directly; every link a page, the
API or a document shows goes to `download` (`/files/<kind>/<id>/`), which finds the file's case and asks
the same question as the case page (`may(user, "view", case)`). "There is no such file" and "the file
is not yours" are one and the same 404, so an id reveals nothing. The files of a material published in
the bank of practices are public, as its page is.

Django streams the file itself unless `FILE_SERVING` hands the sending to the production web server:
`"x-accel-redirect"` (nginx, an `internal` location at `FILE_SERVING_PREFIX`) or `"x-sendfile"`
(Apache's mod_xsendfile); see README, Files.
"""
from __future__ import annotations

import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.permissions import may

from .models import CaseFile
from .types import case_types

MAX_ID = 2**31 - 1  # beyond the primary keys' range an id cannot name a file (and must not reach the database)


@dataclass(frozen=True)
class StoredFile:
    case: Model  # whose permission rules decide who downloads it
    file: FieldFile
    name: str  # the original name, for the download
    public: bool = False


Finder = Callable[[int], "StoredFile | None"]


def file_kinds() -> dict[str, tuple[type[Model], Finder]]:
    """The files kept for download (`/files/<kind>/<id>/`): the timeline's, and those each process declares
    in its `CaseType.file_kinds`, each with the model and how to find one with its case."""
    kinds: dict[str, tuple[type[Model], Finder]] = {"case": (CaseFile, case_file)}
    for case_type in case_types():
        kinds.update(case_type.file_kinds)
    return kinds


def download_url(obj: Model) -> str:
    """The link to download an attached file of any declared kind (a case file, a material's file, …)."""
    kind = next(kind for kind, (model, _finder) in file_kinds().items() if model is type(obj))
    return reverse("download", args=[kind, obj.pk])


def case_file(pk: int) -> StoredFile | None:
    stored = CaseFile.objects.select_related("event__process").filter(pk=pk).first()
    if stored is None or stored.event.process.artifact is None:
        return None
    return StoredFile(stored.event.process.artifact, stored.file, stored.name)



def not_found() -> Http404:
    return Http404(_("The file was not found."))


@require_safe
def download(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    finder = file_kinds().get(kind, (None, None))[1]
    stored = finder(pk) if finder is not None and 0 < pk <= MAX_ID else None
    if stored is not None and stored.public:
        return send(stored, public=True)
    if not request.user.is_authenticated:
        # Whatever the id, the same answer: signing in comes first, and tells nothing about the file.
        return redirect_to_login(request.get_full_path())
    if stored is None or not may(request.user, "view", stored.case):
        raise not_found()
    return send(stored)


def send(stored: StoredFile, public: bool = False) -> HttpResponse:
    """The file as an attachment under its original name, sent by Django or by the web server."""
    content_type = mimetypes.guess_type(stored.name)[0] or "application/octet-stream"
    serving = getattr(settings, "FILE_SERVING", "django")
    if serving == "x-accel-redirect":
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.FILE_SERVING_PREFIX.rstrip("/") + "/" + quote(stored.file.name)
    elif serving == "x-sendfile":
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = quote(stored.file.path)  # mod_xsendfile unescapes it (XSendFileUnescape)
    else:
        try:
            handle = stored.file.open("rb")
        except (FileNotFoundError, IsADirectoryError, ValueError):
            raise not_found() from None
        response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, stored.name)
    # A browser must not take a document for a page and run it, whatever its bytes say.
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    return response
