"""Importing trainees: classes looked up in scope, 是/否 flags, personal fields checked."""

import pytest

from employment.models import Trainee
from fedportal.personal_data import mask_id_number
from tests.employment.helpers import ID_NUMBER
from tests.spreadsheets import confirm, dry_run, error_cells, xlsx

pytestmark = pytest.mark.django_db

HEADER = [
    "编号",
    "培训班",
    "所属单位",
    "姓名",
    "身份证号码",
    "手机号码",
    "取得证书",
    "培训后就业",
    "就业单位",
]
LASHI_CLASS = "2021/第2期家政技能培训班"


def test_good_xlsx_previews_then_imports(classes, login, unit, user):
    classes["lashi"].trainees = 5
    classes["lashi"].save()
    client = login("township")
    rows = [
        [
            "",
            LASHI_CLASS,
            "腊市镇/明塘村",
            "王桂兰",
            ID_NUMBER,
            "139 0799 0004",
            "是",
            "是",
            "湘东区惠民家政服务部",
        ],
        ["", "第2期家政技能培训班", "腊市镇", "李丽萍", "", "", "否", "否", ""],
        ["", classes["lashi"].pk, "腊市镇", "陈海燕", "", 13907990005, 1, 0, ""],
    ]
    response = dry_run(client, "employment.trainee", xlsx(HEADER, rows))
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    assert not Trainee.objects.exists()
    response = confirm(client, "employment.trainee", response)
    assert response.status_code == 302
    first = Trainee.objects.get(name="王桂兰")
    assert first.training_class == classes["lashi"]
    assert first.org_unit == unit("明塘村")
    assert (first.id_number, first.phone) == (ID_NUMBER, "13907990004")
    assert (first.certified, first.employed) == (True, True)
    assert first.created_by == user("township")
    assert Trainee.objects.get(name="李丽萍").certified is False
    assert Trainee.objects.get(name="陈海燕").phone == "13907990005"


def test_bad_rows_are_named_and_nothing_is_written(classes, login):
    rows = [
        ["", LASHI_CLASS, "腊市镇", "好的一行", "", "", "否", "否", ""],
        ["", LASHI_CLASS, "腊市镇", "号码错", ID_NUMBER[:17] + "0", "", "否", "否", ""],
        ["", LASHI_CLASS, "腊市镇", "手机错", "", "12345", "否", "否", ""],
        ["", "2021/第4期家政技能培训班", "腊市镇", "别镇的班", "", "", "否", "否", ""],
        ["", LASHI_CLASS, "腊市镇", "看不懂", "", "", "也许", "否", ""],
        ["", LASHI_CLASS, "腊市镇", "只填单位", "", "", "否", "否", "某公司"],
    ]
    response = dry_run(login("township"), "employment.trainee", xlsx(HEADER, rows))
    errors = error_cells(response)
    # The value as the importer may see it: masked, as in an export.
    assert errors[(3, "身份证号码")] == (
        mask_id_number(ID_NUMBER[:17] + "0"),
        "身份证号码校验位不正确，请核对后重新输入。",
    )
    assert errors[(4, "手机号码")][1] == "手机号码应为11位，以1开头，第二位为3至9。"
    assert errors[(5, "培训班")] == (
        "2021/第4期家政技能培训班",
        "找不到培训班“2021/第4期家政技能培训班”，或该培训班不在您的管辖范围内。",
    )
    assert errors[(6, "取得证书")] == ("也许", "“也许”无法识别，请填写“是”或“否”。")
    assert errors[(7, "培训后就业")][1] == "填写了就业单位，请同时勾选“培训后就业”。"
    assert (2, "整行") not in errors
    assert not Trainee.objects.exists()


def test_a_roster_longer_than_the_class_is_refused(classes, login):
    rows = [
        ["", LASHI_CLASS, "腊市镇", name, "", "", "否", "否", ""]
        for name in ("甲", "乙", "丙", "丁")
    ]
    response = dry_run(login("township"), "employment.trainee", xlsx(HEADER, rows))
    errors = error_cells(response)
    assert list(errors) == [(5, "培训班")]
    assert "参训人数为3人，加上本学员名单将有4人" in errors[(5, "培训班")][1]
    assert not Trainee.objects.exists()


def test_the_same_id_number_twice_in_one_file_is_refused(classes, login):
    rows = [["", LASHI_CLASS, "腊市镇", name, ID_NUMBER, "", "否", "否", ""] for name in "甲乙"]
    response = dry_run(login("township"), "employment.trainee", xlsx(HEADER, rows))
    assert error_cells(response) == {(3, "整行"): ("", "该身份证号码已在本培训班登记。")}


def test_an_ambiguous_class_name_asks_for_the_year(make_class, classes, login, unit):
    make_class(
        "腊市镇",
        "第2期家政技能培训班",
        year=2022,
        start_date=classes["lashi"].start_date.replace(year=2022),
        end_date=classes["lashi"].end_date.replace(year=2022),
    )
    rows = [["", "第2期家政技能培训班", "腊市镇", "甲", "", "", "否", "否", ""]]
    response = dry_run(login("township"), "employment.trainee", xlsx(HEADER, rows))
    reason = error_cells(response)[(2, "培训班")][1]
    assert reason.startswith("有 2 个培训班叫“第2期家政技能培训班”，请写成“年度/班级名称”")


def test_township_importing_a_trainee_of_another_township_writes_nothing(classes, login):
    rows = [
        ["", LASHI_CLASS, "腊市镇", "好的一行", "", "", "否", "否", ""],
        ["", LASHI_CLASS, "湘东镇", "越权", "", "", "否", "否", ""],
    ]
    response = dry_run(login("township"), "employment.trainee", xlsx(HEADER, rows))
    assert error_cells(response)[(3, "所属单位")][0] == "湘东镇"
    assert not Trainee.objects.exists()
