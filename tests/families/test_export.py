"""Exporting family-work records: scope, Chinese columns, formulas escaped."""

import pytest
from django.urls import reverse

from tests.spreadsheets import export, sheet_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def awards(make_award):
    return [
        make_award(household_name='=HYPERLINK("http://evil")家庭', head_name="+赵某"),
        make_award("湘东镇", household_name="湘东镇家庭"),
    ]


def test_xlsx_export_has_chinese_columns_escapes_formulas_and_keeps_to_scope(awards, login):
    rows = sheet_rows(export(login("township"), "families.familyaward"))
    assert rows[0] == [
        "编号",
        "所属单位",
        "户名",
        "户主姓名",
        "表彰类别",
        "表彰级别",
        "授予单位",
        "年度",
        "授予日期",
        "表彰活动",
        "事迹",
    ]
    assert len(rows) == 2
    assert rows[1][1:8] == [
        "湘东区/腊市镇",
        '\'=HYPERLINK("http://evil")家庭',
        "'+赵某",
        "最美家庭",
        "省",
        "江西省妇联",
        2021,
    ]


def test_csv_export_has_a_bom_and_escapes_formulas(awards, login):
    rows = sheet_rows(export(login("staff"), "families.familyaward", "1"))
    assert {row[2] for row in rows[1:]} == {'\'=HYPERLINK("http://evil")家庭', "湘东镇家庭"}


def test_export_needs_the_export_permission(awards, login):
    assert login("rights").get(reverse("admin:families_familyaward_export")).status_code == 403


def test_the_export_page_counts_what_the_lists_filters_select(make_award, login, unit):
    make_award("腊市镇", household_name="甲家庭")
    make_award("湘东镇", household_name="乙家庭")
    make_award("湘东镇", household_name="丙家庭", year=2022)
    client = login("staff")
    url = reverse("admin:families_familyaward_export")
    assert "将导出 3 条记录" in client.get(url).content.decode()
    filtered = f"{url}?year=2021&unit={unit('湘东镇').code}"
    assert "将导出 1 条记录" in client.get(filtered).content.decode()
