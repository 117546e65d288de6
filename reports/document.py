"""A report as a document: ordered blocks of text and figures, the one shape that the HTML
page, the PDF and the DOCX are all rendered from.

`compose(report)` computes every figure the report's text asks for, each with one query
through its indicator; `compose_default(unit, year)` does the same for a unit and year
that have no written report yet, from the standard text in `reports.defaults`. A
finalised report keeps its document as JSON (`Document.to_json`) so that it renders the
same for ever; `report_document(unit, year, version)` picks whichever of these a page,
a download or the `annual_report` command asks for.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from django.http import Http404
from django.utils import timezone

from fedportal import indicators
from fedportal.indicators import format_value, plain_number
from fedportal.models import OrgUnit
from reports import charts, defaults, placeholders
from reports.models import Report
from reports.placeholders import BY_CHILD_UNIT, BY_MONTH, ChartPlaceholder, Placeholder, Problem
from reports.typeset import split_title

CHINESE_NUMERALS = "一二三四五六七八九十"
NOT_FOUND = "报告不存在，或不在您的管辖范围内。"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (enough for the sections of a report)."""
    if n <= 10:
        return CHINESE_NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "十" if tens == 1 else CHINESE_NUMERALS[tens - 1] + "十"
    return head + (CHINESE_NUMERALS[ones - 1] if ones else "")


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    unit: str
    value: str  # exact, as a decimal string, so that JSON keeps it exact
    text: str  # as printed: "27万元"


@dataclass(frozen=True)
class Chart:
    """A chart of an indicator, its bars frozen with the document: (label, value, text)."""

    title: str
    unit: str
    by_month: bool
    bars: tuple[tuple[str, str, str], ...]

    @property
    def text(self) -> str:
        """The chart in words, for plain text and for readers that cannot see it."""
        return f"{self.title}：" + "，".join(f"{label}{text}" for label, _, text in self.bars)

    def svg(self):
        if self.by_month:
            return charts.month_chart(self.title, [Decimal(v) for _, v, _ in self.bars], self.unit)
        bars = [charts.Bar(label, Decimal(value), text=text) for label, value, text in self.bars]
        return charts.bar_chart(self.title, bars, self.unit)


@dataclass(frozen=True)
class Block:
    """One paragraph of the document.

    kind: "opening", "part" (一、… heading), "section" and "plan_item" (a paragraph that
    starts with its （一）… heading), "paragraph" (a further paragraph of the one before),
    "plan_intro", "targets" (a plan item's measurable targets), "notice", and "chart"
    (one `Chart` run).
    """

    kind: str
    heading: str = ""
    runs: tuple = ()

    def text(self) -> str:
        return self.heading + "".join(run_text(run) for run in self.runs)


def run_text(run) -> str:
    if isinstance(run, Figure | Chart):
        return run.text
    if isinstance(run, Problem):
        return run.source
    return run


@dataclass(frozen=True)
class Document:
    title: str
    unit_code: str
    unit_name: str
    year: int
    blocks: tuple[Block, ...]
    # "template" (no written report yet), "draft" or "final".
    status: str
    computed_at: str
    has_data: bool = True
    version: int | None = None
    figures: tuple[Figure, ...] = field(default=())
    # The title's lines where the writer broke it ("…工作情况和|2022年…"); empty, the
    # renderers break it where the meaning allows (reports.typeset.title_lines).
    title_lines: tuple[str, ...] = ()

    @property
    def problems(self) -> list[Problem]:
        return [run for block in self.blocks for run in block.runs if isinstance(run, Problem)]

    def text(self) -> str:
        """The whole document as plain text, one paragraph a line."""
        return "\n".join([self.title, *(block.text() for block in self.blocks)])

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "unit_code": self.unit_code,
            "unit_name": self.unit_name,
            "year": self.year,
            "status": self.status,
            "computed_at": self.computed_at,
            "has_data": self.has_data,
            "version": self.version,
            "figures": [figure.__dict__ for figure in self.figures],
            "title_lines": list(self.title_lines),
            "blocks": [
                {"kind": b.kind, "heading": b.heading, "runs": [_run_json(r) for r in b.runs]}
                for b in self.blocks
            ],
        }

    @classmethod
    def from_json(cls, data: dict) -> "Document":
        blocks = tuple(
            Block(b["kind"], b["heading"], tuple(_run_from_json(r) for r in b["runs"]))
            for b in data["blocks"]
        )
        return cls(
            title=data["title"],
            unit_code=data["unit_code"],
            unit_name=data["unit_name"],
            year=data["year"],
            blocks=blocks,
            status=data["status"],
            computed_at=data["computed_at"],
            has_data=data["has_data"],
            version=data["version"],
            figures=tuple(Figure(**figure) for figure in data["figures"]),
            title_lines=tuple(data.get("title_lines", ())),
        )


