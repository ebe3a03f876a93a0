"""A job's page and its files, for the person who started it alone: for anybody else the job does not
exist (the same Russian 404 as a job that does not)."""
from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.permissions import visible_or_404
from workflows.files import MAX_ID, StoredFile, not_found, send

from .models import DocumentJob

REFRESH_SECONDS = 2


def own_job(request: HttpRequest, pk: int) -> DocumentJob:
    if pk > MAX_ID:  # beyond the keys' range: no job, and no query
        raise Http404(_("Not found."))
    return visible_or_404(request.user, "view", DocumentJob, pk=pk)


@require_safe
def job_page(request: HttpRequest, pk: int) -> HttpResponse:
    job = own_job(request, pk)
    return render(request, "jobs/job.html", {"job": job, "refresh": None if job.finished else REFRESH_SECONDS})


@require_safe
def job_file(request: HttpRequest, pk: int, which: str) -> HttpResponse:
    job = own_job(request, pk)
    file, name = (job.upload, job.upload_name) if which == "upload" else (job.result, job.result_name)
    if not file:
        raise not_found()
    return send(StoredFile(job, file, name))
