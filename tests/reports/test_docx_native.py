"""The Word report as a native, current document: heading styles with outline levels, the
document grid, a font table with substitutes, no compatibility mode or template leftovers,
the title broken as in the PDF — and, opened by LibreOffice as an office suite would, 22
lines of 28 characters with each heading in its face."""

import io
import itertools
import re
import shutil
import subprocess
from zipfile import ZipFile

import docx
import pdfplumber
import pytest
from django.db import transaction
from docx.oxml.ns import qn

from fedportal.demo import load_demo
from reports.document import Document
from reports.docx import page_count, render_docx
from reports.models import ReportVersion
from reports.typeset import title_lines

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # the whole demo, rendered

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MM = 72 / 25.4


@pytest.fixture(scope="module")
def demo_docx_file(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        document = Document.from_json(ReportVersion.objects.get().document)
        transaction.set_rollback(True)
    return document, render_docx(document)


def part(data: bytes, name: str) -> str:
    return ZipFile(io.BytesIO(data)).read(name).decode()


def test_headings_are_heading_styles_with_outline_levels_in_their_faces(demo_docx_file):
    document, data = demo_docx_file
    word = docx.Document(io.BytesIO(data))
    styled = [(p.style.name, p.text[:6]) for p in word.paragraphs if p.style.name != "Normal"]
    parts = [b.heading[:6] for b in document.blocks if b.kind == "part"]
    sections = [b.heading[:6] for b in document.blocks if b.kind in ("section", "plan_item")]
    assert [text for style, text in styled if style == "Heading 1"] == parts
    assert [text for style, text in styled if style == "Heading 2"] == sections
    for name, level, face in (("Heading 1", "0", "黑体"), ("Heading 2", "1", "楷体_GB2312")):
        style = word.styles[name]
        assert style.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == level
        fonts = style.element.rPr.rFonts
        assert (fonts.get(qn("w:eastAsia")), fonts.get(qn("w:ascii"))) == (face, face)
        assert fonts.get(qn("w:eastAsiaTheme")) is None
        assert (style.font.size.pt, style.font.bold, str(style.font.color.rgb)) == (
            16,
            False,
            "000000",
        )


def test_the_page_has_a_document_grid_of_22_lines_of_28_characters(demo_docx_file):
    _, data = demo_docx_file
    grid = re.search(r"<w:docGrid [^>]*/>", part(data, "word/document.xml")).group(0)
    attributes = dict(re.findall(r'w:(\w+)="([^"]*)"', grid))
    assert attributes["type"] == "linesAndChars"
    # The body's 28.95 pt pitch in twentieths of a point; 156 mm / 28 characters, as the
    # difference from the 16 pt Normal size in 4096ths of a point.
    assert int(attributes["linePitch"]) == round(28.95 * 20)
    assert int(attributes["charSpace"]) == round((156 * MM / 28 - 16) * 4096)
    styles = part(data, "word/styles.xml")
    assert '<w:sz w:val="32"/>' in styles.split("</w:docDefaults>")[0]


def test_the_font_table_declares_every_face_with_a_substitute(demo_docx_file):
    _, data = demo_docx_file
    table = part(data, "word/fontTable.xml")
    fonts = dict(re.findall(r'<w:font w:name="([^"]+)"><w:altName w:val="([^"]+)"/>', table))
    assert fonts["仿宋_GB2312"] == "仿宋"
    assert fonts["楷体_GB2312"] == "楷体"
    assert fonts["方正小标宋简体"] == "宋体"
    assert fonts["黑体"] == "SimHei"
    assert "Calibri" not in table and "ＭＳ 明朝" not in table
    named = set()
    for name in ("word/document.xml", "word/styles.xml", "word/footer1.xml"):
        named |= set(re.findall(r'w:eastAsia="([^"]+)"', part(data, name)))
    assert named - {"zh-CN"} <= set(fonts)
    assert re.search(r'<w:font w:name="仿宋_GB2312">.*?<w:panose1 w:val="02010609', table)


def test_the_file_is_current_chinese_and_its_own(demo_docx_file):
    document, data = demo_docx_file
    settings = part(data, "word/settings.xml")
    assert re.search(r'w:name="compatibilityMode" [^>]*w:val="15"', settings)
    assert '<w:themeFontLang w:val="zh-CN" w:eastAsia="zh-CN"/>' in settings
    assert "savePreviewPicture" not in settings
    names = ZipFile(io.BytesIO(data)).namelist()
    assert not [name for name in names if "thumbnail" in name]
    assert "thumbnail" not in part(data, "_rels/.rels")
    app = part(data, "docProps/app.xml")
    assert "Microsoft" not in app
    assert f"<Pages>{page_count(document)}</Pages>" in app
    core = docx.Document(io.BytesIO(data)).core_properties
    assert (core.title, core.author) == (document.title, "湘东区妇联")


def test_the_title_breaks_as_in_the_pdf(demo_docx_file):
    document, data = demo_docx_file
    title = docx.Document(io.BytesIO(data)).paragraphs[0]
    assert title.style.name == "公文标题"
    assert title.text.split("\n") == list(title_lines(document.title))
    assert len(title.text.split("\n")) == 2
    assert title.style.font.bold
    assert {run.font.bold for run in title.runs} == {None}


@pytest.fixture(scope="module")
def office_pdf(demo_docx_file, tmp_path_factory):
    """The demo_docx_file report converted by LibreOffice, which finds the faces through the same
    fontconfig configuration as this process (official names alias to free faces)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice 未安装（make system-packages 会安装 libreoffice-writer-nogui）")
    folder = tmp_path_factory.mktemp("office")
    (folder / "report.docx").write_bytes(demo_docx_file[1])
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(folder / "report.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (folder / "report.pdf").read_bytes()


def office_lines(data: bytes):
    """Each page's lines of the text block: [(baseline, text, {font: text})]."""
    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            rows: dict[float, list] = {}
            for char in page.chars:
                baseline = round(page.height - char["matrix"][5])
                if 37 * MM < baseline < 263 * MM and char["text"].strip():
                    rows.setdefault(baseline, []).append(char)
            lines = []
            for baseline, chars in sorted(rows.items()):
                faces: dict[str, str] = {}
                for char in sorted(chars, key=lambda c: c["x0"]):
                    name = char["fontname"].split("+", 1)[-1].lower()
                    faces[name] = faces.get(name, "") + char["text"]
                lines.append((baseline, "".join(faces.values()), faces))
            pages.append(lines)
    return pages


def test_an_office_suite_lays_it_out_in_22_lines_of_28_characters(office_pdf):
    pages = office_lines(office_pdf)
    assert len(pages) > 2
    full_page = pages[1]
    assert len(full_page) == 22
    pitches = {b - a for (a, *_), (b, *_) in itertools.pairwise(full_page)}
    assert pitches <= {28, 29}  # 28.95 pt, rounded
    chinese_only = [text for page in pages for _, text, _ in page if not re.search(r"[ -~]", text)]
    assert max(map(len, chinese_only)) == 28


def test_an_office_suite_shows_each_heading_in_its_face(office_pdf, demo_docx_file):
    document, _ = demo_docx_file
    faces: dict[str, str] = {}
    for page in office_lines(office_pdf):
        for _, _, fonts in page:
            for name, text in fonts.items():
                faces[name] = faces.get(name, "") + text
    parts = "".join(b.heading for b in document.blocks if b.kind == "part")
    sections = "".join(b.heading for b in document.blocks if b.kind in ("section", "plan_item"))

    def face_of(text):
        return {name for name, set_text in faces.items() if text[:8] in set_text}

    [hei] = face_of(parts)
    [kai] = face_of(sections)
    [body] = face_of("荣获全省“最美家庭”")
    assert len({hei, kai, body}) == 3
    assert re.search("hei|sans", hei), hei
    assert "kai" in kai, kai
    assert re.search("fang", body), body
