"""The report as a Word document: the demo report's paragraphs and figures in order, laid
out as an official document, and writers' text kept as plain text."""

from datetime import UTC, datetime
from io import BytesIO
from zipfile import ZipFile

import docx
import pytest
from django.db import transaction
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from fedportal.demo import load_demo
from reports.document import Block, Document, Figure
from reports.docx import render_docx
from reports.models import ReportVersion
from reports.placeholders import Problem
from tests.reports.reference import REFERENCE_FIGURES

# Also what makes pytest-django set up the test database for the module fixture below:
# without a marked test in the run it would leave the connection on the real database.
pytestmark = pytest.mark.django_db

# How each paragraph of the demo report begins, in order.
DEMO_PARAGRAPHS = [
    "湘东区妇联2021年工作情况和\n2022年主要工作打算汇报",
    "2021年，在区委、区政府的正确领导和市妇联的精心指导下",
    "一、2021年主要工作情况",
    "（一）家庭创建有成果。荣获全省“最美家庭”3户",
    "（二）先进培育有典范。获评全国“三八红旗手”1名",
    "（三）合法权益有保障。联合区司法局",
    "（四）妇儿民生有改善。开展农村适龄妇女",
    "（五）技能就业有拓展。联合湘东职专开办了7期",
    "二、2022年主要工作思路和打算",
    "总的思路和打算是：",
    "（一）传好音，在推动思想引领上求突破。组织",
    "（二）鼓好风，在推动家庭家教上求突破。继续",
    "量化目标：“科学家教进万家”宣讲场次不少于20场。",
    "（三）铺好路，在推动建功立业上求突破。建好",
    "量化目标：",
    "（四）搭好台，在推动维权服务上求突破。充分",
    "（五）垫好基，在推动载体建设上求突破。争取",
]


