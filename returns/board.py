"""What the returns page shows: a unit's own return with its checks and deadline, and for
the unit above, the completeness board of the units directly below it."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils import timezone

from fedportal import indicators, roles, scoping
from fedportal.models import OrgUnit
from fedportal.periods import Period
from returns import locks, quality
from returns.models import Deadline, DeadlineException, Return

# Where a row stands on the board: what needs the approver first.
STATUS_ORDER = {
    Return.Status.SUBMITTED: 1,
    Return.Status.SENT_BACK: 2,
    Return.Status.REOPENED: 3,
    Return.Status.OPEN: 4,
    Return.Status.APPROVED: 5,
}


def deadline_for(unit: OrgUnit, year: int) -> Deadline | None:
    """The dates of `unit`'s level for `year`, as set by the deepest unit above it."""
    above = OrgUnit.objects.get_ancestors(unit)
    return (
        Deadline.objects.filter(year=year, level=unit.level, org_unit__in=above)
        .order_by("-org_unit__depth")
        .first()
    )


def exception_for(unit: OrgUnit, year: int, today: date) -> DeadlineException | None:
    return (
        DeadlineException.objects.filter(org_unit=unit, year=year, until__gte=today)
        .order_by("-until")
        .first()
    )


def days_left(deadline: Deadline | None, today: date) -> str:
    """“距截止还有N天”, “今天截止” or “已于…截止”, for a unit's own page."""
    if deadline is None:
        return ""
    if today < deadline.opens_on:
        return f"报送将于{deadline.opens_on:%Y年%-m月%-d日}开始，{deadline.closes_on:%Y年%-m月%-d日}截止"
    remaining = (deadline.closes_on - today).days
    if remaining > 0:
        return f"距截止还有{remaining}天（{deadline.closes_on:%Y年%-m月%-d日}）"
    if remaining == 0:
        return "今天截止"
    return f"已于{deadline.closes_on:%Y年%-m月%-d日}截止"


def record_counts(unit: OrgUnit, year: int) -> dict[str, dict[str, int]]:
    """{child path: {work area: records of the year}} for the units directly below `unit`,
    one query per kind of record, counted by the indicator layer's sources."""
    width = len(unit.path) + OrgUnit.steplen
    counts: dict[str, dict[str, int]] = {}
    seen = set()
    for source in indicators.all_sources():
        if source.model in seen or source.area not in roles.WORK_AREAS:
            continue
        seen.add(source.model)
        lookup = f"{source.unit_lookup}__path"
        for row in indicators.totals(source.key, Period.of(year), unit, (lookup,), ()):
            path = row[lookup][:width]
            area = roles.WORK_AREAS[source.area]
            counts.setdefault(path, {}).setdefault(area, 0)
            counts[path][area] += row["count"]
    return counts


def changes_since(unit: OrgUnit, year: int, since) -> int:
    """Changes (each history row: added, changed, deleted) to `unit`'s records of `year`
    after `since`, the return's approval."""
    total = 0
    for model in dict.fromkeys(source.model for source in indicators.all_sources()):
        if not locks.is_locked_model(model) or not hasattr(model, "history"):
            continue
        unit_field = getattr(model, "scope_unit_field", "org_unit")
        years = Q()
        for lookup in locks.year_lookups(model):
            years |= Q(**{lookup: year})
        total += (
            model.history.filter(years, history_date__gt=since)
            .filter(scoping.under(unit_field, unit))
            .count()
        )
    return total


@dataclass
class Row:
    unit: OrgUnit
    ret: Return | None
    deadline: Deadline | None
    overdue: bool
    closed: bool = False  # the deadline has passed: entry needs an exception
    counts: list[tuple[str, int, int]] = field(default_factory=list)
    violations: list = field(default_factory=list)
    changes: int | None = None

    @property
    def status(self):
        return self.ret.status if self.ret else Return.Status.OPEN

    @property
    def status_label(self) -> str:
        return self.ret.get_status_display() if self.ret else Return.Status.OPEN.label

    @property
    def unexplained(self) -> int:
        return sum(not v.explained for v in self.violations)

    @property
    def clean_submitted(self) -> bool:
        return self.status == Return.Status.SUBMITTED and not self.unexplained


def children_rows(unit: OrgUnit, year: int, today: date | None = None) -> list[Row]:
    """The board: one row per unit directly below `unit`, overdue ones first."""
    today = today or timezone.localdate()
    children = list(OrgUnit.objects.get_children(unit))
    returns = {
        r.org_unit_id: r
        for r in Return.objects.for_year(year)
        .filter(org_unit__in=children)
        .select_related("org_unit")
    }
    level_deadlines = {}
    this_year, last_year = record_counts(unit, year), record_counts(unit, year - 1)
    areas = list(roles.WORK_AREAS.values())
    found = quality.violations_of_children(unit, year, returns)
    rows = []
    for child in children:
        if child.level not in level_deadlines:
            level_deadlines[child.level] = deadline_for(child, year)
        deadline = level_deadlines[child.level]
        ret = returns.get(child.pk)
        status = ret.status if ret else Return.Status.OPEN
        overdue = (
            deadline is not None
            and today > deadline.closes_on
            and status not in (Return.Status.SUBMITTED, Return.Status.APPROVED)
        )
        now, before = this_year.get(child.path, {}), last_year.get(child.path, {})
        row = Row(
            unit=child,
            ret=ret,
            deadline=deadline,
            overdue=overdue,
            closed=deadline is not None and today > deadline.closes_on,
            counts=[(area, now.get(area, 0), before.get(area, 0)) for area in areas],
            violations=found.get(child.pk, []),
        )
        if ret is not None and ret.status == Return.Status.REOPENED and ret.approved_at:
            row.changes = changes_since(child, year, ret.approved_at)
        rows.append(row)
    rows.sort(key=lambda r: (not r.overdue, STATUS_ORDER[r.status], r.unit.path))
    return rows