def _run_json(run):
    if isinstance(run, Figure):
        return {"figure": run.__dict__}
    if isinstance(run, Chart):
        return {"chart": run.__dict__}
    if isinstance(run, Problem):
        return {"problem": run.__dict__}
    return run


def _run_from_json(data):
    if isinstance(data, str):
        return data
    if "figure" in data:
        return Figure(**data["figure"])
    if "chart" in data:
        chart = data["chart"]
        return Chart(**{**chart, "bars": tuple(tuple(bar) for bar in chart["bars"])})
    return Problem(**data["problem"])


@dataclass
class _Source:
    """What people wrote, before figures are filled in."""

    title: str
    opening: str
    sections: list[tuple[str, str]]  # (headline, body)
    plan_intro: str
    plan_items: list[tuple[str, str, list[str]]]  # (heading, body, target sentences)


def compose(report) -> Document:
    """The live document of a saved report: its text with today's figures."""
    with indicators.pinned():
        return _compose_report(report)


def _compose_report(report) -> Document:
    sections = [(s.headline, s.body) for s in report.sections.all()]
    items = [
        (item.heading, item.body, [t.sentence() for t in item.targets.all()])
        for item in report.plan_items.prefetch_related("targets")
    ]
    source = _Source(report.title_with_breaks, report.opening, sections, report.plan_intro, items)
    return _compose(source, report.org_unit, report.year, status=report.status)


def compose_default(unit: OrgUnit, year: int) -> Document:
    """The document of a unit and year nobody has written a report for: the standard text."""
    source = _Source(
        defaults.title(unit.name, year),
        defaults.opening(year),
        list(defaults.SECTIONS),
        "",
        [],
    )
    return _compose(source, unit, year, status="template")


def report_document(unit, year, version_number=None) -> tuple[Report | None, Document]:
    """The report of `unit` and `year` as a document: a given version, the latest version of
    a final report, the live draft, or the standard text when none is written.

    A version that does not exist is an Http404, as the pages that ask for it answer it.
    """
    report = Report.objects.for_unit_year(unit, year).first()
    if report is None:
        if version_number:
            raise Http404(NOT_FOUND)
        return None, compose_default(unit, year)
    if version_number or report.is_final:
        versions = report.versions.all()
        version = (
            versions.filter(number=version_number).first()
            if version_number
            else versions.order_by("-number").first()
        )
        if version is None:
            raise Http404("没有这个版本。")
        return report, Document.from_json(version.document)
    return report, compose(report)


def _compose(source: _Source, unit: OrgUnit, year: int, *, status: str) -> Document:
    with indicators.pinned():
        return _compose_pinned(source, unit, year, status=status)


def _compose_pinned(source: _Source, unit: OrgUnit, year: int, *, status: str) -> Document:
    texts = [source.opening, source.plan_intro]
    texts += [body for _, body in source.sections]
    texts += [body for _, body, _ in source.plan_items]
    keys = [key for text in texts for key in placeholders.keys(text, unit)]
    values = figure_values(keys, year, unit)
    chart = partial(chart_of, year=year, unit=unit)

    blocks: list[Block] = []
    if source.opening:
        blocks += _paragraphs("opening", "", source.opening, values, chart, unit)
    blocks.append(Block("part", f"一、{year}年主要工作情况"))
    for n, (headline, body) in enumerate(source.sections, start=1):
        blocks += _paragraphs(
            "section", f"（{chinese_numeral(n)}）{_sentence(headline)}", body, values, chart, unit
        )
    blocks.append(Block("part", f"二、{year + 1}年主要工作思路和打算"))
    if source.plan_intro:
        blocks += _paragraphs("plan_intro", "", source.plan_intro, values, chart, unit)
    for n, (heading, body, targets) in enumerate(source.plan_items, start=1):
        blocks += _paragraphs(
            "plan_item", f"（{chinese_numeral(n)}）{_sentence(heading)}", body, values, chart, unit
        )
        if targets:
            blocks.append(Block("targets", "", ("量化目标：" + "；".join(targets) + "。",)))
    if not source.plan_intro and not source.plan_items:
        blocks.append(Block("notice", "", (f"{year + 1}年工作打算尚未填写。",)))

    has_data = any(f.value and Decimal(f.value) != 0 for f in values.values())
    if not has_data:
        notice = f"{unit.name}{year}年暂无业务记录，报告中的数字均为零。"
        blocks.insert(0, Block("notice", "", (notice,)))
    title, title_lines = split_title(source.title)
    return Document(
        title=title,
        title_lines=title_lines,
        unit_code=unit.code,
        unit_name=unit.name,
        year=year,
        blocks=tuple(blocks),
        status=status,
        computed_at=timezone.localtime().isoformat(timespec="seconds"),
        has_data=has_data,
        figures=tuple(values.values()),
    )


