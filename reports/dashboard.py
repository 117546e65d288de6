"""The officials' dashboard: how the work of a unit stands in a year.

Every number comes from an indicator (`fedportal.indicators`), each read with one query, so
the page makes the same number of queries however many records there are. Figures are
live: nothing is cached, and the page says when it was computed.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from fedportal import indicators
from fedportal.models import OrgUnit
from reports import charts
from reports.charts import Bar
from reports.models import PlanTarget
from reports.outputs import figure_url


@dataclass(frozen=True)
class ChartSpec:
    title: str
    key: str
    dimension: str | None = None  # None: by month


@dataclass(frozen=True)
class Area:
    title: str
    headline: tuple[str, ...]  # indicator keys shown as cards
    charts: tuple[ChartSpec, ...] = ()


AREAS = (
    Area(
        "家庭工作",
        (
            "families.awards",
            "families.activity_sessions",
            "families.activity_beneficiaries",
            "families.parent_schools",
        ),
        (
            ChartSpec("家庭表彰（按级别）", "families.awards", "级别"),
            ChartSpec("家庭表彰（按类别）", "families.awards", "类别"),
        ),
    ),
    Area(
        "评先评优",
        ("honors.honors", "honors.commendation_events", "honors.federation_honors"),
        (ChartSpec("获得荣誉（按级别）", "honors.honors", "级别"),),
    ),
    Area(
        "维权服务",
        (
            "rights.cases_received",
            "rights.cases_closed",
            "rights.mediations",
            "rights.mediations_settled",
        ),
        (
            ChartSpec("维权案件（按来源渠道）", "rights.cases_received", "来源渠道"),
            ChartSpec("维权案件（按月份）", "rights.cases_received"),
        ),
    ),
    Area(
        "妇儿民生",
        (
            "welfare.grants",
            "welfare.grant_amount",
            "welfare.fundraising",
            "welfare.cervical_screened",
        ),
        (ChartSpec("救助金额（按帮扶项目）", "welfare.grant_amount", "帮扶项目"),),
    ),
    Area(
        "技能就业",
        (
            "employment.classes",
            "employment.trainees",
            "employment.certified",
            "employment.job_fair_hires",
        ),
        (ChartSpec("参训人数（按培训类别）", "employment.trainees", "培训类别"),),
    ),
)

# The figures compared across the units below: one column each in the drill-down table.
COMPARED = (
    "families.awards",
    "rights.cases_received",
    "welfare.grant_amount",
    "employment.trainees",
)


@dataclass
class Target:
    sentence: str
    value_text: str
    met: bool
    percent: int  # of the target reached, capped at 100 for the bar


@dataclass
class Card:
    key: str
    label: str
    text: str
    previous_text: str
    change: str  # "比上年增长12.5%", "与上年持平", "上年为0"
    trend: str  # "up", "down", "flat"
    url: str | None


@dataclass
class Section:
    title: str
    cards: list[Card]
    charts: list = field(default_factory=list)


@dataclass
class ChildRow:
    unit: OrgUnit
    url: str | None  # None for the unit's own records
    texts: list[str]


@dataclass
class Dashboard:
    unit: OrgUnit
    year: int
    sections: list[Section]
    targets: list[Target]
    compared_labels: list[str]
    children: list[ChildRow]
    comparison_chart: str
    computed_at: object


def dashboard_url(unit: OrgUnit, year: int) -> str:
    return reverse("dashboard") + "?" + urlencode({"year": year, "unit": unit.code})


def change_between(value, previous) -> tuple[str, str]:
    if value == previous:
        return "与上年持平", "flat"
    if not previous:
        return "上年为0", "up"
    percent = (Decimal(value) - Decimal(previous)) / Decimal(previous) * 100
    word = "增长" if percent > 0 else "下降"
    return f"比上年{word}{abs(percent):.1f}%", "up" if percent > 0 else "down"


def card(key: str, year: int, unit: OrgUnit, user) -> Card:
    indicator = indicators.get(key)
    value = indicator.value(year, unit)
    previous = indicator.value(year - 1, unit)
    change, trend = change_between(value, previous)
    return Card(
        key=key,
        label=indicator.label,
        text=indicator.format(value),
        previous_text=indicator.format(previous),
        change=change,
        trend=trend,
        url=figure_url(user, key, year, unit.code),
    )


def chart(spec: ChartSpec, year: int, unit: OrgUnit) -> str:
    indicator = indicators.get(spec.key)
    if spec.dimension is None:
        return charts.month_chart(spec.title, indicator.by_month(year, unit), indicator.unit)
    bars = [
        Bar(label, value, text=indicator.format(value))
        for label, value in indicator.breakdown(year, unit, spec.dimension)
    ]
    return charts.bar_chart(spec.title, bars, indicator.unit)


def targets_for(year: int, unit: OrgUnit) -> list[Target]:
    """The measurable targets the previous year's plan of `unit` set for `year`."""
    planned = PlanTarget.objects.filter(
        plan_item__report__org_unit=unit, plan_item__report__year=year - 1
    ).order_by("plan_item__order", "pk")
    result = []
    for target in planned:
        indicator = indicators.get(target.indicator)
        value = indicator.value(year, unit)
        reached = 100 if not target.target else int(min(value / target.target, 1) * 100)
        result.append(
            Target(
                sentence=target.sentence(),
                value_text=indicator.format(value),
                met=target.is_met(value),
                percent=reached,
            )
        )
    return result


def child_rows(year: int, unit: OrgUnit) -> tuple[list[ChildRow], str]:
    """One row per unit directly below `unit` with the compared figures, and a chart of the
    first of them whose bars drill down. One query per compared figure."""
    compared = [indicators.get(key) for key in COMPARED]
    columns = [dict(indicator.by_child_unit(year, unit)) for indicator in compared]
    # by_child_unit lists the unit itself first when records sit at the unit itself; that
    # row ("本级") makes the rows add up to the unit's figures, and has nothing to drill into.
    children = [child for child in columns[0] if child != unit]
    own = [unit] if any(unit in column for column in columns) else []
    rows = [
        ChildRow(
            child,
            None if child == unit else dashboard_url(child, year),
            [i.format(column.get(child, 0)) for i, column in zip(compared, columns, strict=True)],
        )
        for child in own + children
    ]
    first = compared[0]
    bars = [
        Bar(
            child.name,
            columns[0][child],
            dashboard_url(child, year),
            first.format(columns[0][child]),
        )
        for child in children
    ]
    title = f"{first.label}（按下级单位）"
    return rows, charts.bar_chart(title, bars, first.unit) if bars else ""


def build(unit: OrgUnit, year: int, user) -> Dashboard:
    sections = [
        Section(
            area.title,
            [card(key, year, unit, user) for key in area.headline],
            [chart(spec, year, unit) for spec in area.charts],
        )
        for area in AREAS
    ]
    children, comparison_chart = child_rows(year, unit)
    return Dashboard(
        unit=unit,
        year=year,
        sections=sections,
        targets=targets_for(year, unit),
        compared_labels=[indicators.get(key).label for key in COMPARED],
        children=children,
        comparison_chart=comparison_chart,
        computed_at=timezone.localtime(),
    )
