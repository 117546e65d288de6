"""The import template is a workbook staff can fill without asking: marked required columns,
an example row the import skips, dropdowns of the allowed values, and instructions."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.scopetest.models import Note, NoteKind
from tests.spreadsheets import XLSX, dropdowns, dry_run, template_header

pytestmark = pytest.mark.django_db

URL = "admin:scopetest_note_import_template"


@pytest.fixture
def kinds(db):
    NoteKind.objects.create(name="宣讲", order=1)
    NoteKind.objects.create(name="走访", order=2)
    NoteKind.objects.create(name="旧类别", order=3, is_active=False)


def template(client):
    response = client.get(reverse(URL))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def upload(book):
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "模板.xlsx"
    return data


def test_required_columns_are_marked_and_the_header_is_frozen(notes, kinds, login):
    sheet = template(login("township")).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert header == ["编号", "所属单位*", "标题*", "类别", "年度", "数量", "身份证号码", "备注"]
    assert sheet.freeze_panes == "A2"
    assert sheet["B1"].font.color.rgb.endswith("C00000")
    # Wide enough for a path of unit names and a whole ID number.
    assert sheet.column_dimensions["B"].width >= 20
    assert sheet.column_dimensions["G"].width >= 18
    # Typed ID numbers stay text, every digit kept.
    assert sheet.column_dimensions["G"].number_format == "@"


def test_dropdowns_offer_active_entries_choices_and_units_in_scope(notes, kinds, login):
    book = template(login("township"))
    lists = dropdowns(book.worksheets[0])
    assert lists["D"] == ["宣讲", "走访"]
    assert lists["B"] == [
        "湘东区/腊市镇",
        "湘东区/腊市镇/明塘村",
        "湘东区/腊市镇/明塘村/明塘村第一妇女小组",
    ]
    assert book["可选值"].sheet_state == "hidden"
    assert set(lists) == {"B", "D"}


def test_example_row_is_marked_and_uses_allowed_values(notes, kinds, login):
    sheet = template(login("township")).worksheets[0]
    example = [cell.value for cell in sheet[2]]
    assert example[:4] == ["示例", "湘东区/腊市镇", "（标题）", "宣讲"]


def test_instructions_name_every_column_and_explain_the_record_number(notes, kinds, login):
    book = template(login("township"))
    notes_sheet = book["填写说明"]
    rows = [[cell.value for cell in row] for row in notes_sheet.iter_rows()]
    start = next(i for i, row in enumerate(rows) if row[0] == "列名")
    by_column = {row[0]: row for row in rows[start + 1 :]}
    assert list(by_column) == [
        "编号",
        "所属单位",
        "标题",
        "类别",
        "年度",
        "数量",
        "身份证号码",
        "备注",
    ]
    assert by_column["标题"][1] == "必填"
    assert by_column["年度"][1] == "选填"
    assert by_column["年度"][4] == "2021"  # the model's default, as the entry form has it
    assert "新增记录留空" in by_column["编号"][3]
    assert "先导出" in by_column["编号"][3]
    assert "宣讲、走访" in by_column["类别"][3]
    assert "旧类别" not in by_column["类别"][3]


def test_the_template_as_downloaded_imports_without_error(notes, kinds, login):
    client = login("township")
    response = dry_run(client, "scopetest.note", upload(template(client)), XLSX)
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert (result.totals["new"], result.totals["skip"]) == (0, 1)


def test_filled_rows_import_with_the_marked_header_and_the_example_left_in(notes, kinds, login):
    client = login("township")
    book = template(client)
    sheet = book.worksheets[0]
    sheet.append(["", "湘东区/腊市镇/明塘村", "模板新记录", "走访", 2022, 2, "", ""])
    # The instructions sheet was the one open when the file was saved.
    book.active = 2
    response = dry_run(client, "scopetest.note", upload(book), XLSX)
    result = response.context["result"]
    assert not result.has_validation_errors(), response.context.get("error_rows")
    assert (result.totals["new"], result.totals["skip"]) == (1, 1)


def test_headers_without_the_marks_import_too(notes, kinds, login):
    client = login("township")
    assert template_header(client.get(reverse(URL)))[:3] == ["编号", "所属单位", "标题"]
    assert Note.objects.count() == 3
