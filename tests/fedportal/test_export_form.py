"""The export page in Chinese: column names alone, xlsx preselected, and how many records
the list's current filters export."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.spreadsheets import downloaded

pytestmark = pytest.mark.django_db

URL = "admin:scopetest_note_export"


def page(client, query=""):
    response = client.get(reverse(URL) + query)
    assert response.status_code == 200
    return response


def test_columns_are_labelled_by_their_chinese_names_only(notes, login):
    form = page(login("township")).context["form"]
    labels = [field.label for name, field in form.fields.items() if name.startswith("note")]
    assert labels == ["编号", "所属单位", "标题", "类别", "年度", "数量", "身份证号码", "备注"]
    assert form.fields["format"].label == "文件格式"


def test_xlsx_is_preselected_and_there_is_no_empty_choice(notes, login):
    response = page(login("township"))
    form = response.context["form"]
    assert form.fields["format"].choices == [("0", "xlsx"), ("1", "csv")]
    assert re.search(r'<option value="0" selected>xlsx</option>', response.content.decode())


def test_the_page_speaks_chinese(notes, login):
    content = page(login("township")).content.decode()
    assert "全选" in content
    assert "导出以下各列" in content
    for english in ("Select all", "This exporter", "Id Number", "Submit", "---"):
        assert english not in content


def test_the_page_says_how_many_records_the_list_exports(notes, login):
    assert "将导出 3 条记录" in page(login("staff")).content.decode()
    # The township's own staff count their scope only.
    assert "将导出 2 条记录" in page(login("township")).content.decode()


def test_posting_the_form_as_shown_exports_xlsx(notes, login):
    client = login("township")
    form = page(client).context["form"]
    data = {name: "on" for name, field in form.fields.items() if name.startswith("note")}
    data.update({"format": form.fields["format"].initial, "resource": "0"})
    response = client.post(reverse(URL), data)
    sheet = load_workbook(io.BytesIO(downloaded(response))).active
    assert sheet.max_row == 3  # the header and the township's two notes
    assert sheet.auto_filter.ref == "A1:H3"


def test_no_column_selected_is_refused_in_chinese(notes, login):
    response = login("township").post(reverse(URL), {"format": "0", "resource": "0"})
    assert "请至少选择一列导出。" in response.content.decode()
