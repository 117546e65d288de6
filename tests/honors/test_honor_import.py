"""Importing honors from spreadsheets through the admin."""

from datetime import date, datetime

import pytest
from django.urls import reverse

from honors.models import CommendationEvent, Honor
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

HEADER = [
    "编号",
    "所属单位",
    "对象类型",
    "姓名或集体名称",
    "工作单位",
    "职务",
    "荣誉称号",
    "荣誉级别",
    "授予单位",
    "年度",
    "授予日期",
    "表彰活动",
    "备注",
]


def row(name, unit="腊市镇/明塘村", **values):
    cells = {
        "编号": "",
        "所属单位": unit,
        "对象类型": "个人",
        "姓名或集体名称": name,
        "工作单位": "腊市镇明塘村",
        "职务": "妇女小组长",
        "荣誉称号": "巾帼百佳",
        "荣誉级别": "市",
        "授予单位": "萍乡市妇联",
        "年度": 2021,
        "授予日期": "",
        "表彰活动": "",
        "备注": "",
        **values,
    }
    return [cells[column] for column in HEADER]


def test_good_xlsx_previews_then_imports(honors, login, user):
    client = login("township")
    rows = [
        row("导入的周敏", 授予日期=datetime(2021, 7, 8)),
        row("导入的吴芳", unit="360313103000", 授予日期="2021/3/8"),
        row(
            "腊市镇巾帼志愿服务队",
            对象类型="集体",
            工作单位="",
            职务="",
            荣誉称号="三八红旗集体",
            授予日期="2021年3月8日",
        ),
    ]
    response = dry_run(client, "honors.honor", xlsx(HEADER, rows))
    assert response.status_code == 200
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    assert response.context["result"].totals["new"] == 3
    assert not Honor.objects.filter(recipient_name="导入的周敏").exists()

    assert confirm(client, "honors.honor", response).status_code == 302
    zhou = Honor.objects.get(recipient_name="导入的周敏")
    assert (zhou.org_unit.name, zhou.title.name, zhou.level.name) == ("明塘村", "巾帼百佳", "市")
    assert zhou.conferred_on == date(2021, 7, 8)
    assert Honor.objects.get(recipient_name="导入的吴芳").conferred_on == date(2021, 3, 8)
    team = Honor.objects.get(recipient_name="腊市镇巾帼志愿服务队")
    assert (team.recipient_type, team.conferred_on) == ("集体", date(2021, 3, 8))
    assert zhou.created_by == user("township")
    assert zhou.history.get().history_user == user("township")


def test_bad_rows_are_named_and_nothing_is_written(honors, login):
    client = login("township")
    rows = [
        row("好的一行"),
        row("称号不存在", 荣誉称号="巾帼英雄"),
        row("个人拿集体称号", 荣誉称号="三八红旗集体"),
        row("日期不在年度内", 授予日期="2020-12-31"),
        row("日期写错", 授予日期="去年三月"),
        row("明塘村的李秀英", 荣誉称号="三八红旗手"),
        row("类型写错", 对象类型="团体"),
        row("年度超出", 年度=2200),
    ]
    response = dry_run(client, "honors.honor", xlsx(HEADER, rows))
    errors = error_cells(response)
    assert errors[(3, "荣誉称号")] == (
        "巾帼英雄",
        "“巾帼英雄”不在“荣誉称号”列表中；如确需新增，请先在管理后台的参考列表中添加。",
    )
    assert errors[(4, "荣誉称号")] == (
        "三八红旗集体",
        "“三八红旗集体”只授予集体，不能授予个人。",
    )
    assert (
        errors[(5, "授予日期")][1] == "授予日期（2020-12-31）不在2021年度内，请核对授予日期或年度。"
    )
    assert errors[(6, "授予日期")] == (
        "去年三月",
        "无法识别日期“去年三月”，请填写如 2021-03-08 或 2021/3/8 的日期。",
    )
    assert errors[(7, "整行")][1] == "同一单位的同一对象在同一年度已获得同一级别的该荣誉。"
    assert errors[(8, "对象类型")] == ("团体", "“团体”不是有效的选项，可填：个人、集体。")
    assert errors[(9, "整行")][1] == "年度应在1949年至2100年之间。"
    assert (2, "整行") not in errors
    assert "共 7 处错误，没有写入任何数据" in response.content.decode()
    assert not response.context.get("confirm_form")
    assert not Honor.objects.filter(recipient_name="好的一行").exists()

    download = client.get(reverse("admin:honors_honor_import_errors"))
    assert sheet_rows(download)[0] == ["行号", "列", "值", "原因"]


