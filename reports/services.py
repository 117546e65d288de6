"""Writes to reports that touch several rows: creating one from the standard text,
finalising (freezing a version), reopening for a new version, and moving a section or
plan item."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from simple_history.utils import bulk_create_with_history

from fedportal.models import OrgUnit, User
from reports import outputs, tasks
from reports.document import Document, compose, is_zero
from reports.models import (
    PlanItem,
    Report,
    ReportSection,
    ReportTemplate,
    ReportVersion,
    TemplateSection,
)
from reports.standard import standard_text


class FiguresChanged(ValidationError):
    """Figures of a report changed between the page a writer confirmed and the finalising."""

    def __init__(self, changes: list[tuple[str, str, str]]):
        # (label, value seen, value now)
        self.changes = changes
        listed = "、".join(f"{label}（{seen or '无'}→{now}）" for label, seen, now in changes)
        super().__init__(f"打开定稿页面之后以下数字有变化：{listed}，请核对后再次确认。")


@transaction.atomic
def report_create(*, unit: OrgUnit, year: int, user: User | None) -> Report:
    """A new draft for `unit` and `year`, starting from the standard text that serves the
    unit (its own or an ancestor's template, or the one made from its records)."""
    if Report.objects.for_unit_year(unit, year).exists():
        raise ValidationError(f"{unit.name}{year}年的报告已经存在。")
    text = standard_text(unit, year)
    report = Report(
        org_unit=unit, year=year, opening=text.opening, plan_intro=text.plan_intro,
        created_by=user,
    )  # fmt: skip
    report.full_clean()
    report.save()
    # With their history from the start: a section's version (what its edit form carries
    # to refuse a stale save) and its history page begin with its creation.
    bulk_create_with_history(
        [
            ReportSection(
                report=report, order=n, headline=headline, body=body, empty_text=empty_text
            )
            for n, (headline, body, empty_text) in enumerate(text.sections, start=1)
        ],
        ReportSection,
        default_user=user,
    )
    return report


def figures_seen(document: Document) -> dict[str, str]:
    """The exact value of each figure of a document, as the finalise page carries them."""
    return {figure.key: figure.value for figure in document.figures}


def zero_figures(document: Document) -> list:
    """The figures of a document that are zero or that nobody can tell."""
    return [figure for figure in document.figures if is_zero(figure)]


@transaction.atomic
def report_finalise(
    *, report: Report, user: User | None, seen: dict[str, str] | None = None
) -> ReportVersion:
    """Freeze the report's figures as a new version and mark the report final.

    `seen` holds the figures the writer confirmed (`figures_seen` of the document shown);
    when any of them, or which figures the report has, changed since, nothing is frozen
    and FiguresChanged says what changed. None where no person confirms anything (the
    demo's loader, a command)."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.is_final:
        raise ValidationError("报告已经定稿；如需修改，请先新建版本。")
    document = compose(report)
    if document.problems:
        listed = "、".join(p.source for p in document.problems)
        raise ValidationError(f"报告中有无法识别的指标占位符：{listed}，请修改后再定稿。")
    if seen is not None:
        now = figures_seen(document)
        units = {figure.key: (figure.label, figure.unit) for figure in document.figures}
        changes = [
            (units.get(key, (key,))[0], _shown(seen.get(key), units, key),
             _shown(now.get(key), units, key))
            for key in [*now, *(key for key in seen if key not in now)]
            if seen.get(key) != now.get(key)
        ]  # fmt: skip
        if changes:
            raise FiguresChanged(changes)
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


def _shown(value: str | None, units, key) -> str:
    if value is None:
        return "（不在报告中）"
    unit = units[key][1] if key in units else ""
    return f"{value}{unit}" if value else "—"


@transaction.atomic
def template_create(*, unit: OrgUnit, year: int, user: User | None) -> ReportTemplate:
    """A template of `unit`'s own, starting from the standard text that serves it now (an
    ancestor's template, or the text made from the unit's records of `year`)."""
    if ReportTemplate.objects.filter(org_unit=unit).exists():
        raise ValidationError(f"{unit.name}已有自己的标准文本。")
    text = standard_text(unit, year, fill=False)
    template = ReportTemplate(
        org_unit=unit, opening=text.opening, plan_intro=text.plan_intro, updated_by=user
    )
    template.full_clean()
    template.save()
    bulk_create_with_history(
        [
            TemplateSection(template=template, order=n, headline=h, body=b, empty_text=e)
            for n, (h, b, e) in enumerate(text.sections, start=1)
        ],
        TemplateSection,
        default_user=user,
    )
    return template
