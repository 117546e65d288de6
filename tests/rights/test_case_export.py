"""Exporting cases: no complainant column at all, formulas escaped, scoped."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from rights.models import RightsCase
from rights.resources import RightsCaseResource
from tests.rights.conftest import LASHI_ID, LASHI_PHONE, XIANGDONG_ID, XIANGDONG_PHONE

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
FIELDS = [
    "id",
    "org_unit",
    "received_on",
    "channel",
    "category",
    "summary",
    "status",
    "result",
    "closed_on",
    "referred_to",
    "year",
]


def export(client, fmt):
    return client.post(
        reverse("admin:rights_rightscase_export"),
        {"format": fmt, **{f"rightscaseresource_{name}": "on" for name in FIELDS}},
    )


def xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[c.value for c in row] for row in sheet.iter_rows()]


def test_the_resource_has_no_personal_field():
    columns = [f.column_name for f in RightsCaseResource().get_export_fields()]
    assert columns == COLUMNS
    attributes = {f.attribute for f in RightsCaseResource().fields.values()}
    assert not [a for a in attributes if a and a.startswith("complainant")]


def test_export_holds_the_cases_and_no_personal_data(cases, login):
    response = export(login("rights"), "0")
    rows = xlsx_rows(response)
    assert rows[0] == COLUMNS
    by_summary = {row[5]: row for row in rows[1:]}
    lashi = by_summary["腊市镇的家暴求助。"]
    assert lashi[1:5] == ["湘东区/腊市镇/明塘村", "2021-03-08", "12338热线", "家庭暴力"]
    assert (lashi[6], lashi[10]) == ("受理", "2021")
    text = str(rows)
    for value in (LASHI_ID, LASHI_PHONE, XIANGDONG_ID, XIANGDONG_PHONE, "李秀英", "王桂兰"):
        assert value not in text


def test_csv_export_has_a_bom_and_escapes_formulas(cases, login):
    RightsCase.objects.filter(pk=cases["lashi"].pk).update(result='=HYPERLINK("http://evil")')
    response = export(login("rights"), "1")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == COLUMNS
    assert '\'=HYPERLINK("http://evil")' in [row[7] for row in rows]


def test_xlsx_export_escapes_formulas(cases, login):
    RightsCase.objects.filter(pk=cases["lashi"].pk).update(summary="=1+2")
    rows = xlsx_rows(export(login("rights"), "0"))
    assert "'=1+2" in [row[5] for row in rows]


def test_export_holds_only_cases_in_scope(cases, login, township_worker):
    township_worker("rights_xd", "湘东镇")
    rows = xlsx_rows(export(login("rights_xd"), "0"))
    assert [row[0] for row in rows[1:]] == [str(cases["xiangdong"].pk)]