def compose_part(
    unit: OrgUnit, year: int, *, kind: str, heading: str, body: str, number: int = 1
) -> list[Block]:
    """One section, plan item or other text of a report as the report will show it, with
    today's figures: what the editor previews while a writer types."""
    values = figure_values(placeholders.keys(body, unit), year, unit)
    chart = partial(chart_of, year=year, unit=unit)
    if kind in ("section", "plan_item") and heading.strip():
        heading = f"（{chinese_numeral(number)}）{_sentence(heading)}"
    else:
        heading = ""
    return _paragraphs(kind, heading, body, values, chart, unit)


def chart_of(placeholder: ChartPlaceholder, year: int, unit: OrgUnit) -> Chart:
    """The chart a placeholder asks for, with its bars' values: one query."""
    indicator = indicators.get(placeholder.key)
    spec = indicator.spec(unit)
    dimension = placeholder.dimension
    if dimension == BY_MONTH:
        rows = [(f"{m}月", v) for m, v in enumerate(indicator.by_month(year, unit), start=1)]
    elif dimension == BY_CHILD_UNIT:
        rows = [
            (f"{child.name}本级" if child == unit else child.name, v)
            for child, v in indicator.by_child_unit(year, unit)
        ]
    else:
        rows = indicator.breakdown(year, unit, dimension)
    bars = tuple((label, plain_number(v or 0), format_value(v, spec.unit)) for label, v in rows)
    title = f"{unit.name}{year}年{spec.label}（按{dimension}）"
    return Chart(title, spec.unit, dimension == BY_MONTH, bars)


def figure_values(keys, year: int, unit: OrgUnit) -> dict[str, Figure]:
    """Each indicator's figure for the year and unit (in the unit's own words, where it
    defines the figure itself), one query per distinct indicator. A figure nobody can tell
    (a rate over nothing) is kept with an empty value and printed as "—"."""
    registry = indicators.registry()
    values = {}
    for key in dict.fromkeys(keys):
        indicator = registry.get(key)
        spec = indicator.spec(unit)
        value = indicator.value(year, unit)
        values[key] = Figure(
            key,
            spec.label,
            spec.unit,
            "" if value is None else plain_number(value),
            format_value(value, spec.unit),
        )
    return values


def _sentence(headline: str) -> str:
    headline = headline.strip()
    return headline if headline[-1:] in "。！？：" else headline + "。"


def _paragraphs(
    kind: str,
    heading: str,
    text: str,
    values: dict[str, Figure],
    chart: Callable,
    unit: OrgUnit,
) -> list[Block]:
    """`text` as paragraphs (one a line); the first carries `heading` and `kind`."""
    lines = [line.strip() for line in text.splitlines() if line.strip()] or [""]
    blocks = []
    for i, line in enumerate(lines):
        parts = placeholders.parse(line, unit)
        if len(parts) == 1 and isinstance(parts[0], ChartPlaceholder) and i > 0:
            blocks.append(Block("chart", "", (chart(parts[0]),)))
            continue
        runs = tuple(_run(part, values) for part in parts)
        blocks.append(Block(kind if i == 0 else "paragraph", heading if i == 0 else "", runs))
    return blocks


def _run(part, values):
    if isinstance(part, ChartPlaceholder):
        return Problem(part.source, "图表须单独成一段，且不能放在小标题所在的第一段。")
    if isinstance(part, Placeholder):
        figure = values[part.key]
        value = Decimal(figure.value) if figure.value else None
        text = format_value(value, figure.unit, approx=part.approx, with_unit=part.with_unit)
        return Figure(figure.key, figure.label, figure.unit, figure.value, text)
    return part
