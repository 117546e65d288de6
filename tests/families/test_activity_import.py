"""Importing activities: the date forms Excel and WPS produce, the year, the counts."""

from datetime import date, datetime

import pytest

from families.models import FamilyActivity
from tests.spreadsheets import confirm, dry_run, error_cells, xlsx

pytestmark = pytest.mark.django_db

HEADER = [
    "编号",
    "所属单位",
    "活动类型",
    "活动名称",
    "活动日期",
    "年度",
    "场次",
    "参与人数",
    "参与对象",
    "受惠人数",
    "合作单位",
    "备注",
]


def row(title, day, year="", sessions=1, participants=100, beneficiaries=100, kind="家庭教育讲座"):
    return [
        "",
        "腊市镇",
        kind,
        title,
        day,
        year,
        sessions,
        participants,
        "家长",
        beneficiaries,
        "",
        "",
    ]


def test_dates_in_every_common_form_are_read_and_the_year_follows(demo, login):
    client = login("township")
    rows = [
        row("横线", "2021-03-08"),
        row("斜线", "2021/3/8"),
        row("中文", "2021年3月8日"),
        row("日期格", datetime(2021, 3, 8)),
        row("序列号", 44263),
        row("填了年度", "2021.3.8", year=2021),
    ]
    response = dry_run(client, "families.familyactivity", xlsx(HEADER, rows))
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    confirm(client, "families.familyactivity", response)
    imported = set(FamilyActivity.objects.values_list("held_on", "year"))
    assert imported == {(date(2021, 3, 8), 2021)}
    assert FamilyActivity.objects.count() == 6


def test_bad_counts_and_dates_are_named(demo, login):
    rows = [
        row("零场", "2021-05-01", sessions=0),
        row("负人数", "2021-05-01", participants=-3),
        row("半场", "2021-05-01", sessions=1.5),
        row("年度不符", "2021-05-01", year=2020),
        row("无日期", ""),
        row("无此类型", "2021-05-01", kind="座谈会"),
    ]
    response = dry_run(login("township"), "families.familyactivity", xlsx(HEADER, rows))
    errors = error_cells(response)
    assert errors[(2, "整行")][1] == "场次至少为1。"
    assert errors[(3, "整行")][1] == "参与人数不能为负数。"
    assert errors[(4, "场次")][1] == "“1.5”不是整数，请填写整数。"
    assert errors[(5, "活动日期")][1] == (
        "活动日期（2021-05-01）不在2020年度内，请核对活动日期或年度。"
    )
    assert errors[(6, "活动日期")] == ("", "“活动日期”为必填项，不能为空。")
    assert "不在“活动类型”列表中" in errors[(7, "活动类型")][1]
    assert not FamilyActivity.objects.exists()
