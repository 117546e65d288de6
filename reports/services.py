"""Writes to reports that touch several rows: creating one from the standard text,
finalising (freezing a version), reopening for a new version, and moving a section or
plan item."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from simple_history.utils import bulk_create_with_history

from fedportal.models import OrgUnit, User
from reports import defaults, outputs, tasks
from reports.document import Document, compose
from reports.models import PlanItem, Report, ReportSection, ReportVersion


@transaction.atomic
def report_create(*, unit: OrgUnit, year: int, user: User | None) -> Report:
    """A new draft for `unit` and `year`, starting from the standard text."""
    if Report.objects.for_unit_year(unit, year).exists():
        raise ValidationError(f"{unit.name}{year}年的报告已经存在。")
    report = Report(org_unit=unit, year=year, opening=defaults.opening(year), created_by=user)
    report.full_clean()
    report.save()
    # With their history from the start: a section's version (what its edit form carries
    # to refuse a stale save) and its history page begin with its creation.
    bulk_create_with_history(
        [
            ReportSection(report=report, order=n, headline=headline, body=body)
            for n, (headline, body) in enumerate(defaults.SECTIONS, start=1)
        ],
        ReportSection,
        default_user=user,
    )
    return report


@transaction.atomic
def report_finalise(*, report: Report, user: User | None) -> ReportVersion:
    """Freeze the report's figures as a new version and mark the report final."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.is_final:
        raise ValidationError("报告已经定稿；如需修改，请先新建版本。")
    document = compose(report)
    if document.problems:
        listed = "、".join(p.source for p in document.problems)
        raise ValidationError(f"报告中有无法识别的指标占位符：{listed}，请修改后再定稿。")
    number = (report.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    frozen = document.to_json() | {"status": Report.Status.FINAL, "version": number}
    version = ReportVersion.objects.create(
        report=report, number=number, document=frozen, finalised_by=user
    )
    report.status = Report.Status.FINAL
    report.save(update_fields=["status", "updated_at"])
    if settings.REPORT_WORKERS:
        # Rendered ahead, so that the first download finds the files ready.
        finalised = Document.from_json(frozen)
        transaction.on_commit(
            lambda: [
                tasks.queue_render(report.org_unit, report.year, number, finalised, fmt)
                for fmt in outputs.CONTENT_TYPES
            ]
        )
    return version


@transaction.atomic
def report_reopen(*, report: Report) -> Report:
    """Make a finalised report a draft again; its versions stay as they were."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not report.is_final:
        raise ValidationError("报告还是草稿，无需新建版本。")
    report.status = Report.Status.DRAFT
    report.save(update_fields=["status", "updated_at"])
    return report


@transaction.atomic
def report_part_move(*, part: ReportSection | PlanItem, step: int) -> bool:
    """Move a section or plan item `step` places (-1 up, 1 down) among its report's parts
    and number them 1, 2, 3 … again; False when it is already first or last. The parts are
    locked while they move, and each one whose place changes is saved with its history."""
    model = type(part)
    parts = list(model.objects.select_for_update().filter(report=part.report_id))
    position = next(n for n, p in enumerate(parts) if p.pk == part.pk)
    target = position + step
    if not 0 <= target < len(parts):
        return False
    parts.insert(target, parts.pop(position))
    for number, moved in enumerate(parts, start=1):
        if moved.order != number:
            moved.order = number
            moved.save(update_fields=["order"])
    return True
