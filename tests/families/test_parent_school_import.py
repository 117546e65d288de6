"""Importing parent schools and family-tradition bases: 是/否, kinds by label, levels by name."""

import pytest

from families.models import FamilyTraditionBase, ParentSchool
from tests.spreadsheets import confirm, dry_run, error_cells, xlsx

pytestmark = pytest.mark.django_db

SCHOOL_HEADER = [
    "编号",
    "所属单位",
    "名称",
    "类型",
    "示范家长学校",
    "成立年度",
    "命名示范年度",
    "备注",
]
BASE_HEADER = ["编号", "所属单位", "基地名称", "命名年度", "级别", "简介"]


def test_schools_are_imported_with_kinds_by_label_and_yes_no(demo, login):
    client = login("township2")
    rows = [
        ["", "湘东镇/三角池村", "三角池村家长学校", "村家长学校", "是", 2018, 2021, ""],
        ["", "湘东镇", "湘东镇湘东社区家长学校", "社区家长学校", "否", 2019, "", ""],
    ]
    response = dry_run(client, "families.parentschool", xlsx(SCHOOL_HEADER, rows))
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    confirm(client, "families.parentschool", response)
    model = ParentSchool.objects.get(name="三角池村家长学校")
    assert (model.kind, model.is_demonstration, model.demonstration_year) == ("village", True, 2021)
    assert list(ParentSchool.objects.designated_in(2021)) == [model]
    plain = ParentSchool.objects.get(name="湘东镇湘东社区家长学校")
    assert (plain.kind, plain.is_demonstration, plain.demonstration_year) == (
        "community",
        False,
        None,
    )


def test_bad_school_rows_are_named(demo, login):
    rows = [
        ["", "湘东镇", "甲校", "培训学校", "否", 2019, "", ""],
        ["", "湘东镇", "乙校", "村家长学校", "也许", 2019, "", ""],
        ["", "湘东镇", "丙校", "村家长学校", "否", 2019, 2021, ""],
    ]
    response = dry_run(login("township2"), "families.parentschool", xlsx(SCHOOL_HEADER, rows))
    errors = error_cells(response)
    assert errors[(2, "类型")] == (
        "培训学校",
        "“培训学校”不是有效的选项，可填：社区家长学校、村家长学校、学校家长学校、机关家长学校。",
    )
    assert errors[(3, "示范家长学校")] == ("也许", "“也许”无法识别，请填写“是”或“否”。")
    assert errors[(4, "整行")][1] == "填写了命名示范年度的，须勾选“示范家长学校”。"
    assert not ParentSchool.objects.exists()


def test_bases_are_imported_with_their_level(demo, login):
    client = login("staff")
    rows = [["", "湘东区/东桥镇", "凯丰故里家风家教示范基地", 2021, "区", "凯丰家风故事"]]
    response = dry_run(client, "families.familytraditionbase", xlsx(BASE_HEADER, rows))
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    confirm(client, "families.familytraditionbase", response)
    base = FamilyTraditionBase.objects.get()
    assert (base.org_unit.name, base.level.name, base.designated_year) == ("东桥镇", "区", 2021)
