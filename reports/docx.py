"""The annual report as a Word document, laid out as a Chinese official document
(GB/T 9704-2012) that Word and WPS open as a native, current file: A4, a document grid of
22 lines × 28 characters, 3号 仿宋 body, 小标宋 title, part headings in 黑体 and section
headings in 楷体 as heading styles with outline levels (the navigation pane lists them
and a table of contents can be made), and "— 1 —" page numbers alternating sides.

Fonts are named, not embedded. Every font is named for East-Asian text as well as Latin
text, because Word picks the face of Chinese characters from `w:eastAsia` alone; the font
table declares each face with the substitute a PC without the official fonts should use
(仿宋 for 仿宋_GB2312, 楷体 for 楷体_GB2312, bold 宋体 for 方正小标宋简体).

python-docx's own template brings a font table of Latin and Japanese faces, a Japanese
theme language, compatibility mode 14, another program's metadata and a thumbnail; those
parts are replaced or dropped through the package's relationships, and the XML python-docx
has no API for (the grid, the font table, the compatibility setting) is built here.

Like the PDF, the page carries no status: a draft has a "草稿" mark at the head of its
first page only, and a finalised version names itself in the file's properties.
"""

import math
import re
from datetime import UTC, datetime
from io import BytesIO

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, RGBColor

from reports import typeset
from reports.document import Chart, Document, Figure
from reports.placeholders import Problem

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
PART_FONT = "黑体"
SECTION_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"

# Each face the file names: its substitute where it is missing (w:altName), its PANOSE
# class, font family and pitch, as Word writes them for these faces.
FONT_TABLE = (
    (BODY_FONT, "仿宋", "02010609030101010101", "modern", "fixed"),
    (SECTION_FONT, "楷体", "02010609030101010101", "modern", "fixed"),
    (TITLE_FONT, "宋体", "02000000000000000000", "auto", "variable"),
    (PART_FONT, "SimHei", "02010609060101010101", "modern", "fixed"),
    (PAGE_NUMBER_FONT, "SimSun", "02010600030101010101", "auto", "variable"),
    ("仿宋", "FangSong", "02010609060101010101", "modern", "fixed"),
    ("楷体", "KaiTi", "02010609060101010101", "modern", "fixed"),
)
# What these faces cover (Unicode subranges and the GB2312 code page), so that Word picks a
# Chinese substitute rather than a Latin one.
CHINESE_SIGNATURE = {
    "w:usb0": "00000001",
    "w:usb1": "080E0000",
    "w:usb2": "00000010",
    "w:usb3": "00000000",
    "w:csb0": "00040000",
    "w:csb1": "00000000",
}

BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
PAGE_NUMBER_SIZE = Pt(14)  # 四号
MARK_SIZE = Pt(16)
TABLE_SIZE = Pt(12)  # 小四: a chart's table beside the 三号 text
# 22 lines fill the 225 mm text block.
LINE_PITCH = Pt(28.95)
TITLE_PITCH = Pt(28.95 * 1.5)
INDENT = 2 * BODY_SIZE
LINES_PER_PAGE = 22
CHARACTER_SPACING_TWIPS = -5
CHARACTERS_PER_LINE = 28

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
TOP_MARGIN, BOTTOM_MARGIN = Mm(37), Mm(35)
LEFT_MARGIN, RIGHT_MARGIN = Mm(28), Mm(26)
HEADER_DISTANCE = Mm(15)
# From the page's bottom edge to the footer line's; the dashes either side of the number
# then sit about 7 mm below the text block, where GB/T 9704 puts them.
FOOTER_DISTANCE = Mm(25)

PROBLEM_COLOUR = RGBColor(0xFF, 0x00, 0x00)
MARK_COLOUR = RGBColor(0xC0, 0x00, 0x00)
BLACK = RGBColor(0, 0, 0)
CURRENT_COMPATIBILITY_MODE = "15"  # Word 2013 and later
APPLICATION = "区妇联工作门户"

