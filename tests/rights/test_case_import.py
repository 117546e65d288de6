"""Importing cases through the admin: preview then confirm, row errors, encodings, scope."""

from datetime import datetime

import pytest
from django.urls import reverse

from rights.models import RightsCase
from tests.spreadsheets import (
    confirm,
    csv_file,
    dry_run,
    error_cells,
    template_header,
    xlsx,
)

pytestmark = pytest.mark.django_db

HEADER = [
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
]


@pytest.fixture
def lashi_worker(township_worker):
    return township_worker("rights_lashi", "腊市镇")


def test_good_xlsx_previews_then_imports(demo, lashi_worker, login):
    client = login("rights_lashi")
    rows = [
        [
            "",
            "腊市镇/明塘村",
            datetime(2021, 3, 8),
            "12338热线",
            "家庭暴力",
            "反映遭丈夫殴打。",
            "办结",
            "出具告诫书。",
            "2021年3月20日",
            "",
        ],
        ["", "360313103000", "2021/4/2", "来访", "离婚", "咨询离婚。", "受理", "", "", ""],
    ]
    response = dry_run(client, "rights.rightscase", xlsx(HEADER, rows))
    assert response.status_code == 200
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    assert not RightsCase.objects.exists()
    response = confirm(client, "rights.rightscase", response)
    assert response.status_code == 302
    closed = RightsCase.objects.get(summary="反映遭丈夫殴打。")
    assert (closed.org_unit.name, closed.year, closed.status) == ("明塘村", 2021, "closed")
    assert (closed.received_on.isoformat(), closed.closed_on.isoformat()) == (
        "2021-03-08",
        "2021-03-20",
    )
    assert closed.created_by == lashi_worker
    assert closed.history.get().history_user == lashi_worker
    opened = RightsCase.objects.get(summary="咨询离婚。")
    assert (opened.received_on.isoformat(), opened.status) == ("2021-04-02", "received")


def test_bad_rows_are_named_and_nothing_is_written(cases, lashi_worker, login):
    client = login("rights_lashi")
    good = ["", "明塘村", "2021-05-06", "来电", "离婚", "好的一行。", "受理", "", "", ""]
    rows = [
        good,
        ["", "湘东镇", "2021-05-06", "来电", "离婚", "越权。", "受理", "", "", ""],
        ["", "明塘村", "2021-02-30", "来电", "离婚", "坏日期。", "受理", "", "", ""],
        ["", "明塘村", "2021-05-06", "微信", "离婚", "无此渠道。", "受理", "", "", ""],
        ["", "明塘村", "2021-05-06", "来电", "离婚", "状态写错。", "已办结", "", "", ""],
        ["", "明塘村", "2021-05-06", "来电", "离婚", "办结无日期。", "办结", "", "", ""],
        ["", "明塘村", "2021-05-06", "来电", "离婚", "电话13979901234。", "受理", "", "", ""],
        [
            cases["xiangdong"].pk,
            "明塘村",
            "2021-05-06",
            "来电",
            "离婚",
            "改别人的。",
            "受理",
            "",
            "",
            "",
        ],
    ]
    response = dry_run(client, "rights.rightscase", xlsx(HEADER, rows))
    by_cell = error_cells(response)
    assert by_cell[(3, "所属单位")] == (
        "湘东镇",
        "找不到单位“湘东镇”，或该单位不在您的管辖范围内。",
    )
    assert by_cell[(4, "受理日期")] == (
        "2021-02-30",
        "无法识别日期“2021-02-30”，请填写如 2021-03-08 或 2021/3/8 的日期。",
    )
    assert by_cell[(5, "来源渠道")][0] == "微信"
    assert "不在“来源渠道”列表中" in by_cell[(5, "来源渠道")][1]
    assert by_cell[(6, "办理状态")] == (
        "已办结",
        "“已办结”不是有效的选项，可填：受理、办理中、办结、转介。",
    )
    assert by_cell[(7, "办结日期")][1] == "案件办结时必须填写办结日期。"
    assert by_cell[(8, "案情摘要")][1].startswith("“案情摘要”中不能填写身份证号码或手机号码")
    assert "不存在，或不在您的管辖范围内" in by_cell[(9, "编号")][1]
    assert not response.context.get("confirm_form")
    assert not RightsCase.objects.filter(summary="好的一行。").exists()
    cases["xiangdong"].refresh_from_db()
    assert cases["xiangdong"].summary != "改别人的。"


def test_a_township_caseworker_cannot_import_into_another_township(demo, lashi_worker, login):
    rows = [["", "湘东镇", "2021-05-06", "来电", "离婚", "越权。", "受理", "", "", ""]]
    response = dry_run(login("rights_lashi"), "rights.rightscase", xlsx(HEADER, rows))
    assert error_cells(response)[(2, "所属单位")] == (
        "湘东镇",
        "找不到单位“湘东镇”，或该单位不在您的管辖范围内。",
    )
    assert not RightsCase.objects.exists()


def test_a_status_step_cannot_be_skipped_by_import(cases, login):
    case = cases["lashi"]
    row = [
        case.pk,
        "腊市镇/明塘村",
        "2021-03-08",
        "12338热线",
        "家庭暴力",
        case.summary,
        "办结",
        "",
        "2021-03-20",
        "",
    ]
    response = dry_run(login("rights"), "rights.rightscase", xlsx(HEADER, [row]))
    assert error_cells(response) == {
        (2, "办理状态"): ("办结", "办理状态只能从“受理”改为“办理中”，不能改为“办结”。")
    }


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_csv_in_gbk_and_bom_utf8_is_read(demo, login, encoding):
    client = login("rights")
    # A date cell saved from Excel without its format arrives as the serial number.
    rows = [
        [
            "",
            "湘东镇/三角池村",
            "44263",
            "来信",
            "土地权益",
            "征地补偿款未分配。",
            "受理",
            "",
            "",
            "",
        ]
    ]
    response = dry_run(client, "rights.rightscase", csv_file(HEADER, rows, encoding), "1")
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    confirm(client, "rights.rightscase", response)
    case = RightsCase.objects.get(summary="征地补偿款未分配。")
    assert (case.org_unit.name, case.channel.name, case.received_on.isoformat()) == (
        "三角池村",
        "来信",
        "2021-03-08",
    )


def test_the_blank_template_has_the_chinese_headers(demo, login):
    response = login("rights").get(reverse("admin:rights_rightscase_import_template"))
    assert template_header(response) == HEADER
