"""A report as a document: ordered blocks of text and figures, the one shape that the HTML
page, the PDF and the DOCX are all rendered from.

`compose(report)` computes every figure the report's text asks for, each with one query
through its indicator; `compose_default(unit, year)` does the same for a unit and year
that have no written report yet, from the standard text that serves the unit
(`reports.standard`: its own or an ancestor's template, or one made from its records).
Nothing is said about nothing: a sentence whose figures are all zero is left out, and so
is a clause (up to "，") of a sentence that says something else. A
finalised report keeps its document as JSON (`Document.to_json`) so that it renders the
same for ever; `report_document(unit, year, version)` picks whichever of these a page,
a download or the `annual_report` command asks for.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from django.http import Http404
from django.utils import timezone

from fedportal import indicators
from fedportal.indicators import format_value, plain_number
from fedportal.models import OrgUnit
from reports import charts, placeholders
from reports.models import Report, default_title
from reports.placeholders import (
    BY_CHILD_UNIT,
    BY_MONTH,
    ChartPlaceholder,
    ListPlaceholder,
    Placeholder,
    Problem,
)
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
    sections: list[tuple[str, str, str]]  # (headline, body, what to say when nothing is left)
    plan_intro: str
    plan_items: list[tuple[str, str, list[str]]]  # (heading, body, target sentences)


def compose(report) -> Document:
    """The live document of a saved report: its text with today's figures."""
    with indicators.pinned():
        return _compose_report(report)


def _compose_report(report) -> Document:
    sections = [(s.headline, s.body, s.empty_text) for s in report.sections.all()]
    items = [
        (item.heading, item.body, [t.sentence() for t in item.targets.all()])
        for item in report.plan_items.prefetch_related("targets")
    ]
    source = _Source(report.title_with_breaks, report.opening, sections, report.plan_intro, items)
    return _compose(source, report.org_unit, report.year, status=report.status)


