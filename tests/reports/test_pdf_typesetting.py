"""Chinese typesetting in the PDF, read back from the PDF's own glyph positions: the body in
a 仿宋 face, justified lines that fill the 156 mm measure, no line opening with a closing
mark, figures whole, headings kept with their text, no lone lines, and no status in the
page header."""

import io
from dataclasses import dataclass

import pdfplumber
import pytest
from django.db import transaction

from fedportal.demo import load_demo
from reports import fonts, pdf
from reports.document import Block, Document, Figure
from reports.models import ReportVersion
from reports.pdf import render_pdf
from reports.typeset import NO_END, NO_START

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # the whole demo, rendered

MM = 72 / 25.4
LEFT, RIGHT = 28 * MM, (28 + 156) * MM
TOP, BOTTOM = 37 * MM, (37 + 225) * MM
INDENT = LEFT + pdf.INDENT  # two characters of the grid


@dataclass
class TextLine:
    page: int
    baseline: float
    chars: list

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def left(self) -> float:
        return self.chars[0]["x0"]

    @property
    def right(self) -> float:
        return self.chars[-1]["x1"]

    @property
    def indented(self) -> bool:
        return abs(self.left - INDENT) < 1

    def fonts(self) -> set[str]:
        return {c["fontname"].split("+", 1)[1] for c in self.chars}


def body_lines(pdf_bytes: bytes) -> list[TextLine]:
    """The 3号 lines of the text block in reading order, by baseline (a line that mixes
    faces has one baseline but glyph boxes of different heights)."""
    lines = []
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            by_baseline: dict[float, list] = {}
            for char in page.chars:
                baseline = round(page.height - char["matrix"][5], 1)
                if TOP < baseline < BOTTOM and round(char["size"]) == 16:
                    by_baseline.setdefault(baseline, []).append(char)
            for baseline, chars in sorted(by_baseline.items()):
                lines.append(TextLine(number, baseline, sorted(chars, key=lambda c: c["x0"])))
    return lines


def paragraph_ends(lines: list[TextLine]) -> list[bool]:
    """For each line, whether it ends its paragraph: the next line is indented (a new
    paragraph or heading begins there), or there is none."""
    return [n == len(lines) - 1 or lines[n + 1].indented for n in range(len(lines))]


@pytest.fixture(scope="module")
def demo_typeset(django_db_setup, django_db_blocker):
    """The finalised 2021 demo_typeset report and its PDF, rendered once for the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        document = Document.from_json(ReportVersion.objects.get().document)
        transaction.set_rollback(True)
    data = render_pdf(document)
    return document, data, body_lines(data)


def figure_document() -> Document:
    """Figures, quotes and closing marks at every position across a line's end."""
    blocks = []
    for n in range(28):
        runs = ("一" * n + "荣获“最美家庭”", Figure("a.b", "标签", "元", "372800", "37.28万元"))
        blocks.append(Block("paragraph", "", (*runs, "。2021年“书香家庭”", runs[1], "）。")))
    return Document(
        title="测试区妇联2023年工作情况和2024年主要工作打算汇报",
        unit_code="1",
        unit_name="测试区",
        year=2023,
        blocks=tuple(blocks),
        status="draft",
        computed_at="2024-01-05T09:00:00+08:00",
    )


@pytest.fixture(scope="module")
def figure_lines():
    return body_lines(render_pdf(figure_document()))


def test_the_body_is_set_in_the_fangsong_face_and_headings_in_theirs(demo_typeset):
    document, _, lines = demo_typeset
    faces = fonts.faces()
    if faces["body"] is None or faces["body"].tier == fonts.LAST_RESORT:
        pytest.skip("这台机器没有仿宋字体（make system-packages 会安装 FandolFang）")
    names = {(f.path, f.index): f.families for f in fonts.chinese_fonts()}

    def text_in(role):
        face = faces[role]
        pdf_names = {name.replace(" ", "-") for name in names[face.path, face.index]}
        return "".join(
            c["text"]
            for line in lines
            for c in line.chars
            if any(c["fontname"].split("+", 1)[1].startswith(n) for n in pdf_names)
        )

    headings = [b.heading for b in document.blocks if b.heading]
    parts = [h for b in document.blocks if b.kind == "part" for h in [b.heading]]
    assert text_in("kai") == "".join(h for h in headings if h not in parts)
    assert text_in("hei") == "".join(parts)
    body = "".join(line.text for line in lines)
    for heading in headings:
        body = body.replace(heading, "", 1)
    assert text_in("body") == body
    assert len(text_in("body")) > 2000


