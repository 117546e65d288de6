"""Report files rendered by background workers (settings.REPORT_WORKERS).

A worker (`manage.py db_worker`) renders a report's PDF or DOCX into the shared cache,
where `outputs.cached` finds it for any web process. Tasks carry the unit's code, the year
and the version, never the document: the worker composes it as the download would, so a
finalised version gives the very file, and a draft the file of its latest text. Whoever
enqueues has checked the scope; the worker has no user.
"""

from django.core.cache import cache
from django_tasks import TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

from fedportal.models import OrgUnit
from reports import outputs
from reports.document import Document, report_document

# How long a queued render is waited for before it is queued again (a worker lost it).
QUEUED_SECONDS = 10 * 60


@task()
def render_report(unit_code: str, year: int, version: int | None, fmt: str) -> str:
    """Render the file into the cache; returns its cache key."""
    _, document = report_document(OrgUnit.objects.get(code=unit_code), year, version)
    outputs.render(document, fmt)
    return outputs.cache_key(document, fmt)


def queue_render(unit: OrgUnit, year: int, version: int | None, document: Document, fmt: str):
    """Queue the file of `document` unless it is queued already; returns "queued", or
    "failed" when the worker could not render it (the next request queues it again)."""
    marker = outputs.cache_key(document, fmt) + ":task"
    result_id = cache.get(marker)
    if result_id is not None:
        try:
            status = render_report.get_result(result_id).status
        except TaskResultDoesNotExist:
            status = None  # pruned: queue it again
        if status in (TaskResultStatus.READY, TaskResultStatus.RUNNING):
            return "queued"
        if status == TaskResultStatus.FAILED:
            cache.delete(marker)
            return "failed"
        # Rendered, yet not in the cache (evicted since): render it again.
    result = render_report.enqueue(unit.code, year, version, fmt)
    cache.set(marker, result.id, QUEUED_SECONDS)
    return "queued"