def test_township_cannot_import_a_row_for_another_township(honors, login):
    client = login("township")
    rows = [row("本镇的一行"), row("越权的一行", unit="湘东镇")]
    response = dry_run(client, "honors.honor", xlsx(HEADER, rows))
    assert error_cells(response)[(3, "所属单位")] == (
        "湘东镇",
        "找不到单位“湘东镇”，或该单位不在您的管辖范围内。",
    )
    assert not Honor.objects.filter(recipient_name__in=["本镇的一行", "越权的一行"]).exists()


def test_township_cannot_overwrite_another_townships_honor_by_number(honors, login):
    response = dry_run(
        login("township"),
        "honors.honor",
        xlsx(HEADER, [row("改别人的", 编号=honors["xiangdong"].pk)]),
    )
    assert "不存在，或不在您的管辖范围内" in error_cells(response)[(2, "编号")][1]
    honors["xiangdong"].refresh_from_db()
    assert honors["xiangdong"].recipient_name == "湘东镇的赵红梅"


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_chinese_csv_encodings_are_read(honors, login, encoding):
    client = login("township")
    upload = csv_file(HEADER, [row("编码测试", 授予日期="2021/3/8")], encoding)
    response = dry_run(client, "honors.honor", upload, fmt="1")
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    confirm(client, "honors.honor", response)
    honor = Honor.objects.get(recipient_name="编码测试")
    assert (honor.work_unit, honor.conferred_on) == ("腊市镇明塘村", date(2021, 3, 8))


def test_an_event_is_found_by_name_within_the_scope(honors, event, login):
    same_name_next_year = CommendationEvent.objects.create(
        name=event.name,
        held_on=date(2022, 3, 7),
        organiser="湘东区妇联",
        org_unit=event.org_unit,
    )
    client = login("staff")
    rows = [
        row("活动上受表彰", 荣誉级别="区", 授予单位="湘东区妇联", 表彰活动=event.name),
        row("次年受表彰", 荣誉级别="区", 授予单位="湘东区妇联", 年度=2022, 表彰活动=event.name),
    ]
    response = dry_run(client, "honors.honor", xlsx(HEADER, rows))
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    confirm(client, "honors.honor", response)
    assert Honor.objects.get(recipient_name="活动上受表彰").event == event
    assert Honor.objects.get(recipient_name="次年受表彰").event == same_name_next_year


def test_two_events_of_one_name_in_one_year_are_not_guessed(honors, event, login):
    CommendationEvent.objects.create(
        name=event.name, held_on=date(2021, 9, 1), organiser="湘东区妇联", org_unit=event.org_unit
    )
    response = dry_run(
        login("staff"), "honors.honor", xlsx(HEADER, [row("无法确定", 表彰活动=event.name)])
    )
    assert error_cells(response)[(2, "表彰活动")][1] == (
        f"有 2 个表彰活动叫“{event.name}”，按年度“2021”仍无法确定是哪一个，请在后台逐条选择。"
    )
    assert not Honor.objects.filter(recipient_name="无法确定").exists()


def test_an_event_outside_the_scope_is_not_found(honors, event, login):
    response = dry_run(
        login("township"), "honors.honor", xlsx(HEADER, [row("越权", 表彰活动=event.name)])
    )
    assert error_cells(response)[(2, "表彰活动")] == (
        event.name,
        f"找不到表彰活动“{event.name}”，或该活动不在您的管辖范围内。",
    )


def test_the_blank_template_has_the_chinese_headers(login):
    response = login("township").get(reverse("admin:honors_honor_import_template"))
    assert template_header(response) == HEADER
