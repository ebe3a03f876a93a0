"""The import of a provider's results as a background job: the import page stores the upload and queues
`run_diagnostics_import` in its transaction; a worker runs `import_diagnostics_xlsx` with progress."""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, override
from django_tasks import task

from accounts.models import Municipality, User
from jobs import documents
from jobs.models import DocumentJob, register_kind

from .diagnostics import require
from .diagnostics_import import import_diagnostics_xlsx


DIAGNOSTICS_IMPORT = register_kind("diagnostics_import", gettext_lazy("import of diagnostics results"))


def queue_import(file, municipality: Municipality, actor: User) -> DocumentJob:
    """Queue the import of `file` into `municipality` on `actor`'s behalf; nothing is imported until a
    worker runs it. Refused (PermissionDenied) unless the actor may import there."""
    require(actor, "import_diagnostics", municipality)
    back = f'{reverse("diagnostics:import")}?municipality={municipality.pk}'  # with the municipality chosen
    with transaction.atomic():
        job = documents.create_job(actor, DIAGNOSTICS_IMPORT,
                                   {"municipality": municipality.pk, "back": back}, upload=file)
        run_diagnostics_import.enqueue(job.pk)
    return job


@task()
def run_diagnostics_import(job_id: int) -> str:
    job = documents.claim(job_id)
    if job is None:
        return "not queued"
    with override(settings.LANGUAGE_CODE):
        documents.run_safely(job, import_for)
    return job.state


def import_for(job: DocumentJob) -> None:
    municipality = Municipality.objects.filter(pk=job.params.get("municipality")).first()
    if municipality is None:
        documents.finish(job, DocumentJob.State.FAILED, _("The municipality no longer exists: nothing was imported."))
        return
    try:
        with job.upload.open("rb") as upload:
            result = import_diagnostics_xlsx(upload, municipality, job.started_by, documents.progress_of(job))
    except PermissionDenied:  # the person's role ended while the job waited
        documents.finish(job, DocumentJob.State.FAILED,
                         _("You may no longer import diagnostics of this municipality: nothing was imported."))
        return
    if not result.ok:
        documents.finish(job, DocumentJob.State.FAILED,
                         _("Nothing has been imported. Correct the file and upload it again:"), result.errors)
        return
    count = len(result.created)
    documents.finish(job, DocumentJob.State.DONE, ngettext(
        "Imported %(count)d diagnostics.", "Imported %(count)d diagnostics.", count) % {"count": count})
