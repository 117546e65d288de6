"""Report files rendered by background workers (REPORT_WORKERS=1): a download of a file not
rendered yet queues it and shows a page that waits; a worker (`manage.py db_worker`, here
in batch mode) renders it into the cache; finalising renders a version's files ahead."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from reports import pdf
from reports.models import Report

DISTRICT = "/reports/360313000000/2021/"
LASHI = "/reports/360313103000/2021/"


@pytest.fixture
def workers(settings, monkeypatch):
    settings.REPORT_WORKERS = True
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # Between tasks the worker closes a connection that is not in autocommit, as a request
    # does; the test's connection is in its transaction, which would end with it.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    cache.clear()
    yield
    cache.clear()


def run_workers():
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)


def queued():
    return [(task.task_path, task.args_kwargs["args"]) for task in DBTaskResult.objects.all()]


def test_a_file_not_rendered_yet_is_queued_once_and_waited_for(workers, demo_report, login):
    client = login("leader")
    waiting = client.get(f"{DISTRICT}report.pdf?version=1")
    assert waiting.status_code == 202
    page = waiting.content.decode()
    assert "正在生成 PDF 文件" in page and 'http-equiv="refresh"' in page
    assert client.get(f"{DISTRICT}report.pdf?version=1").status_code == 202
    assert queued() == [("reports.tasks.render_report", ["360313000000", 2021, 1, "pdf"])]

    run_workers()
    ready = client.get(f"{DISTRICT}report.pdf?version=1")
    assert ready.status_code == 200
    assert ready.content.startswith(b"%PDF-")
    assert ready["Content-Disposition"].startswith("attachment;")
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_finalising_renders_the_versions_files_ahead(
    workers, full_demo, login, django_capture_on_commit_callbacks
):
    client = login("township")
    client.post(f"{LASHI}create/")
    seen = client.get(f"{LASHI}finalise/").context["seen"]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"{LASHI}finalise/", {"seen": seen}).status_code == 302
    assert Report.objects.get(org_unit__name="腊市镇", year=2021).is_final
    assert sorted(args for _, args in queued()) == [
        ["360313103000", 2021, 1, "docx"],
        ["360313103000", 2021, 1, "pdf"],
    ]
    run_workers()
    for fmt, magic in (("pdf", b"%PDF-"), ("docx", b"PK")):
        response = client.get(f"{LASHI}report.{fmt}")
        assert response.status_code == 200 and response.content.startswith(magic)
    assert DBTaskResult.objects.count() == 2


def test_a_failed_render_is_said_and_queued_again(workers, demo_report, login, monkeypatch):
    def broken(document):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(pdf, "render_pdf", broken)
    client = login("leader")
    client.get(f"{DISTRICT}report.pdf")
    run_workers()
    failed = client.get(f"{DISTRICT}report.pdf")
    assert failed.status_code == 202
    assert "PDF 文件生成失败" in failed.content.decode()
    assert 'http-equiv="refresh"' not in failed.content.decode()
    again = client.get(f"{DISTRICT}report.pdf")
    assert "正在生成 PDF 文件" in again.content.decode()
    assert [task.status for task in DBTaskResult.objects.order_by("enqueued_at")] == [
        "FAILED",
        "READY",
    ]


def test_the_waiting_page_is_scoped_like_the_download(workers, full_demo, login):
    assert login("township").get(f"{DISTRICT}report.pdf").status_code == 404
    assert not DBTaskResult.objects.exists()
