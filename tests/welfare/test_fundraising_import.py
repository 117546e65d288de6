"""Importing fundraising through the admin, with the run it belongs to."""

from decimal import Decimal

import pytest

from tests.spreadsheets import confirm, dry_run, error_cells, xlsx
from tests.welfare.helpers import money_raised
from welfare.models import Fundraising, ProgrammeRun

pytestmark = pytest.mark.django_db

HEADER = [
    "编号",
    "所属单位",
    "帮扶项目",
    "年度",
    "募集日期",
    "项目实施编号",
    "募集金额（元）",
    "捐赠方",
    "备注",
]


@pytest.fixture
def district_run(demo, programme, unit):
    return ProgrammeRun.objects.create(
        org_unit=unit("湘东区"), programme=programme("春蕾计划"), year=2021
    )


def test_good_xlsx_previews_then_imports(district_run, login, unit):
    client = login("township")
    rows = [
        ["", "腊市镇", "春蕾计划", 2021, "2021-06-01", district_run.pk, "12,345.50元", "腊市镇商会", ""],
        ["", "腊市镇", "99公益", 2021, "2021.9.9", "", 800, "99公益日网络募捐", "线上"],
    ]  # fmt: skip
    response = dry_run(client, "welfare.fundraising", xlsx(HEADER, rows))
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    confirm(client, "welfare.fundraising", response)
    assert money_raised(2021, unit("湘东区")) == Decimal("13145.50")
    assert Fundraising.objects.get(donors="腊市镇商会").run == district_run


def test_a_run_of_another_programme_is_rejected(district_run, login):
    rows = [["", "腊市镇", "99公益", 2021, "2021-09-09", district_run.pk, 800, "网络募捐", ""]]
    response = dry_run(login("township"), "welfare.fundraising", xlsx(HEADER, rows))
    assert error_cells(response)[(2, "项目实施编号")][1] == (
        "所选项目实施为“2021年春蕾计划”，与本记录的帮扶项目或年度不一致。"
    )
    assert not Fundraising.objects.exists()
