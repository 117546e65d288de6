"""Importing 两癌 screening figures through the admin."""

from datetime import date

import pytest

from tests.spreadsheets import confirm, csv_file, dry_run, error_cells, xlsx
from tests.welfare.helpers import screening_totals
from welfare.models import Screening

pytestmark = pytest.mark.django_db

HEADER = [
    "编号",
    "所属单位",
    "年度",
    "筛查日期",
    "结束日期",
    "筛查对象",
    "宫颈癌筛查人数",
    "乳腺癌筛查人数",
    "宫颈癌阳性/转诊人数",
    "乳腺癌阳性/转诊人数",
    "合作医院",
    "备注",
]


def test_good_xlsx_previews_then_imports(demo, login, unit):
    client = login("township")
    rows = [
        ["", "腊市镇", 2021, "2021/4/12", "2021/6/30", "农村适龄妇女", 612, 598, 7, 4, "湘东区妇幼保健院", ""],
        ["", "明塘村", 2021, "2021年5月8日", "", "城镇贫困妇女", 35, 35, 0, 1, "", "单日筛查"],
    ]  # fmt: skip
    response = dry_run(client, "welfare.screening", xlsx(HEADER, rows))
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    assert not Screening.objects.exists()
    confirm(client, "welfare.screening", response)
    assert screening_totals(2021, unit("湘东区")) == {
        "cervical_screened": 647,
        "breast_screened": 633,
        "cervical_referred": 7,
        "breast_referred": 5,
    }
    one_day = Screening.objects.get(org_unit__name="明塘村")
    assert (one_day.start_date, one_day.end_date, one_day.population) == (
        date(2021, 5, 8),
        None,
        "urban_poor",
    )


def test_bad_rows_are_named_and_nothing_is_written(demo, login):
    rows = [
        ["", "腊市镇", 2021, "2021-04-12", "", "农村适龄妇女", 100, 100, 1, 1, "", ""],
        ["", "腊市镇", 2021, "2021-04-13", "", "农村适龄妇女", 100, 90, 101, 1, "", ""],
        ["", "腊市镇", 2021, "2021-04-14", "", "全体妇女", 100, 90, 1, 1, "", ""],
        ["", "腊市镇", 2021, "2021-04-15", "", "农村适龄妇女", "一百", 90, 1, 1, "", ""],
        ["", "腊市镇", 2021, "2020-12-15", "", "农村适龄妇女", 100, 90, 1, 1, "", ""],
    ]
    response = dry_run(login("township"), "welfare.screening", csv_file(HEADER, rows, "gbk"), "1")
    errors = error_cells(response)
    assert errors[(3, "整行")][1] == "宫颈癌阳性/转诊人数不能多于宫颈癌筛查人数。"
    assert errors[(4, "筛查对象")] == (
        "全体妇女",
        "“全体妇女”不是有效的选项，可填：农村适龄妇女、城镇贫困妇女。",
    )
    assert errors[(5, "宫颈癌筛查人数")] == ("一百", "“一百”不是数字，请填写整数。")
    assert (
        errors[(6, "筛查日期")][1] == "筛查日期（2020-12-15）不在2021年度内，请核对筛查日期或年度。"
    )
    assert not Screening.objects.exists()
