"""Long work a person starts from a page runs as a background job: the diagnostics import is queued by
its page, run by a worker with progress, and its page and files are for the person who started it alone."""
from datetime import datetime

import pytest
from django.urls import reverse
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jobs import documents
from jobs.models import DocumentJob
from jobs.worker import run_pending
from routes.diagnostics_jobs import run_diagnostics_import
from routes.models import Deficit, Diagnostics
from tests.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory
from tests.routes import test_diagnostics_import as diagnostics_files
from tests.routes.test_diagnostics_import import upload, workbook

pytestmark = pytest.mark.django_db
media, town = diagnostics_files.media, diagnostics_files.town  # the import tests' fixtures: a town, a media folder

ROWS = [
    ("ivanova", None, datetime(2025, 3, 5), "ЦНППМ", "предметные", "Олимпиадные задачи", "выраженный"),
    ("petrov", None, datetime(2025, 3, 5), "ЦНППМ", "методические", "Проектирование урока", "умеренный"),
    ("ivanova", None, datetime(2025, 4, 1), "Я-учитель", "ИКТ", "Электронные ресурсы", "незначительный"),
]


def start_import(client, person, municipality, *rows) -> DocumentJob:
    client.force_login(person)
    response = client.post(reverse("diagnostics:import"),
                           {"municipality": municipality.pk, "file": upload(workbook(*rows))})
    job = DocumentJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[job.pk])
    return job


def test_the_import_page_queues_a_job_and_nothing_is_imported_until_a_worker_runs_it(client, town):
    municipality, methodist, ivanova, petrov, _stranger = town

    job = start_import(client, methodist, municipality, *ROWS)

    assert (job.started_by, job.kind, job.state) == (methodist, "diagnostics_import", "queued")
    queued = DBTaskResult.objects.filter(task_path=run_diagnostics_import.module_path, args_kwargs__args=[job.pk])
    assert queued.exists()
    assert not Diagnostics.objects.exists()
    waiting = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in waiting and "в очереди" in waiting

    assert run_pending() == 1

    job.refresh_from_db()
    assert (job.state, job.done, job.total) == ("done", 3, 3) and job.finished_at is not None
    assert {d.teacher for d in Diagnostics.objects.all()} == {ivanova, petrov} and Deficit.objects.count() == 3
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Импортировано 3 диагностики." in page and "http-equiv" not in page
    listed = client.get(reverse("diagnostics:import")).content.decode()
    assert f'href="{reverse("jobs:detail", args=[job.pk])}"' in listed and "results.xlsx</a> — выполнено" in listed
    assert run_diagnostics_import.call(job.pk) == "not queued"  # the queue giving it twice imports once
    assert Diagnostics.objects.count() == 3


def test_the_progress_advances_and_the_running_page_shows_it(client, town, monkeypatch):
    municipality, methodist, *_ = town
    start_import(client, methodist, municipality, *ROWS)
    seen = []
    reporter = documents.progress_of

    def watched(job):
        report = reporter(job)

        def spy(done, total):
            report(done, total)
            page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
            row = DocumentJob.objects.values_list("state", "done", "total").get()
            seen.append((*row, f"Выполнено {done} из {total}" in page))
        return spy

    monkeypatch.setattr(documents, "progress_of", watched)
    run_pending()

    assert seen == [("running", 0, 3, True), ("running", 1, 3, True), ("running", 2, 3, True), ("running", 3, 3, True)]


def test_the_result_page_lists_the_errors_by_row_in_russian_and_nothing_is_imported(client, town):
    municipality, methodist, *_ = town
    job = start_import(client, methodist, municipality, ROWS[0],
                       ("ivanov", None, "05.03.2025", "ЦНППМ", "предметные", "Задачи", "умеренный"),
                       ("petrov", None, "5 марта", "ЦНППМ", "предметные", "Задачи", "умеренный"))

    run_pending()

    job.refresh_from_db()
    assert job.state == "failed"
    assert job.message == "Ничего не импортировано. Исправьте файл и загрузите его снова:"
    assert job.errors == ['Строка 3: неизвестный педагог "ivanov"',
                          'Строка 4: дата "5 марта" не распознана; ожидается ДД.ММ.ГГГГ']
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Строка 3: неизвестный педагог &quot;ivanov&quot;" in page and "не выполнено" in page
    assert not Diagnostics.objects.exists()


def test_only_the_person_who_started_a_job_sees_it_and_its_file(client, town):
    municipality, methodist, ivanova, _petrov, stranger = town
    job = start_import(client, methodist, municipality, *ROWS)
    another_methodist = UserFactory(organisation=OrganisationFactory(municipality=municipality))
    RoleAssignmentFactory(user=another_methodist, role="methodist", municipality=municipality)
    pages = [reverse("jobs:detail", args=[job.pk]), reverse("jobs:upload", args=[job.pk])]

    own = client.get(pages[1])
    assert own.status_code == 200 and b"".join(own.streaming_content).startswith(b"PK")
    assert client.get(reverse("jobs:result", args=[job.pk])).status_code == 404  # an import has no result file
    for person in (stranger, ivanova, another_methodist):
        client.force_login(person)
        for url in [*pages, reverse("jobs:detail", args=[job.pk + 1]), "/jobs/99999999999/"]:
            response = client.get(url)
            assert response.status_code == 404 and "Страница не найдена" in response.content.decode(), (person, url)


def test_a_failing_import_marks_the_job_failed_in_russian_and_loses_nothing_saved(client, town, monkeypatch):
    municipality, methodist, *_ = town
    first = start_import(client, methodist, municipality, ROWS[0])
    run_pending()
    DocumentJob.objects.filter(pk=first.pk).delete()
    job = start_import(client, methodist, municipality, *ROWS[1:])
    saved = Deficit.save

    def broken(deficit, *args, **kwargs):
        if Deficit.objects.count() >= 2:
            raise RuntimeError("the disk is full")
        saved(deficit, *args, **kwargs)

    monkeypatch.setattr(Deficit, "save", broken)
    run_pending()

    job.refresh_from_db()
    assert job.state == "failed" and job.finished_at is not None
    assert job.message.startswith("Задание не выполнено из-за ошибки на сервере. Ничего не сохранено")
    assert DBTaskResult.objects.get(args_kwargs__args=[job.pk]).status == TaskResultStatus.FAILED
    assert list(Diagnostics.objects.values_list("teacher__username", flat=True)) == ["ivanova"]  # the first import
    assert Deficit.objects.count() == 1
    assert job.upload.storage.exists(job.upload.name)  # the file is kept, to try again
