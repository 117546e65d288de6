"""Spreadsheet import through the scoped admin, on the small test model."""

import io

import pytest
from django.urls import reverse

from tests.scopetest.models import Note, NoteKind
from tests.spreadsheets import (
    confirm,
    csv_file,
    dry_run,
    error_cells,
    sheet_rows,
    template_header,
    xlsx,
)

pytestmark = pytest.mark.django_db

HEADER = ["编号", "所属单位", "标题", "类别", "年度", "数量", "身份证号码"]


@pytest.fixture
def kinds(db):
    return NoteKind.objects.create(name="宣讲"), NoteKind.objects.create(name="走访")


def test_good_xlsx_previews_then_imports(notes, kinds, login):
    client = login("township")
    rows = [
        ["", "腊市镇/明塘村", "新宣讲", "宣讲", 2021, 3, ""],
        ["", "360313103000", "新走访", "走访", 2021, 5, ""],
    ]
    response = dry_run(client, "scopetest.note", xlsx(HEADER, rows))
    assert response.status_code == 200
    assert not response.context["result"].has_validation_errors()
    assert not Note.objects.filter(title__in=["新宣讲", "新走访"]).exists()
    response = confirm(client, "scopetest.note", response)
    assert response.status_code == 302
    made = Note.objects.get(title="新宣讲")
    assert made.org_unit.name == "明塘村"
    assert made.kind.name == "宣讲"
    assert made.created_by.username == "township"
    assert made.history.get().history_user.username == "township"


def test_bad_rows_are_named_and_nothing_is_written(notes, kinds, login):
    client = login("township")
    rows = [
        ["", "明塘村", "好的一行", "宣讲", 2021, 1, ""],
        ["", "湘东镇", "越权", "宣讲", 2021, 1, ""],
        ["", "明塘村", "负数", "宣讲", 2021, -1, ""],
        ["", "明塘村", "无此类别", "座谈", 2021, 1, ""],
        ["", "明塘村", "禁止", "宣讲", 2021, 1, ""],
        [notes["xiangdong"].pk, "明塘村", "改别人的", "宣讲", 2021, 1, ""],
    ]
    response = dry_run(client, "scopetest.note", xlsx(HEADER, rows))
    by_row = error_cells(response)
    assert by_row[(3, "所属单位")] == ("湘东镇", "找不到单位“湘东镇”，或该单位不在您的管辖范围内。")
    assert by_row[(4, "整行")][1] == "数量不能为负数。"
    assert by_row[(5, "类别")][0] == "座谈"
    assert "不在“测试类别”列表中" in by_row[(5, "类别")][1]
    assert by_row[(6, "标题")] == ("禁止", "标题不能是“禁止”。")
    assert "不存在，或不在您的管辖范围内" in by_row[(7, "编号")][1]
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert not Note.objects.filter(title="好的一行").exists()
    page = response.content.decode()
    assert "共 5 处错误，没有写入任何数据" in page

    download = client.get(reverse("admin:scopetest_note_import_errors"))
    rows = sheet_rows(download)
    assert rows[0] == ["行号", "列", "值", "原因"]
    assert len(rows) == 6


def test_duplicate_rows_in_one_file_are_rejected(notes, kinds, login):
    rows = [["", "明塘村", "重复", "宣讲", 2021, 1, ""]] * 2
    response = dry_run(login("township"), "scopetest.note", xlsx(HEADER, rows))
    assert [reason for _, reason in error_cells(response).values()] == [
        "同一单位同一年度已有同名记录。"
    ]
    assert not Note.objects.filter(title="重复").exists()


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_csv_in_chinese_encodings_is_read(notes, kinds, login, encoding):
    client = login("township")
    response = dry_run(
        client,
        "scopetest.note",
        csv_file(HEADER, [["", "明塘村", "编码测试", "走访", 2021, 2, ""]], encoding),
        "1",
    )
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    confirm(client, "scopetest.note", response)
    assert Note.objects.get(title="编码测试").kind.name == "走访"


def test_a_file_that_is_not_a_spreadsheet_gets_a_chinese_message(notes, login):
    upload = io.BytesIO(b"PK\x03\x04 not really a zip")
    upload.name = "notes.xlsx"
    response = dry_run(login("township"), "scopetest.note", upload)
    assert "不是有效的 xlsx 工作簿" in response.content.decode()


def test_updates_a_record_in_scope_by_its_number(notes, kinds, login):
    client = login("township")
    note = notes["lashi"]
    response = dry_run(
        client,
        "scopetest.note",
        xlsx(HEADER, [[note.pk, "腊市镇", "改过的标题", "宣讲", 2021, 9, ""]]),
    )
    assert response.context["result"].totals["update"] == 1
    confirm(client, "scopetest.note", response)
    note.refresh_from_db()
    assert (note.title, note.count) == ("改过的标题", 9)
    assert note.history.count() == 2


def test_import_needs_the_import_permission(notes, login, user):
    from django.contrib.auth.models import Permission

    township = user("township")
    for group in township.groups.all():
        group.permissions.remove(*Permission.objects.filter(codename="import_note"))
    assert login("township").get(reverse("admin:scopetest_note_import")).status_code == 403


def test_blank_template_has_the_chinese_headers(notes, login):
    response = login("township").get(reverse("admin:scopetest_note_import_template"))
    assert template_header(response) == [*HEADER, "备注"]


def test_blank_text_cells_become_empty_text(notes, kinds, login):
    client = login("township")
    header = [*HEADER, "备注"]
    response = dry_run(
        client,
        "scopetest.note",
        xlsx(header, [["", "明塘村", "无备注", "宣讲", 2021, 1, None, None]]),
    )
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    confirm(client, "scopetest.note", response)
    assert Note.objects.get(title="无备注").remarks == ""


def test_an_empty_required_cell_names_its_column(notes, kinds, login):
    response = dry_run(
        login("township"),
        "scopetest.note",
        xlsx(HEADER, [["", "明塘村", None, "宣讲", 2021, 1, ""]]),
    )
    assert error_cells(response) == {(2, "标题"): ("", "“标题”为必填项，不能为空。")}


def test_preview_counts_every_row_and_shows_the_first_hundred(notes, kinds, login):
    rows = [["", "明塘村", f"第{n}条", "宣讲", 2021, 1, ""] for n in range(120)]
    response = dry_run(login("township"), "scopetest.note", xlsx(HEADER, rows))
    page = response.content.decode()
    assert "预览：共 120 行，新增 120 行，修改 0 行，不变 0 行" in page
    assert page.count('<td class="import-type">新增</td>') == 100
