"""The PDF of the annual report: A4 in the official-document layout, every figure of the
reference report in order, fonts embedded, text copyable and never read as markup."""

import io
import itertools
import re

import pytest
from django.db import transaction
from pypdf import PdfReader

from fedportal.demo import load_demo
from reports.demo import PLAN_ITEMS
from reports.document import Block, Document, Figure
from reports.models import ReportVersion
from reports.pdf import print_html, render_pdf
from reports.placeholders import Problem
from tests.reports.reference import REFERENCE_FIGURES

# Also what makes pytest-django set up the test database when this module runs alone: a
# module fixture on its own would reach the development database.
pytestmark = pytest.mark.django_db

A4 = (595.28, 841.89)  # points
MM = 72 / 25.4


@pytest.fixture(scope="module")
def demo_pdf(django_db_setup, django_db_blocker):
    """The finalised 2021 demo report as a PDF, rendered once for the whole module; the
    demo data is rolled back so that other modules start from an empty database."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        document = Document.from_json(ReportVersion.objects.get().document)
        transaction.set_rollback(True)
    return PdfReader(io.BytesIO(render_pdf(document)))


def flat_text(reader: PdfReader) -> str:
    """All pages' text without line breaks or spaces, as a reader would copy it."""
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def text_lines(page) -> dict[float, list[tuple[float, str]]]:
    """The page's text by baseline, in points from the top of the page: {y: [(x, text)]}."""
    lines: dict[float, list[tuple[float, str]]] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            lines.setdefault(round(A4[1] - y, 1), []).append((x, text.strip()))

    page.extract_text(visitor_text=visit)
    return lines


def small_document(*blocks, status="draft", version=None) -> Document:
    return Document(
        title="测试区妇联2023年工作情况和2024年主要工作打算汇报",
        unit_code="360313000000",
        unit_name="测试区",
        year=2023,
        blocks=blocks,
        status=status,
        version=version,
        computed_at="2024-01-05T09:00:00+08:00",
    )


def test_every_page_is_a4(demo_pdf):
    assert len(demo_pdf.pages) > 1
    for page in demo_pdf.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
            A4, abs=0.01
        )


def test_text_has_every_figure_of_the_reference_in_order(demo_pdf):
    text = flat_text(demo_pdf)
    position = 0
    for figure in REFERENCE_FIGURES:
        found = text.find(figure, position)
        assert found >= 0, f"{figure} missing after …{text[position - 20 : position]}"
        position = found + len(figure)


def test_text_has_the_title_the_parts_and_the_five_plan_headings_in_order(demo_pdf):
    text = flat_text(demo_pdf)
    expected = [
        "湘东区妇联2021年工作情况和2022年主要工作打算汇报",
        "一、2021年主要工作情况",
        "（一）家庭创建有成果。荣获全省“最美家庭”3户",
        "二、2022年主要工作思路和打算",
        *(
            f"（{n}）{heading}。"
            for n, (heading, _, _) in zip("一二三四五", PLAN_ITEMS, strict=True)
        ),
    ]
    positions = [text.find(part) for part in expected]
    assert -1 not in positions
    assert positions == sorted(positions)


def test_fonts_are_embedded_subsets(demo_pdf):
    fonts = {}
    for page in demo_pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    # Body, 黑体 heading, 楷体 headings and the bold title.
    assert len(fonts) >= 3
    for name, font in fonts.items():
        assert re.match(r"/[A-Z]{6}\+", name), f"{name} is not a subset"
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, f"{name} not embedded"


def test_pages_are_numbered_right_on_odd_pages_and_left_on_even_pages(demo_pdf):
    for number, page in enumerate(demo_pdf.pages, start=1):
        lines = text_lines(page)
        y = max(lines)  # the lowest line of the page
        [(x, text)] = lines[y]
        assert re.fullmatch(rf"—\s*{number}\s*—", text)
        # 7 mm below the 225 mm text block, which starts 37 mm from the top.
        assert (37 + 225 + 7) * MM < y < (37 + 225 + 12) * MM
        if number % 2:
            assert x > A4[0] / 2
        else:
            assert x < 28 * MM + 2 * 14  # one 14 pt character in from the text block


def test_a_full_page_has_22_lines_on_the_grid(demo_pdf):
    lines = text_lines(demo_pdf.pages[1])
    text_block = sorted(y for y in lines if 37 * MM < y < (37 + 225) * MM)
    assert len(text_block) == 22
    pitches = [b - a for a, b in itertools.pairwise(text_block)]
    assert pitches == pytest.approx([28.95] * 21, abs=0.15)


def test_a_final_report_names_its_version_in_the_metadata_only(demo_pdf):
    assert demo_pdf.metadata.subject == "第1版（定稿）"
    assert demo_pdf.metadata.author == "湘东区妇联"
    for page in demo_pdf.pages:
        assert "版" not in page.extract_text()
        assert "草稿" not in page.extract_text()


def test_a_draft_is_marked_as_such():
    document = small_document(Block("opening", "", ("开头。",)))
    text = PdfReader(io.BytesIO(render_pdf(document))).pages[0].extract_text()
    assert "草稿" in text
    assert "版" not in text


def test_narrative_never_becomes_markup():
    document = small_document(
        Block("opening", "", ("正文<script>alert(1)</script>与<b>x</b>。",)),
        Block(
            "section", "（一）<i>标题</i>。", ("共", Figure("a.b", "标签", "户", "3", "3户"), "。")
        ),
    )
    html = print_html(document)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    text = flat_text(PdfReader(io.BytesIO(render_pdf(document))))
    assert "正文<script>alert(1)</script>与<b>x</b>。" in text
    assert "（一）<i>标题</i>。共3户。" in text


def test_an_unknown_placeholder_is_shown_in_place():
    problem = Problem("{families.nope}", "没有代码为“families.nope”的指标。")
    document = small_document(Block("section", "（一）家庭创建有成果。", ("荣获", problem, "。")))
    text = flat_text(PdfReader(io.BytesIO(render_pdf(document))))
    assert "荣获【{families.nope}：没有代码为“families.nope”的指标。】。" in text
    assert '<span class="problem">【{families.nope}：' in print_html(document)


def test_a_notice_reads_as_a_note():
    document = small_document(Block("notice", "", ("2024年工作打算尚未填写。",)))
    assert "注：2024年工作打算尚未填写。" in flat_text(PdfReader(io.BytesIO(render_pdf(document))))
