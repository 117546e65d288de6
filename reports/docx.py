"""The annual report as a Word document, laid out as a Chinese official document
(GB/T 9704-2012): A4, 3号 仿宋 body on a 28.95 pt line pitch, 小标宋 title, 黑体 part
headings, 楷体 section headings and "— 1 —" page numbers alternating sides.

Fonts are named, not embedded: Word and WPS use the official faces where they are
installed and substitute their own otherwise. Every font is named for East-Asian text as
well as Latin text, because Word picks the face of Chinese characters from `w:eastAsia`
alone.
"""

import re
from datetime import UTC, datetime
from io import BytesIO

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, RGBColor

from reports.document import Chart, Document, Figure
from reports.placeholders import Problem

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
PART_FONT = "黑体"
SECTION_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"

BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
PAGE_NUMBER_SIZE = Pt(14)  # 四号
HEADER_SIZE = Pt(12)
TABLE_SIZE = Pt(12)  # 小四: a chart's table beside the 三号 text
# 22 lines fill the 225 mm text block.
LINE_PITCH = Pt(28.95)
INDENT = 2 * BODY_SIZE
# The text block is 156 mm wide, a little narrower than 28 characters of 16 pt; taking a
# quarter point off each character fits the standard 28 a line. A character-spacing
# tweak rather than a Word character grid, because other word processors lay the grid
# out differently (LibreOffice puts one character in two cells).
CHARACTER_SPACING_TWIPS = -5

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
TOP_MARGIN, BOTTOM_MARGIN = Mm(37), Mm(35)
LEFT_MARGIN, RIGHT_MARGIN = Mm(28), Mm(26)
HEADER_DISTANCE = Mm(15)
# From the page's bottom edge to the footer line's; the dashes either side of the number
# then sit about 7 mm below the text block, where GB/T 9704 puts them.
FOOTER_DISTANCE = Mm(25)

PROBLEM_COLOUR = RGBColor(0xFF, 0x00, 0x00)

# XML 1.0 cannot hold these; a stray one pasted into the narrative must not stop the export.
XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

HEADING_FONTS = {"part": PART_FONT, "section": SECTION_FONT, "plan_item": SECTION_FONT}


def render_docx(document: Document) -> bytes:
    """The report as the bytes of a .docx file."""
    out = docx.Document()
    _set_styles(out)
    _set_page(out, document)
    _set_properties(out, document)

    title = out.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    # One empty line between the title and the text, as under an official title.
    title.paragraph_format.space_after = LINE_PITCH
    _add_run(title, document.title, TITLE_FONT, TITLE_SIZE)

    for block in document.blocks:
        if block.kind == "chart":
            _add_chart_table(out, block.runs[0])
            continue
        paragraph = out.add_paragraph()
        if block.kind == "part":
            paragraph.paragraph_format.keep_with_next = True
        if block.heading:
            _add_run(paragraph, block.heading, HEADING_FONTS.get(block.kind, BODY_FONT))
        for run in block.runs:
            _add_content(paragraph, run)
    buffer = BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _add_chart_table(out, chart: Chart) -> None:
    """A chart as its caption and a two-column table, which Word and WPS can turn back into
    a chart of their own; SVG has no place in a .docx that both read."""
    caption = out.add_paragraph()
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.first_line_indent = Pt(0)
    caption.paragraph_format.keep_with_next = True
    _add_run(caption, chart.title, PART_FONT, TABLE_SIZE)
    table = out.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for label, _, text in chart.bars:
        cells = table.add_row().cells
        for cell, value in zip(cells, (label, text), strict=True):
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.first_line_indent = Pt(0)
            paragraph.paragraph_format.line_spacing = 1.0
            _add_run(paragraph, value, BODY_FONT, TABLE_SIZE)


def header_label(document: Document) -> str:
    """What the page header says: "草稿", or which finalised version this is."""
    if document.status != "final":
        return "草稿"
    return f"第{document.version}版" if document.version else "定稿"


