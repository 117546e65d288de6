"""The annual report as a PDF in the layout of Chinese official documents (GB/T 9704-2012).

The markup is `templates/reports/report_print.html`, rendered with autoescaping so that
nothing a writer types becomes markup; its stylesheet, `templates/reports/report_print.css`,
holds the page, the faces (`reports.fonts`) and the grid of 22 lines × 28 characters.
Paragraphs come to the template already broken into justified lines (`reports.typeset`):
WeasyPrint would justify by spaces only, which Chinese text does not have. Each line is a
block of its own, so widows and orphans are kept by the lines' break rules (no first line
alone at the foot of a page, no last line alone at its head) and a heading stays with the
paragraph after it. Fonts are embedded as subsets and the text stays copyable.

The page carries no status: a draft has a "草稿" mark above its title, and a finalised
version names itself in the document's metadata and file name only.

Nothing is fetched while rendering: the stylesheet is inside the HTML and the fonts come
from fontconfig, and the URL fetcher refuses every URL, so no text in a report can make the
server open a file or a network address.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string

from reports import fonts, typeset
from reports.document import Block, Chart, Document, Figure
from reports.placeholders import Problem
from reports.typeset import BODY_SIZE, GRID_SPACING, MEASURE, Line, Piece

# Two characters of the grid: the first line's characters stand in the columns of the rest.
INDENT = 2 * (BODY_SIZE + GRID_SPACING)
# A notice sits inside a 3 pt rule and 1 em of padding.
NOTICE_MEASURE = MEASURE - BODY_SIZE - 3


@dataclass
class PrintBlock:
    tag: str  # "h2", "p" or "figure"
    kind: str
    lines: list[Line]
    chart: Chart | None = None
    keep_with_previous: bool = False


def print_blocks(document: Document) -> list[PrintBlock]:
    return [_print_block(block) for block in document.blocks]


def _print_block(block: Block) -> PrintBlock:
    if block.kind == "chart":
        return PrintBlock("figure", "chart", [], chart=block.runs[0])
    if block.kind == "part":
        lines = typeset.break_lines([Piece(block.heading, "hei")], indent=INDENT)
        return PrintBlock("h2", "part", lines)
    if block.kind == "notice":
        text = "注：" + "".join(str(run) for run in block.runs)
        lines = typeset.break_lines([Piece(text, "kai")], measure=NOTICE_MEASURE)
        return PrintBlock("p", "notice", lines)
    pieces = [Piece(block.heading, "kai")] if block.heading else []
    pieces += [_piece(run) for run in block.runs]
    lines = typeset.break_lines(pieces, indent=INDENT)
    # A plan item's targets belong to it: never the first thing on a page.
    return PrintBlock("p", block.kind, lines, keep_with_previous=block.kind == "targets")


def _piece(run) -> Piece:
    if isinstance(run, Problem):
        return Piece(f"【{run.source}：{run.message}】", "problem")
    if isinstance(run, Figure):
        return Piece(run.text, figure=True)
    return Piece(run)


def stylesheet() -> str:
    """The print stylesheet, with each role's faces."""
    return render_to_string(
        "reports/report_print.css", {"faces": {role.key: role.css() for role in _ROLES}}
    )


_ROLES = (*fonts.ROLES, fonts.SONG)


def print_html(document: Document) -> str:
    """The report as one self-contained HTML file, the source of the PDF."""
    title_lines = document.title_lines or typeset.title_lines(document.title)
    if document.status == "final":
        description = f"第{document.version}版（定稿）" if document.version else "定稿"
    else:
        description = "草稿"
    context = {
        "document": document,
        "title_lines": title_lines,
        "blocks": print_blocks(document),
        "stylesheet": stylesheet(),
        "description": description,
    }
    return render_to_string("reports/report_print.html", context)


def render_pdf(document: Document) -> bytes:
    # A third of a second to import: only the processes that render pay it.
    import weasyprint

    # An empty list of allowed protocols refuses every URL, file:// included.
    fetcher = weasyprint.URLFetcher(allowed_protocols=())
    return weasyprint.HTML(string=print_html(document), url_fetcher=fetcher).write_pdf()
