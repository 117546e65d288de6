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
from fedportal.indicators import format_value
from fedportal.models import TALLY_MEASURES, OrgUnit
from fedportal.periods import Period
from reports import charts
from reports.charts import Bar
from reports.models import PlanTarget
from reports.outputs import figure_url
from welfare.models import Grant, Programme

TALLIED = tuple(TALLY_MEASURES)
NOT_APPLICABLE = Grant.SubsidyType.NOT_APPLICABLE


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
    app: str = ""


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
        app="families",
    ),
    Area(
        "评先评优",
        ("honors.honors", "honors.commendation_events", "honors.federation_honors"),
        (ChartSpec("获得荣誉（按级别）", "honors.honors", "级别"),),
        app="honors",
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
        app="rights",
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
        app="welfare",
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
        app="employment",
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
    status: str  # "已完成", "还差3场", "超出2件": the state in words, not by colour alone


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
class ProgrammeRow:
    """One programme's grants in the period: money for those giving money, goods in the
    programme's own unit (by subsidy type where it has them) for those giving goods."""

    name: str
    grants: str
    money: str
    goods: str


@dataclass
class Section:
    title: str
    cards: list[Card]
    charts: list = field(default_factory=list)
    tallies: list[tuple[str, str]] = field(default_factory=list)  # kind, its counts
    programmes: list[ProgrammeRow] = field(default_factory=list)


@dataclass
class ChildRow:
    unit: OrgUnit
    url: str | None  # None for the unit's own records
    texts: list[str]


@dataclass
class Dashboard:
    unit: OrgUnit
    period: Period
    sections: list[Section]
    targets: list[Target]
    compared_labels: list[str]
    children: list[ChildRow]
    comparison_chart: str
    computed_at: object

    @property
    def year(self) -> int:
        return self.period.year


def dashboard_url(unit: OrgUnit, period) -> str:
    period = Period.of(period)
    when = {"year": period.year} if period.is_year else {"period": period.code}
    return reverse("dashboard") + "?" + urlencode({**when, "unit": unit.code})


# Below this many of a figure's units last year, a percentage alone misleads (1 → 6 reads
# "增长500.0%"): the change is told in the figure's own unit first.
SMALL_BASE = 10


def change_between(value, previous, unit_word: str = "") -> tuple[str, str]:
    """How `value` compares with last year's, in words, and its direction: "up", "down" or
    "flat". A rate moves by percentage points; a small base by its own unit beside the
    percentage."""
    if value is None or previous is None:
        return "无法比较", "flat"
    if value == previous:
        return "与上年持平", "flat"
    difference = Decimal(value) - Decimal(previous)
    trend = "up" if difference > 0 else "down"
    if unit_word == "%":
        word = "提高" if difference > 0 else "降低"
        return f"比上年{word}{abs(difference):.1f}个百分点", trend
    amount = format_value(abs(difference), unit_word)
    if not previous:
        return f"上年为0，今年{format_value(value, unit_word)}", trend
    percent = difference / Decimal(previous) * 100
    word = "增长" if difference > 0 else "下降"
    if abs(Decimal(previous)) < SMALL_BASE:
        more = "增加" if difference > 0 else "减少"
        return f"比上年{more}{amount}（{word}{abs(percent):.1f}%）", trend
    return f"比上年{word}{abs(percent):.1f}%", trend


def card(indicator, period: Period, unit: OrgUnit, user) -> Card:
    spec = indicator.spec(unit)
    value = indicator.value(period, unit)
    previous = indicator.value(period.previous_year(), unit)
    change, trend = change_between(value, previous, spec.unit)
    return Card(
        key=indicator.key,
        label=spec.label,
        text=format_value(value, spec.unit),
        previous_text=format_value(previous, spec.unit),
        change=change,
        trend=trend,
        url=figure_url(user, indicator.key, period.year, unit.code) if period.is_year else None,
    )


def chart(registry, spec: ChartSpec, period: Period, unit: OrgUnit) -> str:
    indicator = registry.get(spec.key)
    if spec.dimension is None:
        values = indicator.by_month(period, unit)
        if period.is_year:
            return charts.month_chart(spec.title, values, indicator.unit)
        months = [f"{month}月" for _, month in period.months()]
        bars = [Bar(m, v, text=indicator.format(v)) for m, v in zip(months, values, strict=True)]
        return charts.bar_chart(spec.title, bars, indicator.unit)
    # A group with nothing in it says nothing: a goods programme has no bar of "0元".
    bars = [
        Bar(label, value, text=indicator.format(value))
        for label, value in indicator.breakdown(period, unit, spec.dimension)
        if value
    ]
    return charts.bar_chart(spec.title, bars, indicator.unit) if bars else ""


def own_figures(registry, area: str, unit: OrgUnit) -> list:
    """The figures defined for `unit` or units above it (not the built-in ones) in `area`:
    a federation's own figures appear on its dashboard as soon as they are defined."""
    return [
        indicator
        for indicator in registry.all(area, unit)
        if indicator.spec(unit).origin == "definition"
        and not indicator.spec(unit).builtin
        and indicator.spec(unit).owner_path is not None
    ]


def tally_lines(area: str, period: Period, unit: OrgUnit) -> list[tuple[str, str]]:
    """Each tally kind of the area with its counts in the period, in one query."""
    key = f"{area}.tally"
    if key not in {s.key for s in indicators.all_sources()}:
        return []
    rows = indicators.totals(key, period, unit, ("kind__name", "goods_unit"), TALLIED)
    lines: dict[str, list[str]] = {}
    for row in rows:
        parts = lines.setdefault(row["kind__name"], [])
        for name, (_, unit_word, short) in TALLY_MEASURES.items():
            if row[name]:
                # "12场，800人次，金额1.9万元": money and goods say what they are.
                prefix = short if unit_word in ("", "元") else ""
                parts.append(prefix + format_value(row[name], unit_word or row["goods_unit"]))
    return [(kind, "，".join(parts)) for kind, parts in lines.items() if parts]


def programme_rows(period: Period, unit: OrgUnit) -> list[ProgrammeRow]:
    """The period's grants per programme, in one query."""
    rows = indicators.totals(
        "welfare.grant",
        period,
        unit,
        (
            "programme__name",
            "programme__order",
            "programme__gives",
            "programme__default_unit",
            "subsidy_type",
        ),
        ("amount", "quantity", "goods_value"),
    )
    by_programme: dict[str, list[dict]] = {}
    for row in sorted(rows, key=lambda r: (r["programme__order"], r["programme__name"])):
        by_programme.setdefault(row["programme__name"], []).append(row)
    result = []
    subsidy_labels = dict(Grant.SubsidyType.choices)
    for name, groups in by_programme.items():
        first = groups[0]
        gives = first["programme__gives"]
        goods_unit = first["programme__default_unit"] or "件"
        amount = sum(g["amount"] for g in groups)
        money = format_value(amount, "元") if gives != Programme.Gives.GOODS or amount else ""
        goods = ""
        if gives != Programme.Gives.MONEY or any(g["quantity"] for g in groups):
            split = [g for g in groups if g["quantity"]]
            if len(split) > 1 or (split and split[0]["subsidy_type"] != NOT_APPLICABLE):
                goods = "、".join(
                    f"{subsidy_labels.get(g['subsidy_type'], '')}{format_value(g['quantity'], goods_unit)}"
                    for g in split
                )
            else:
                goods = format_value(sum(g["quantity"] for g in groups), goods_unit)
            value = sum(g["goods_value"] for g in groups)
            if value:
                goods += f"（价值{format_value(value, '元')}）"
        result.append(
            ProgrammeRow(name, format_value(sum(g["count"] for g in groups), "人次"), money, goods)
        )
    return result


def targets_for(registry, period: Period, unit: OrgUnit) -> list[Target]:
    """The measurable targets the previous year's plan of `unit` set for the year."""
    year = period.year
    planned = PlanTarget.objects.filter(
        plan_item__report__org_unit=unit, plan_item__report__year=year - 1
    ).order_by("plan_item__order", "pk")
    result = []
    for target in planned:
        if target.indicator not in registry:
            continue
        indicator = registry.get(target.indicator)
        value = indicator.value(year, unit) or 0
        reached = 100 if not target.target else int(min(value / target.target, 1) * 100)
        met = target.is_met(value)
        gap = indicator.format(abs(target.target - Decimal(value)))
        if met:
            status = "已完成"
        elif target.comparison == PlanTarget.Comparison.AT_LEAST:
            status = f"还差{gap}"
        else:
            status = f"超出{gap}"
        result.append(
            Target(
                sentence=target.sentence(),
                value_text=indicator.format(value),
                met=met,
                percent=reached,
                status=status,
            )
        )
    return result


def child_rows(registry, period: Period, unit: OrgUnit) -> tuple[list[ChildRow], str]:
    """One row per unit directly below `unit` with the compared figures, and a chart of the
    first of them whose bars drill down. One query per compared figure."""
    compared = [registry.get(key) for key in COMPARED]
    columns = [dict(indicator.by_child_unit(period, unit)) for indicator in compared]
    # by_child_unit lists the unit itself first when records sit at the unit itself; that
    # row ("本级") makes the rows add up to the unit's figures, and has nothing to drill into.
    children = [child for child in columns[0] if child != unit]
    own = [unit] if any(unit in column for column in columns) else []
    rows = [
        ChildRow(
            child,
            None if child == unit else dashboard_url(child, period),
            [i.format(column.get(child, 0)) for i, column in zip(compared, columns, strict=True)],
        )
        for child in own + children
    ]
    first = compared[0]
    bars = [
        Bar(
            child.name,
            columns[0][child],
            dashboard_url(child, period),
            first.format(columns[0][child]),
        )
        for child in children
    ]
    title = f"{first.label}（按下级单位）"
    return rows, charts.bar_chart(title, bars, first.unit) if bars else ""


def build(unit: OrgUnit, period, user) -> Dashboard:
    period = Period.of(period)
    registry = indicators.registry()
    sections = []
    for area in AREAS:
        figures = [registry.get(key) for key in area.headline] + own_figures(
            registry, area.app, unit
        )
        sections.append(
            Section(
                area.title,
                [card(indicator, period, unit, user) for indicator in figures],
                [svg for spec in area.charts if (svg := chart(registry, spec, period, unit))],
                tally_lines(area.app, period, unit),
                programme_rows(period, unit) if area.app == "welfare" else [],
            )
        )
    children, comparison_chart = child_rows(registry, period, unit)
    return Dashboard(
        unit=unit,
        period=period,
        sections=sections,
        targets=targets_for(registry, period, unit) if period.is_year else [],
        compared_labels=[registry.get(key).label for key in COMPARED],
        children=children,
        comparison_chart=comparison_chart,
        computed_at=timezone.localtime(),
    )