# XML 1.0 cannot hold these; a stray one pasted into the narrative must not stop the export.
XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# The heading style of each kind of block, and the face of its heading run.
HEADING_STYLES = {"part": "Heading 1", "section": "Heading 2", "plan_item": "Heading 2"}
HEADING_FONTS = {"part": PART_FONT, "section": SECTION_FONT, "plan_item": SECTION_FONT}
TITLE_STYLE = "公文标题"


def render_docx(document: Document) -> bytes:
    """The report as the bytes of a .docx file."""
    out = docx.Document()
    _set_styles(out)
    _set_page(out, document)
    _set_settings(out)
    _set_font_table(out)
    _set_properties(out, document)

    # The title's lines as the PDF breaks them, in one paragraph.
    title = out.add_paragraph(style=TITLE_STYLE)
    lines = document.title_lines or typeset.title_lines(document.title)
    for n, line in enumerate(lines):
        run = _add_run(title, line, TITLE_FONT, TITLE_SIZE)
        if n < len(lines) - 1:
            run.add_break(WD_BREAK.LINE)

    previous = title
    for block in document.blocks:
        if block.kind == "chart":
            _add_chart_table(out, block.runs[0])
            continue
        if block.kind == "targets":
            # A plan item's targets never open a page on their own.
            previous.paragraph_format.keep_with_next = True
        # A section or plan item is one paragraph that starts with its heading, as GB/T
        # 9704 prints it: the paragraph has the heading's style and outline level, and its
        # text is set in the body face.
        paragraph = previous = out.add_paragraph(style=HEADING_STYLES.get(block.kind))
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
    _name_font(run.font, run.element.get_or_add_rPr(), font)
    run.font.size = size
    return run


def _name_font(font, rPr, name: str) -> None:
    """Name the face for Latin and East-Asian text alike, and drop the theme's faces, which
    Word would prefer to named ones."""
    font.name = name
    fonts = rPr.get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:eastAsia"), name)


