"""Exporting honors: scope, Chinese columns and formula escaping."""

from datetime import datetime

import pytest
from django.urls import reverse

from tests.spreadsheets import export, sheet_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def formula(honors):
    honors["mingtang"].work_unit = '=HYPERLINK("http://evil")'
    honors["mingtang"].save()
    return honors


def test_xlsx_export_holds_the_scope_with_chinese_headers(formula, login):
    rows = sheet_rows(export(login("township"), "honors.honor"))
    assert rows[0][:4] == ["编号", "所属单位", "对象类型", "姓名或集体名称"]
    assert {row[3] for row in rows[1:]} == {"腊市镇妇联", "明塘村的李秀英"}
    assert {row[1] for row in rows[1:]} == {"湘东区/腊市镇", "湘东区/腊市镇/明塘村"}


def test_a_cell_starting_with_equals_is_escaped(formula, login):
    rows = sheet_rows(export(login("township"), "honors.honor"))
    assert '\'=HYPERLINK("http://evil")' in [row[4] for row in rows]


def test_csv_export_escapes_formulas_and_opens_in_excel(formula, login):
    rows = sheet_rows(export(login("staff"), "honors.honor", "1"))
    assert '\'=HYPERLINK("http://evil")' in [row[4] for row in rows]
    assert "湘东镇的赵红梅" in [row[3] for row in rows]


def test_references_and_dates_export_as_they_import(honors, event, login):
    honor = honors["xiangdong"]
    honor.event = event
    honor.conferred_on = event.held_on
    honor.save()
    rows = sheet_rows(export(login("staff"), "honors.honor"))
    exported = next(row for row in rows if row[3] == "湘东镇的赵红梅")
    assert exported[6:12] == [
        "三八红旗手",
        "市",
        "萍乡市妇联",
        2021,
        datetime(2021, 3, 5),
        event.name,
    ]


def test_export_needs_the_export_permission(honors, login):
    assert login("rights").get(reverse("admin:honors_honor_export")).status_code == 403