def _add_content(paragraph, run) -> None:
    if isinstance(run, Problem):
        problem = _add_run(paragraph, f"【{run.source}：{run.message}】")
        problem.font.bold = True
        problem.font.color.rgb = PROBLEM_COLOUR
    elif isinstance(run, Figure):
        _add_run(paragraph, run.text)
    else:
        _add_run(paragraph, run)


def _add_run(paragraph, text: str, font: str = BODY_FONT, size: Length = BODY_SIZE):
    run = paragraph.add_run(XML_INVALID.sub("", text))
    _set_font(run.font, run.element.get_or_add_rPr(), font)
    run.font.size = size
    return run


def _set_font(font, rPr, name: str) -> None:
    font.name = name
    rPr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _set_styles(out) -> None:
    # The template's defaults name theme fonts, which Word prefers to named ones, and a
    # non-Chinese East-Asian language, which would pick the wrong fallback faces and
    # line-breaking rules.
    defaults = out.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    default_rPr = defaults.find(qn("w:rPr"))
    fonts = default_rPr.get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attribute), BODY_FONT)
    language = default_rPr.find(qn("w:lang"))
    language.set(qn("w:eastAsia"), "zh-CN")

    normal = out.styles["Normal"]
    normal_rPr = normal.element.get_or_add_rPr()
    _set_font(normal.font, normal_rPr, BODY_FONT)
    normal.font.size = BODY_SIZE
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(CHARACTER_SPACING_TWIPS))
    normal_rPr.insert_element_before(
        spacing, "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u",
        "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em",
        "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
    )  # fmt: skip
    paragraph = normal.paragraph_format
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.first_line_indent = INDENT
    paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.line_spacing = LINE_PITCH
    paragraph.space_before = Pt(0)
    paragraph.space_after = Pt(0)


def _set_page(out, document: Document) -> None:
    section = out.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = TOP_MARGIN, BOTTOM_MARGIN
    section.left_margin, section.right_margin = LEFT_MARGIN, RIGHT_MARGIN
    section.gutter = Mm(0)
    section.header_distance = HEADER_DISTANCE
    section.footer_distance = FOOTER_DISTANCE

    # Official documents put odd pages' numbers on the right and even pages' on the left,
    # one character in; Word keeps separate even-page footers only with this setting on.
    out.settings.odd_and_even_pages_header_footer = True
    label = header_label(document)
    for header, footer, align in (
        (section.header, section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_header, section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = _plain_paragraph(header.paragraphs[0], align)
        _add_run(paragraph, label, PART_FONT, HEADER_SIZE)

        paragraph = _plain_paragraph(footer.paragraphs[0], align)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = BODY_SIZE
        else:
            paragraph.paragraph_format.left_indent = BODY_SIZE
        _add_page_number(paragraph)


def _plain_paragraph(paragraph, align):
    """A header or footer paragraph, without the body text's indent and line pitch."""
    paragraph.alignment = align
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    return paragraph


def _add_page_number(paragraph) -> None:
    """ "— 7 —", the number being a PAGE field that Word and WPS fill in on each page."""
    _add_run(paragraph, "— ", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
    _add_field_char(paragraph, "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    _add_run(paragraph, "", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE).element.append(instruction)
    _add_field_char(paragraph, "separate")
    # The field's last computed value, shown until the program updates it.
    _add_run(paragraph, "1", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
    _add_field_char(paragraph, "end")
    _add_run(paragraph, " —", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)


def _add_field_char(paragraph, kind: str) -> None:
    mark = OxmlElement("w:fldChar")
    mark.set(qn("w:fldCharType"), kind)
    _add_run(paragraph, "", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE).element.append(mark)


def _set_properties(out, document: Document) -> None:
    properties = out.core_properties
    properties.title = document.title[:255]
    properties.author = f"{document.unit_name}妇联"
    properties.last_modified_by = ""
    properties.comments = ""
    properties.language = "zh-CN"
    # The file says when its figures were computed; the package stores UTC.
    created = datetime.fromisoformat(document.computed_at).astimezone(UTC).replace(tzinfo=None)
    properties.created = created
    properties.modified = created