def _set_styles(out) -> None:
    # The template's defaults name theme fonts and a non-Chinese East-Asian language, which
    # would pick the wrong fallback faces and line-breaking rules; its size (11 pt) would
    # make the document grid's characters the wrong width.
    defaults = out.styles.element.find(qn("w:docDefaults"))
    default_rPr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = default_rPr.get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attribute), BODY_FONT)
    for size in ("w:sz", "w:szCs"):
        default_rPr.find(qn(size)).set(qn("w:val"), str(int(BODY_SIZE.pt * 2)))
    language = default_rPr.find(qn("w:lang"))
    language.set(qn("w:val"), "zh-CN")
    language.set(qn("w:eastAsia"), "zh-CN")

    normal = out.styles["Normal"]
    # A quarter point less between characters: 28 characters of 16 pt in the 156 mm line.
    normal_rPr = normal.element.get_or_add_rPr()
    _name_font(normal.font, normal_rPr, BODY_FONT)
    normal.font.size = BODY_SIZE
    spacing = OxmlElement("w:spacing", {qn("w:val"): str(CHARACTER_SPACING_TWIPS)})
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
    paragraph.widow_control = True
    # Characters keep to 28 a line by their spacing rather than by snapping to the grid's
    # cells: LibreOffice lays a 16 pt character across two cells of a 15.8 pt grid (14 a
    # line), while Word and WPS give the same 28 either way.
    pPr = normal.element.get_or_add_pPr()
    # No quarter-em gap between Chinese and digits ("2021 年"), as in the PDF.
    for name in ("w:autoSpaceDE", "w:autoSpaceDN"):
        pPr.insert_element_before(
            OxmlElement(name, {qn("w:val"): "0"}),
            "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:jc",
            "w:outlineLvl", "w:rPr",
        )  # fmt: skip
    pPr.insert_element_before(
        OxmlElement("w:snapToGrid", {qn("w:val"): "0"}),
        "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
        "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
        "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
    )  # fmt: skip

    title = out.styles.add_style(TITLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    title.base_style = normal
    title.next_paragraph_style = normal
    title.quick_style = True
    _name_font(title.font, title.element.get_or_add_rPr(), TITLE_FONT)
    title.font.size = TITLE_SIZE
    title.font.bold = True
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    # Two grid lines for each line of the title, then one blank line.
    title.paragraph_format.line_spacing = TITLE_PITCH
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    title.paragraph_format.space_after = LINE_PITCH
    title.paragraph_format.keep_with_next = True

    # python-docx's heading styles are blue, bold Calibri Light spaced apart; an official
    # document's are the body's size and pitch, in 黑体 and 楷体, and keep their outline
    # levels (1 and 2) so that Word's navigation pane and tables of contents find them.
    for name, font, level in (("Heading 1", PART_FONT, 0), ("Heading 2", SECTION_FONT, 1)):
        for style in (out.styles[name], out.styles[f"{name} Char"]):
            _name_font(style.font, style.element.get_or_add_rPr(), font)
            style.font.size = BODY_SIZE
            style.font.bold = False
            style.font.color.rgb = BLACK
        heading = out.styles[name].paragraph_format
        heading.space_before = Pt(0)
        heading.space_after = Pt(0)
        heading.keep_together = False
        # Only a part heading (a line of its own) stays with what follows it; a section
        # heading opens a paragraph of text.
        heading.keep_with_next = level == 0
        pPr = out.styles[name].element.get_or_add_pPr()
        outline = pPr.find(qn("w:outlineLvl"))
        if outline is None:
            outline = OxmlElement("w:outlineLvl")
            pPr.append(outline)
        outline.set(qn("w:val"), str(level))


def _set_page(out, document: Document) -> None:
    section = out.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = TOP_MARGIN, BOTTOM_MARGIN
    section.left_margin, section.right_margin = LEFT_MARGIN, RIGHT_MARGIN
    section.gutter = Mm(0)
    section.header_distance = HEADER_DISTANCE
    section.footer_distance = FOOTER_DISTANCE
    _set_document_grid(out)

    # Official documents put odd pages' numbers on the right and even pages' on the left,
    # one character in; Word keeps separate even-page footers only with this setting on.
    out.settings.odd_and_even_pages_header_footer = True
    footers = [(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)]
    footers.append((section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT))
    if document.status != "final":
        # The draft mark heads the first page only; that page keeps its odd-page number.
        section.different_first_page_header_footer = True
        mark = _plain_paragraph(section.first_page_header.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
        run = _add_run(mark, "草稿", PART_FONT, MARK_SIZE)
        run.font.color.rgb = MARK_COLOUR
        _add_border(run)
        footers.append((section.first_page_footer, WD_ALIGN_PARAGRAPH.RIGHT))
    for footer, align in footers:
        paragraph = _plain_paragraph(footer.paragraphs[0], align)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = BODY_SIZE
        else:
            paragraph.paragraph_format.left_indent = BODY_SIZE
        _add_page_number(paragraph)


def _set_document_grid(out) -> None:
    """22 lines of 28 characters: Word's document grid, which Word and WPS lay Chinese text
    on. The character pitch is given as its difference from the Normal style's size, in
    4096ths of a point."""
    grid = out.element.body.find(qn("w:sectPr")).find(qn("w:docGrid"))
    text_width = Length(PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN).pt
    pitch = text_width / CHARACTERS_PER_LINE
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH.pt * 20)))
    grid.set(qn("w:charSpace"), str(round((pitch - BODY_SIZE.pt) * 4096)))


def _add_border(run) -> None:
    border = OxmlElement("w:bdr")
    for name, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "0")):
        border.set(qn(name), value)
    border.set(qn("w:color"), str(MARK_COLOUR))
    run.element.get_or_add_rPr().insert_element_before(
        border, "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
        "w:eastAsianLayout", "w:specVanish", "w:oMath",
    )  # fmt: skip


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