def compose_default(unit: OrgUnit, year: int) -> Document:
    """The document of a unit and year nobody has written a report for: the standard text
    that serves the unit."""
    from reports.standard import standard_text

    with indicators.pinned():
        text = standard_text(unit, year)
        source = _Source(
            default_title(unit.name, year), text.opening, text.sections, text.plan_intro, []
        )
        return _compose_pinned(source, unit, year, status="template")


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
    texts += [body for _, body, _ in source.sections]
    texts += [body for _, body, _ in source.plan_items]
    keys = [key for text in texts for key in placeholders.keys(text, unit)]
    values = figure_values(keys, year, unit)
    chart = partial(chart_of, year=year, unit=unit)

    blocks: list[Block] = []
    if source.opening:
        blocks += _paragraphs("opening", "", source.opening, values, chart, unit)
    blocks.append(Block("part", f"一、{year}年主要工作情况"))
    n = 0
    for headline, body, empty_text in source.sections:
        heading = f"（{chinese_numeral(n + 1)}）{_sentence(headline)}"
        said = _paragraphs("section", heading, body, values, chart, unit)
        if not said and empty_text.strip():
            said = [Block("section", heading, (empty_text.strip(),))]
        if said:  # a section with nothing left and nothing to say instead is left out
            n += 1
            blocks += said
    blocks.append(Block("part", f"二、{year + 1}年主要工作思路和打算"))
    if source.plan_intro:
        blocks += _paragraphs("plan_intro", "", source.plan_intro, values, chart, unit)
    for n, (heading, body, targets) in enumerate(source.plan_items, start=1):
        heading = f"（{chinese_numeral(n)}）{_sentence(heading)}"
        blocks += _paragraphs("plan_item", heading, body, values, chart, unit) or [
            Block("plan_item", heading, ())
        ]
        if targets:
            blocks.append(Block("targets", "", ("量化目标：" + "；".join(targets) + "。",)))
    if not source.plan_intro and not source.plan_items:
        blocks.append(Block("notice", "", (f"{year + 1}年工作打算尚未填写。",)))

    # Only when every figure of the text is zero are the records themselves asked: a unit
    # may well have records that its text does not count.
    has_data = any(not is_zero(f) for f in values.values()) or indicators.has_records(year, unit)
    if not has_data:
        notice = f"{unit.name}{year}年暂无业务记录。"
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
    return _paragraphs(kind, heading, body, values, chart, unit) or (
        [Block(kind, heading, ())] if heading else []
    )


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
    """`text` as paragraphs (one a line), with what says nothing left out; the first
    carries `heading` and `kind`. Empty when nothing is left."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    blocks = []
    for i, line in enumerate(lines):
        parts = placeholders.parse(line, unit)
        if len(parts) == 1 and isinstance(parts[0], ChartPlaceholder) and i > 0:
            blocks.append(Block("chart", "", (chart(parts[0]),)))
            continue
        runs = _spoken(_leave_out_zeros([_run(part, values) for part in parts]))
        if not "".join(run_text(run) for run in runs).strip():
            continue
        first = not any(block.kind != "chart" for block in blocks)
        blocks.append(Block(kind if first else "paragraph", heading if first else "", runs))
    if blocks and blocks[0].kind == "chart":
        # Its own first line said nothing: the heading stands alone above the chart.
        blocks.insert(0, Block(kind, heading, ()))
    return blocks


@dataclass(frozen=True)
class _Said:
    """A figure a placeholder asked for, before the sentences that say nothing go."""

    figure: Figure
    keep_zero: bool = False


@dataclass(frozen=True)
class _Listed:
    """The figures of a list placeholder, each with its name; those that are not zero are
    written as "name value", joined by 、."""

    items: tuple[tuple[str, Figure], ...]


def is_zero(figure: Figure) -> bool:
    """Zero, or nothing anyone can tell (a rate over nothing)."""
    return not figure.value or Decimal(figure.value) == 0


SENTENCE_ENDS = "。！？；"
CLAUSE_END = "，"
_AFTER_MARK = re.compile(f"(?<=[{SENTENCE_ENDS}{CLAUSE_END}])")


def _sentences(runs) -> list[list[list]]:
    """The runs as sentences (up to 。！？；or the line's end), each a list of clauses (up
    to "，"), each a list of runs; a mark stays at the end of its clause."""
    sentences, clauses, clause = [], [], []
    for run in runs:
        pieces = [p for p in _AFTER_MARK.split(run) if p] if isinstance(run, str) else [run]
        for piece in pieces:
            clause.append(piece)
            if isinstance(piece, str) and piece[-1] in SENTENCE_ENDS + CLAUSE_END:
                clauses.append(clause)
                clause = []
                if piece[-1] in SENTENCE_ENDS:
                    sentences.append(clauses)
                    clauses = []
    if clause:
        clauses.append(clause)
    if clauses:
        sentences.append(clauses)
    return sentences


def _says_nothing(runs) -> bool:
    """Whether the runs hold figures and every one of them is zero (a problem is always
    kept in sight, and so is a figure written to be said even at zero)."""
    figures = []
    for run in runs:
        if isinstance(run, Problem):
            return False
        if isinstance(run, _Said):
            if run.keep_zero:
                return False
            figures.append(run.figure)
        elif isinstance(run, _Listed):
            figures += [figure for _, figure in run.items]
    return bool(figures) and all(is_zero(figure) for figure in figures)


def _split_mark(clause: list) -> tuple[list, str]:
    """The clause without its closing mark, and the mark ("" at a line's end)."""
    last = clause[-1]
    if isinstance(last, str) and last[-1] in SENTENCE_ENDS + CLAUSE_END:
        return [*clause[:-1], *([last[:-1]] if last[:-1] else [])], last[-1]
    return clause, ""


def _leave_out_zeros(runs: list) -> list:
    """The runs without the sentences, and the clauses of sentences, that say nothing."""
    kept = []
    for clauses in _sentences(runs):
        if _says_nothing([run for clause in clauses for run in clause]):
            continue
        remaining = [clause for clause in clauses if not _says_nothing(clause)]
        if len(remaining) == len(clauses):
            kept += [run for clause in clauses for run in clause]
            continue
        _, end = _split_mark(clauses[-1])
        for n, clause in enumerate(remaining):
            kept += _split_mark(clause)[0]
            kept.append(CLAUSE_END if n < len(remaining) - 1 else end)
    return kept


def _spoken(runs: list) -> tuple:
    """The runs as the document holds them: figures, and lists written out."""
    out: list = []
    for run in runs:
        if isinstance(run, _Said):
            out.append(run.figure)
        elif isinstance(run, _Listed):
            shown = [(name, figure) for name, figure in run.items if not is_zero(figure)]
            for n, (name, figure) in enumerate(shown):
                out += (["、"] if n else []) + [name, figure]
        else:
            out.append(run)
    merged: list = []
    for run in out:
        if isinstance(run, str) and merged and isinstance(merged[-1], str):
            merged[-1] += run
        elif run != "":
            merged.append(run)
    return tuple(merged)


def _figure(part: Placeholder, values) -> Figure:
    figure = values[part.key]
    value = Decimal(figure.value) if figure.value else None
    text = format_value(value, figure.unit, approx=part.approx, with_unit=part.with_unit)
    return Figure(figure.key, figure.label, figure.unit, figure.value, text)


def _run(part, values):
    if isinstance(part, ChartPlaceholder):
        return Problem(part.source, "图表须单独成一段，且不能放在小标题所在的第一段。")
    if isinstance(part, Placeholder):
        return _Said(_figure(part, values), part.keep_zero)
    if isinstance(part, ListPlaceholder):
        return _Listed(tuple((values[i.key].label, _figure(i, values)) for i in part.items))
    return part
