"""Columns the entry form fills by default are optional in imports: a missing column or an
empty cell takes the model field's default."""

import pytest

from tests.scopetest.models import Note
from tests.spreadsheets import confirm, dry_run, error_cells, xlsx

pytestmark = pytest.mark.django_db


def imported(client, header, rows):
    response = dry_run(client, "scopetest.note", xlsx(header, rows))
    assert not response.context["result"].has_validation_errors(), error_cells(response)
    assert confirm(client, "scopetest.note", response).status_code == 302


def test_missing_columns_take_the_defaults(notes, login):
    imported(login("township"), ["编号", "所属单位", "标题"], [["", "腊市镇", "只有标题"]])
    note = Note.objects.get(title="只有标题")
    assert (note.year, note.count, note.urgent, note.id_number) == (2021, 0, False, "")


def test_empty_cells_take_the_defaults(notes, login):
    header = ["编号", "所属单位", "标题", "年度", "数量", "身份证号码"]
    imported(login("township"), header, [["", "腊市镇", "空白格", None, "  ", ""]])
    note = Note.objects.get(title="空白格")
    assert (note.year, note.count) == (2021, 0)


def test_a_required_column_left_empty_is_still_named(notes, login):
    response = dry_run(
        login("township"),
        "scopetest.note",
        xlsx(["编号", "所属单位", "标题"], [["", "腊市镇", ""]]),
    )
    assert error_cells(response)[(2, "标题")] == ("", "“标题”为必填项，不能为空。")