def _set_settings(out) -> None:
    settings = out.settings.element
    # Word opens a file of an older compatibility mode in 兼容模式.
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), CURRENT_COMPATIBILITY_MODE)
    # The theme's faces and rules for East-Asian text are the Chinese ones.
    language = settings.find(qn("w:themeFontLang"))
    language.set(qn("w:val"), "zh-CN")
    language.set(qn("w:eastAsia"), "zh-CN")
    # No preview picture is saved with the file, so none is stale.
    for preview in settings.findall(qn("w:savePreviewPicture")):
        settings.remove(preview)


def _set_font_table(out) -> None:
    """Replace the template's font table (Calibri, Cambria, ＭＳ 明朝 …) with the faces this
    file names."""
    table = OxmlElement("w:fonts")
    for name, substitute, panose, family, pitch in FONT_TABLE:
        font = OxmlElement("w:font", {qn("w:name"): name})
        font.append(OxmlElement("w:altName", {qn("w:val"): substitute}))
        font.append(OxmlElement("w:panose1", {qn("w:val"): panose}))
        font.append(OxmlElement("w:charset", {qn("w:val"): "86"}))
        font.append(OxmlElement("w:family", {qn("w:val"): family}))
        font.append(OxmlElement("w:pitch", {qn("w:val"): pitch}))
        font.append(OxmlElement("w:sig", {qn(k): v for k, v in CHINESE_SIGNATURE.items()}))
        table.append(font)
    document_part = out.part
    partname = PackURI("/word/fontTable.xml")
    _replace_related_part(
        document_part, RT.FONT_TABLE, XmlPart(partname, CT.WML_FONT_TABLE, table, out.part.package)
    )


def _replace_related_part(source, reltype: str, part: Part) -> None:
    for rId, rel in list(source.rels.items()):
        if rel.reltype == reltype:
            del source.rels[rId]
    source.relate_to(part, reltype)


def _set_properties(out, document: Document) -> None:
    properties = out.core_properties
    properties.title = document.title[:255]
    properties.author = f"{document.unit_name}妇联"
    properties.last_modified_by = ""
    properties.comments = ""
    properties.language = "zh-CN"
    if document.status == "final":
        properties.content_status = "定稿"
        properties.version = str(document.version or "")
        properties.subject = f"第{document.version}版（定稿）" if document.version else "定稿"
    else:
        properties.content_status = properties.subject = "草稿"
    # The file says when its figures were computed; the package stores UTC.
    created = datetime.fromisoformat(document.computed_at).astimezone(UTC).replace(tzinfo=None)
    properties.created = created
    properties.modified = created
    properties.revision = 1

    package = out.part.package
    _replace_related_part(package, RT.EXTENDED_PROPERTIES, _app_properties(package, document))
    # python-docx's template carries the thumbnail of an empty page.
    for rId, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rId]


def _app_properties(package, document: Document) -> Part:
    """docProps/app.xml: the program, the unit, and the pages and characters as the grid
    lays the text out."""
    text = document.text()
    characters = len(re.sub(r"\s", "", text))
    xml = (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
        '2006/docPropsVTypes">'
        f"<Application>{APPLICATION}</Application>"
        "<DocSecurity>0</DocSecurity>"
        f"<Pages>{page_count(document)}</Pages>"
        f"<Characters>{characters}</Characters>"
        f"<CharactersWithSpaces>{len(text)}</CharactersWithSpaces>"
        f"<Paragraphs>{len(document.blocks) + 1}</Paragraphs>"
        "<Company></Company>"
        "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
        "</Properties>"
    )
    return XmlPart(
        PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, parse_xml(xml), package
    )


def page_count(document: Document) -> int:
    """How many pages the grid takes: two grid lines for each line of the title and one
    blank line, then each paragraph's lines as the PDF breaks them (a chart's table about a
    line for every two rows)."""
    lines = 2 * len(document.title_lines or typeset.title_lines(document.title)) + 1
    for block in document.blocks:
        if block.kind == "chart":
            lines += 1 + math.ceil(len(block.runs[0].bars) / 2)
            continue
        characters = 2 + typeset.title_width(block.text())
        lines += max(1, math.ceil(characters / CHARACTERS_PER_LINE))
    return max(1, math.ceil(lines / LINES_PER_PAGE))
