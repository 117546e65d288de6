"""Exporting cases: no complainant column at all, formulas escaped, scoped."""

from datetime import datetime

import pytest

from rights.models import RightsCase
from rights.resources import RightsCaseResource
from tests.rights.conftest import LASHI_ID, LASHI_PHONE, XIANGDONG_ID, XIANGDONG_PHONE
from tests.spreadsheets import export, sheet_rows

pytestmark = pytest.mark.django_db

COLUMNS = [
    "编号",
    "所属单位",
    "受理日期",
    "来源渠道",
    "诉求类别",
    "案情摘要",
    "办理状态",
    "处理结果",
    "办结日期",
    "转介单位",
    "年度",
]


def test_the_resource_has_no_personal_field():
    columns = [f.column_name for f in RightsCaseResource().get_export_fields()]
    assert columns == COLUMNS
    attributes = {f.attribute for f in RightsCaseResource().fields.values()}
    assert not [a for a in attributes if a and a.startswith("complainant")]


def test_export_holds_the_cases_and_no_personal_data(cases, login):
    rows = sheet_rows(export(login("rights"), "rights.rightscase"))
    assert rows[0] == COLUMNS
    by_summary = {row[5]: row for row in rows[1:]}
    lashi = by_summary["腊市镇的家暴求助。"]
    assert lashi[1:5] == ["湘东区/腊市镇/明塘村", datetime(2021, 3, 8), "12338热线", "家庭暴力"]
    # The year is a number cell, as in every work area's export.
    assert (lashi[6], lashi[10]) == ("受理", 2021)
    text = str(rows)
    for value in (LASHI_ID, LASHI_PHONE, XIANGDONG_ID, XIANGDONG_PHONE, "李秀英", "王桂兰"):
        assert value not in text


def test_csv_export_has_a_bom_and_escapes_formulas(cases, login):
    RightsCase.objects.filter(pk=cases["lashi"].pk).update(result='=HYPERLINK("http://evil")')
    rows = sheet_rows(export(login("rights"), "rights.rightscase", "1"))
    assert rows[0] == COLUMNS
    assert '\'=HYPERLINK("http://evil")' in [row[7] for row in rows]


def test_xlsx_export_escapes_formulas(cases, login):
    RightsCase.objects.filter(pk=cases["lashi"].pk).update(summary="=1+2")
    rows = sheet_rows(export(login("rights"), "rights.rightscase"))
    assert "'=1+2" in [row[5] for row in rows]


def test_export_holds_only_cases_in_scope(cases, login, township_worker):
    township_worker("rights_xd", "湘东镇")
    rows = sheet_rows(export(login("rights_xd"), "rights.rightscase"))
    assert [row[0] for row in rows[1:]] == [cases["xiangdong"].pk]
