"""Importing job fairs through the admin."""

from datetime import date

import pytest

from employment.models import JobFair
from tests.spreadsheets import confirm, csv_file, dry_run, error_cells, xlsx

pytestmark = pytest.mark.django_db

HEADER = [
    "编号",
    "所属单位",
    "名称",
    "举办日期",
    "合作单位",
    "参会企业数",
    "提供岗位数",
    "入场求职人数",
    "达成就业意向人数",
    "备注",
]


def test_good_xlsx_then_bad_numbers(fairs, login):
    client = login("township")
    good = ["", "腊市镇", "腊市镇女性招聘会", "2021/3/12", "区人社局", 20, 400, 300, 80, ""]
    response = dry_run(client, "employment.jobfair", xlsx(HEADER, [good]))
    confirm(client, "employment.jobfair", response)
    fair = JobFair.objects.get(name="腊市镇女性招聘会")
    assert (fair.date, fair.hires, fair.partner) == (date(2021, 3, 12), 80, "区人社局")

    bad = ["", "腊市镇", "人数不对", "2021-05-01", "区人社局", 20, 400, 30, 80, ""]
    response = dry_run(client, "employment.jobfair", xlsx(HEADER, [bad]))
    assert error_cells(response) == {(2, "整行"): ("", "达成就业意向人数不能多于入场求职人数。")}
    assert not JobFair.objects.filter(name="人数不对").exists()


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_csv_in_gbk_and_bom_utf8_is_read(fairs, login, encoding):
    client = login("township")
    upload = csv_file(
        HEADER,
        [["", "腊市镇", "秋季招聘会", "2021-09-10", "区就业局", 8, 150, 90, 25, ""]],
        encoding,
    )
    response = dry_run(client, "employment.jobfair", upload, fmt="1")
    confirm(client, "employment.jobfair", response)
    assert JobFair.objects.get(name="秋季招聘会").partner == "区就业局"


def test_township_importing_a_fair_of_another_township_writes_nothing(fairs, login):
    rows = [["", "湘东镇", "越权招聘会", "2021-09-10", "", 1, 1, 1, 1, ""]]
    response = dry_run(login("township"), "employment.jobfair", xlsx(HEADER, rows))
    assert (2, "所属单位") in error_cells(response)
    assert not JobFair.objects.filter(name="越权招聘会").exists()
