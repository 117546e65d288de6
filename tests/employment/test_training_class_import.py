"""Importing training classes through the admin: preview, confirm, bad rows, encodings, scope."""

from datetime import date, datetime

import pytest
from django.urls import reverse

from employment.models import TrainingClass
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
    "培训类别",
    "班级名称",
    "期次",
    "合作单位",
    "年度",
    "开班日期",
    "结业日期",
    "计划名额",
    "参训人数",
    "取证人数",
    "备注",
]


def row(unit="腊市镇", name="第5期家政技能培训班", start="2021-08-16", end="2021-08-22", **values):
    cells = {
        "kind": "家政",
        "session": 5,
        "partner": "湘东职专",
        "year": 2021,
        "planned": 60,
        "trainees": 58,
        "certified": 50,
        "notes": "",
        **values,
    }
    return [
        "",
        unit,
        cells["kind"],
        name,
        cells["session"],
        cells["partner"],
        cells["year"],
        start,
        end,
        cells["planned"],
        cells["trainees"],
        cells["certified"],
        cells["notes"],
    ]


def test_good_xlsx_previews_then_imports(classes, login, user, unit):
    client = login("township")
    rows = [
        row(start=datetime(2021, 8, 16), end=datetime(2021, 8, 22)),
        row("腊市镇/明塘村", "第6期家政技能培训班", "2021/9/13", "2021年9月19日", session=6),
        row("360313103000", "第1期养殖技能培训班", "2021.10.11", "2021-10-15", kind="养殖"),
    ]
    response = dry_run(client, "employment.trainingclass", xlsx(HEADER, rows))
    assert response.status_code == 200
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    assert response.context["result"].totals["new"] == 3
    assert not TrainingClass.objects.filter(name="第5期家政技能培训班").exists()

    response = confirm(client, "employment.trainingclass", response)
    assert response.status_code == 302
    fifth = TrainingClass.objects.get(name="第5期家政技能培训班")
    assert (fifth.start_date, fifth.end_date) == (date(2021, 8, 16), date(2021, 8, 22))
    assert (fifth.trainees, fifth.certified, fifth.partner) == (58, 50, "湘东职专")
    assert fifth.created_by == user("township")
    sixth = TrainingClass.objects.get(name="第6期家政技能培训班")
    assert sixth.org_unit == unit("明塘村")
    assert (sixth.start_date, sixth.end_date) == (date(2021, 9, 13), date(2021, 9, 19))
    assert TrainingClass.objects.get(name="第1期养殖技能培训班").kind.name == "养殖"


def test_bad_rows_are_named_and_nothing_is_written(classes, login):
    client = login("township")
    rows = [
        row(),
        row(name="负数", certified=-1),
        row(name="取证过多", trainees=30, certified=31),
        row(name="无此类别", kind="烹饪"),
        row(name="跨年", start="2020-12-28"),
        row(name="日期写错", end="2021-13-01"),
        row(name="第2期家政技能培训班", session=2),
        row("湘东镇", name="越权"),
    ]
    response = dry_run(client, "employment.trainingclass", xlsx(HEADER, rows))
    errors = error_cells(response)
    assert errors[(3, "整行")] == ("", "取证人数不能为负数。")
    assert errors[(4, "整行")] == ("", "取证人数不能多于参训人数。")
    assert errors[(5, "培训类别")][0] == "烹饪"
    assert "不在“培训类别”列表中" in errors[(5, "培训类别")][1]
    assert (
        errors[(6, "开班日期")][1] == "开班日期（2020-12-28）不在2021年度内，请核对开班日期或年度。"
    )
    assert errors[(7, "结业日期")] == (
        "2021-13-01",
        "无法识别日期“2021-13-01”，请填写如 2021-03-08 或 2021/3/8 的日期。",
    )
    assert errors[(8, "整行")][1] == "同一单位同一年度已有同名培训班。"
    assert errors[(9, "所属单位")] == ("湘东镇", "找不到单位“湘东镇”，或该单位不在您的管辖范围内。")
    assert (2, "整行") not in errors
    assert response.context.get("confirm_form") is None
    assert not TrainingClass.objects.filter(name="第5期家政技能培训班").exists()
    assert "没有写入任何数据" in response.content.decode()


def test_township_importing_a_row_for_another_township_writes_nothing(classes, login):
    client = login("township")
    rows = [row(), row("湘东镇", "第9期家政技能培训班", session=9)]
    response = dry_run(client, "employment.trainingclass", xlsx(HEADER, rows))
    assert list(error_cells(response)) == [(3, "所属单位")]
    assert not TrainingClass.objects.filter(
        name__in=["第5期家政技能培训班", "第9期家政技能培训班"]
    ).exists()


def test_township_cannot_update_another_townships_class_by_number(classes, login):
    other = classes["xiangdong"]
    cells = row("腊市镇", other.name)
    cells[0] = other.pk
    response = dry_run(login("township"), "employment.trainingclass", xlsx(HEADER, [cells]))
    assert "不存在，或不在您的管辖范围内" in error_cells(response)[(2, "编号")][1]
    other.refresh_from_db()
    assert other.org_unit.name == "湘东镇"


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_csv_in_gbk_and_bom_utf8_is_read(classes, login, encoding):
    client = login("township")
    upload = csv_file(HEADER, [row(start="2021/8/16", end="2021/8/22")], encoding)
    response = dry_run(client, "employment.trainingclass", upload, fmt="1")
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    confirm(client, "employment.trainingclass", response)
    made = TrainingClass.objects.get(name="第5期家政技能培训班")
    assert (made.kind.name, made.partner, made.start_date) == (
        "家政",
        "湘东职专",
        date(2021, 8, 16),
    )


def test_blank_template_has_the_chinese_headers(classes, login):
    response = login("township").get(reverse("admin:employment_trainingclass_import_template"))
    assert template_header(response) == HEADER
