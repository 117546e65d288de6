"""Importing family awards through the admin: preview, confirm, bad rows, encodings, scope."""

import pytest

from families.models import FamilyAward
from tests.spreadsheets import confirm, csv_file, dry_run, error_cells, xlsx

pytestmark = pytest.mark.django_db

HEADER = [
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


def row(household, unit="腊市镇/明塘村", kind="最美家庭", level="省", year=2021, day="2021/5/14"):
    return [
        "",
        unit,
        household,
        household.removesuffix("家庭"),
        kind,
        level,
        "江西省妇联",
        year,
        day,
        "",
        "孝老爱亲",
    ]


def test_good_xlsx_is_previewed_then_imported(demo, login, user):
    client = login("township")
    rows = [row("刘春兰家庭"), row("彭志强家庭", unit="360313103000", kind="书香家庭", day="")]
    response = dry_run(client, "families.familyaward", xlsx(HEADER, rows))
    assert response.status_code == 200
    assert not response.context["result"].has_validation_errors()
    assert response.context["result"].totals["new"] == 2
    assert not FamilyAward.objects.exists()

    response = confirm(client, "families.familyaward", response)
    assert response.status_code == 302
    award = FamilyAward.objects.get(household_name="刘春兰家庭")
    assert (award.org_unit.name, award.kind.name, award.level.name) == ("明塘村", "最美家庭", "省")
    assert award.conferred_on.isoformat() == "2021-05-14"
    assert award.created_by == user("township")
    assert award.history.get().history_user == user("township")
    other = FamilyAward.objects.get(household_name="彭志强家庭")
    assert (other.org_unit.name, other.conferred_on) == ("腊市镇", None)


def test_bad_rows_are_named_and_nothing_is_written(demo, login):
    client = login("township")
    rows = [
        row("好的一户"),
        row("无此类别家庭", kind="优秀家庭"),
        # "省级" is an alias of 省 and is accepted; a level nobody has is not.
        row("无此级别家庭", level="村级"),
        row("日期错家庭", day="2021年13月1日"),
        row("跨年家庭", day="2020-12-31"),
        row("年度错家庭", year="二〇二一"),
        row("重复家庭"),
        row("重复家庭"),
    ]
    response = dry_run(client, "families.familyaward", xlsx(HEADER, rows))
    errors = error_cells(response)
    assert errors[(3, "表彰类别")] == (
        "优秀家庭",
        "“优秀家庭”不在“表彰类别”列表中；如确需新增，请先在管理后台的参考列表中添加。",
    )
    assert errors[(4, "表彰级别")][0] == "村级"
    assert errors[(5, "授予日期")] == (
        "2021年13月1日",
        "无法识别日期“2021年13月1日”，请填写如 2021-03-08 或 2021/3/8 的日期。",
    )
    assert errors[(6, "授予日期")] == (
        "2020-12-31",
        "授予日期（2020-12-31）不在2021年度内，请核对授予日期或年度。",
    )
    assert errors[(7, "年度")] == ("二〇二一", "“二〇二一”不是数字，请填写整数。")
    assert errors[(9, "整行")][1] == "该家庭在同一年度已获得同一级别的同类表彰。"
    assert len(response.context["error_rows"]) == 6
    assert response.context.get("confirm_form") is None
    assert "共 6 处错误，没有写入任何数据" in response.content.decode()
    assert not FamilyAward.objects.exists()


def test_a_row_for_another_township_is_rejected_and_nothing_is_written(demo, login):
    rows = [row("本镇家庭"), row("越权家庭", unit="湘东镇")]
    response = dry_run(login("township"), "families.familyaward", xlsx(HEADER, rows))
    assert error_cells(response)[(3, "所属单位")] == (
        "湘东镇",
        "找不到单位“湘东镇”，或该单位不在您的管辖范围内。",
    )
    assert not FamilyAward.objects.exists()


def test_a_row_updating_another_townships_record_is_rejected(make_award, login):
    theirs = make_award("湘东镇")
    rows = [[theirs.pk, *row("张建国家庭", unit="腊市镇")[1:]]]
    response = dry_run(login("township"), "families.familyaward", xlsx(HEADER, rows))
    assert "不存在，或不在您的管辖范围内" in error_cells(response)[(2, "编号")][1]
    theirs.refresh_from_db()
    assert theirs.org_unit.name == "湘东镇"


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"], ids=["GBK", "BOM UTF-8"])
def test_csv_from_chinese_excel_is_read(demo, login, encoding):
    client = login("township")
    upload = csv_file(HEADER, [row("谢桂香家庭", kind="绿色（清洁）家庭", level="市")], encoding)
    response = dry_run(client, "families.familyaward", upload, fmt="1")
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    confirm(client, "families.familyaward", response)
    award = FamilyAward.objects.get(household_name="谢桂香家庭")
    assert (award.kind.name, award.head_name, award.story) == (
        "绿色（清洁）家庭",
        "谢桂香",
        "孝老爱亲",
    )


def test_reimporting_an_export_changes_nothing(make_award, login):
    award = make_award(story="原有事迹")
    rows = [
        [
            award.pk,
            "湘东区/腊市镇",
            "张建国家庭",
            "张建国",
            "最美家庭",
            "省",
            "江西省妇联",
            2021,
            "",
            "",
            "原有事迹",
        ]
    ]
    response = dry_run(login("township"), "families.familyaward", xlsx(HEADER, rows))
    assert response.context["result"].totals["skip"] == 1


def test_empty_required_cells_are_named_and_empty_text_is_fine(demo, login):
    rows = [
        ["", "腊市镇", "", "张三", "最美家庭", "省", "江西省妇联", 2021, "", "", ""],
        ["", "腊市镇", "李四家庭", "李四", "最美家庭", "", "江西省妇联", "", "", "", ""],
    ]
    response = dry_run(login("township"), "families.familyaward", xlsx(HEADER, rows))
    errors = error_cells(response)
    assert errors == {
        (2, "户名"): ("", "“户名”为必填项，不能为空。"),
        (3, "表彰级别"): ("", "“表彰级别”为必填项，不能为空。"),
        (3, "年度"): ("", "“年度”为必填项，不能为空。"),
    }


@pytest.mark.parametrize(
    ("typed", "level"),
    [
        ("省级", "省"),
        ("市级", "市"),
        ("县级", "区"),
        ("区级", "区"),
        ("乡镇级", "乡镇"),
        ("全国级", "全国"),
    ],
)
def test_levels_are_read_by_their_usual_aliases(demo, login, typed, level):
    client = login("township")
    response = dry_run(client, "families.familyaward", xlsx(HEADER, [row("别名家庭", level=typed)]))
    assert not response.context["result"].has_validation_errors(), error_cells(response)
    confirm(client, "families.familyaward", response)
    assert FamilyAward.objects.get(household_name="别名家庭").level.name == level