@pytest.fixture(scope="module")
def demo_document(django_db_setup, django_db_blocker):
    """The finalised demo report; the demo data is rolled back once it is read."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        document = Document.from_json(ReportVersion.objects.get().document)
        transaction.set_rollback(True)
    return document


@pytest.fixture(scope="module")
def demo_docx(demo_document):
    return read(render_docx(demo_document))


def read(data: bytes):
    return docx.Document(BytesIO(data))


def make_document(*blocks, status="draft", version=None):
    return Document(
        title="湘东区妇联2021年工作情况和2022年主要工作打算汇报",
        unit_code="360313000000",
        unit_name="湘东区",
        year=2021,
        blocks=blocks,
        status=status,
        computed_at="2022-01-05T09:30:00+08:00",
        version=version,
    )


def east_asian_font(run) -> str:
    return run.element.rPr.rFonts.get(qn("w:eastAsia"))


def paragraphs_starting(document, prefix):
    return [p for p in document.paragraphs if p.text.startswith(prefix)]


def test_paragraphs_follow_the_report(demo_docx):
    texts = [p.text for p in demo_docx.paragraphs]
    assert len(texts) == len(DEMO_PARAGRAPHS)
    for text, start in zip(texts, DEMO_PARAGRAPHS, strict=True):
        assert text.startswith(start)


def test_section_and_plan_headings_are_runs_of_their_own_in_kaiti(demo_docx):
    headings = [
        p.runs[0]
        for p in demo_docx.paragraphs
        if p.text.startswith("（") and east_asian_font(p.runs[0]) == "楷体_GB2312"
    ]
    assert [run.text for run in headings] == [
        "（一）家庭创建有成果。",
        "（二）先进培育有典范。",
        "（三）合法权益有保障。",
        "（四）妇儿民生有改善。",
        "（五）技能就业有拓展。",
        "（一）传好音，在推动思想引领上求突破。",
        "（二）鼓好风，在推动家庭家教上求突破。",
        "（三）铺好路，在推动建功立业上求突破。",
        "（四）搭好台，在推动维权服务上求突破。",
        "（五）垫好基，在推动载体建设上求突破。",
    ]


def test_every_reference_figure_is_printed_in_order(demo_docx):
    runs = [run.text for p in demo_docx.paragraphs for run in p.runs]
    assert [text for text in runs if text in REFERENCE_FIGURES] == REFERENCE_FIGURES
    text = "\n".join(p.text for p in demo_docx.paragraphs)
    assert "全区受惠家长近3000人。" in text
    assert "共筹集资金34.5万余元。" in text
    assert "帮助400余名妇女掌握了家政服务技能。" in text


def test_fonts_are_named_for_chinese_text(demo_docx):
    normal = demo_docx.styles["Normal"]
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert normal.font.name == "仿宋_GB2312"
    assert normal.font.size == Pt(16)

    title, opening = demo_docx.paragraphs[:2]
    assert [(east_asian_font(r), r.font.size) for r in title.runs] == [
        ("方正小标宋简体", Pt(22))
    ] * 2
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert {east_asian_font(r) for r in opening.runs} == {"仿宋_GB2312"}

    parts = paragraphs_starting(demo_docx, "一、") + paragraphs_starting(demo_docx, "二、")
    assert [[(east_asian_font(r), r.font.name) for r in p.runs] for p in parts] == [
        [("黑体", "黑体")],
        [("黑体", "黑体")],
    ]

    section = paragraphs_starting(demo_docx, "（一）家庭创建有成果")[0]
    assert {east_asian_font(r) for r in section.runs[1:]} == {"仿宋_GB2312"}


def test_body_has_official_line_pitch_and_indent(demo_docx):
    body = demo_docx.styles["Normal"].paragraph_format
    assert body.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert body.line_spacing == Pt(28.95)
    assert body.first_line_indent == Pt(32)
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY


def test_page_is_a4_with_official_margins(demo_docx):
    (section,) = demo_docx.sections
    measured = [
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    ]
    assert [round(length.mm, 1) for length in measured] == [210, 297, 37, 35, 28, 26]


def test_page_numbers_are_page_fields_on_alternating_sides(demo_docx):
    (section,) = demo_docx.sections
    assert demo_docx.settings.odd_and_even_pages_header_footer
    sides = []
    for footer in (section.footer, section.even_page_footer):
        (paragraph,) = footer.paragraphs
        xml = paragraph._p.xml
        assert '<w:fldChar w:fldCharType="begin"/>' in xml
        assert '<w:instrText xml:space="preserve"> PAGE </w:instrText>' in xml
        assert '<w:fldChar w:fldCharType="end"/>' in xml
        assert paragraph.text == "— 1 —"
        assert {(east_asian_font(r), r.font.size) for r in paragraph.runs} == {("宋体", Pt(14))}
        sides.append(paragraph.alignment)
    assert sides == [WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT]


def test_no_page_header_carries_a_status_and_a_final_version_names_itself_in_its_properties(
    demo_docx,
):
    (section,) = demo_docx.sections
    assert not section.different_first_page_header_footer
    for header in (section.header, section.even_page_header):
        assert [p.text for p in header.paragraphs] == [""]
    properties = demo_docx.core_properties
    assert (properties.subject, properties.version, properties.content_status) == (
        "第1版（定稿）",
        "1",
        "定稿",
    )


def test_a_draft_is_marked_at_the_head_of_its_first_page_only():
    document = read(render_docx(make_document()))
    (section,) = document.sections
    assert section.different_first_page_header_footer
    (mark,) = section.first_page_header.paragraphs
    assert mark.text == "草稿"
    assert mark.runs[0].font.color.rgb == RGBColor(0xC0, 0x00, 0x00)
    for header in (section.header, section.even_page_header):
        assert [p.text for p in header.paragraphs] == [""]
    # The first page keeps its number, on the right as on every odd page.
    (number,) = section.first_page_footer.paragraphs
    assert number.text == "— 1 —"
    assert number.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert document.core_properties.subject == "草稿"


def test_properties_name_the_report_and_when_its_figures_were_computed(demo_docx):
    properties = demo_docx.core_properties
    assert properties.title == "湘东区妇联2021年工作情况和2022年主要工作打算汇报"
    assert properties.author == "湘东区妇联"

    document = read(render_docx(make_document()))
    # The package keeps times in UTC: 09:30 in Beijing is 01:30 UTC.
    assert document.core_properties.created == datetime(2022, 1, 5, 1, 30, tzinfo=UTC)


def test_writers_markup_stays_literal_text():
    block = Block("paragraph", "", ("<script>alert(1)</script>&amp;",))
    data = render_docx(make_document(block))
    assert read(data).paragraphs[1].text == "<script>alert(1)</script>&amp;"
    body = ZipFile(BytesIO(data)).read("word/document.xml").decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp;" in body
    assert "<script>" not in body


def test_characters_xml_cannot_hold_are_dropped():
    block = Block("paragraph", "", ("两癌\x0b救助\x00金",))
    assert read(render_docx(make_document(block))).paragraphs[1].text == "两癌救助金"


def test_unknown_placeholder_is_shown_in_red():
    problem = Problem("{families.nope}", "没有代码为“families.nope”的指标。")
    figure = Figure("families.city_green", "绿色家庭", "户", "15", "15户")
    block = Block("section", "（一）家庭创建有成果。", ("荣获", problem, "、", figure, "。"))
    paragraph = read(render_docx(make_document(block))).paragraphs[1]
    assert paragraph.text == (
        "（一）家庭创建有成果。荣获【{families.nope}：没有代码为“families.nope”的指标。】、15户。"
    )
    runs = paragraph.runs
    assert runs[2].text == "【{families.nope}：没有代码为“families.nope”的指标。】"
    assert runs[2].font.color.rgb == RGBColor(0xFF, 0x00, 0x00)
    assert [bool(run.font.bold) for run in runs] == [False, False, True, False, False, False]