def test_every_line_but_a_paragraphs_last_fills_the_measure(demo_typeset, figure_lines):
    for lines in (demo_typeset[2], figure_lines):
        full = [line for line, end in zip(lines, paragraph_ends(lines), strict=True) if not end]
        assert len(full) > 20
        for line in full:
            assert line.right == pytest.approx(RIGHT, abs=1 * MM), line.text
            assert line.left == pytest.approx(INDENT if line.indented else LEFT, abs=0.1)


def test_no_line_begins_with_a_closing_mark_or_ends_with_an_opening_one(demo_typeset, figure_lines):
    for lines in (demo_typeset[2], figure_lines):
        assert [line.text for line in lines if line.text[0] in NO_START] == []
        assert [line.text for line in lines if line.text[-1] in NO_END] == []


def test_no_figure_is_separated_from_its_unit_or_its_quote(demo_typeset, figure_lines):
    document, _, lines = demo_typeset
    figures = {
        run.text for block in document.blocks for run in block.runs if isinstance(run, Figure)
    }
    assert {"34.5万余元", "近3000人", "27万元", "400余名"} <= figures
    flowing = "".join(line.text for line in lines)
    for figure in figures:
        assert sum(line.text.count(figure) for line in lines) == flowing.count(figure), figure

    # Each of the 56 figures whole, and with the quote it counts on the same line.
    assert sum(line.text.count("37.28万元") for line in figure_lines) == 56
    assert sum(line.text.count("”37.28万元") for line in figure_lines) == 56
    assert not [line.text for line in figure_lines if line.text.endswith(("2021", "202"))]


def test_a_heading_never_ends_a_page_and_no_line_is_left_alone(demo_typeset):
    _, _, lines = demo_typeset
    ends = paragraph_ends(lines)
    parts = {line.baseline for line in lines if line.text.startswith(("一、", "二、"))}
    assert len(parts) == 2
    for n, line in enumerate(lines[:-1]):
        if lines[n + 1].page == line.page:
            continue
        # `line` is the last of its page and lines[n + 1] the first of the next.
        assert not (line.text.startswith(("一、", "二、")) and line.baseline in parts)
        opens_paragraph = line.indented and not ends[n]
        assert not opens_paragraph, f"第{line.page}页末行孤立：{line.text}"
        widow = ends[n + 1] and not ends[n]
        assert not widow, f"第{line.page + 1}页首行孤立：{lines[n + 1].text}"


def test_the_title_breaks_where_the_meaning_allows(demo_typeset):
    _, data, _ = demo_typeset
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        title = pdf.pages[0].extract_words(extra_attrs=["size"], keep_blank_chars=True)
    assert [w["text"] for w in title if round(w["size"]) == 22] == [
        "湘东区妇联2021年工作情况和",
        "2022年主要工作打算汇报",
    ]


def test_no_page_header_carries_a_status_and_the_version_is_in_the_metadata(demo_typeset):
    _, data, _ = demo_typeset
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert pdf.metadata["Subject"] == "第1版（定稿）"
        assert pdf.metadata["Title"] == "湘东区妇联2021年工作情况和2022年主要工作打算汇报"
        for page in pdf.pages:
            assert [c["text"] for c in page.chars if c["top"] < TOP - 5] == []
            assert "版" not in page.extract_text()


def test_a_draft_is_marked_once_above_its_title_and_nowhere_else():
    data = render_pdf(figure_document())
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert pdf.metadata["Subject"] == "草稿"
        marks = ["".join(c["text"] for c in page.chars if c["top"] < TOP - 5) for page in pdf.pages]
    assert len(marks) > 1
    assert marks == ["草稿"] + [""] * (len(marks) - 1)
