"""Importing commendation events and the federation's own honors."""

from datetime import date

import pytest

from honors.models import CommendationEvent, FederationHonor
from tests.spreadsheets import confirm, csv_file, dry_run, error_cells, xlsx

pytestmark = pytest.mark.django_db

EVENT_HEADER = ["编号", "所属单位", "活动名称", "举办日期", "主办单位", "活动内容"]
FEDERATION_HEADER = ["编号", "所属单位", "荣誉名称", "授予单位", "荣誉级别", "年度", "类别", "备注"]


def test_staff_import_an_event(login, unit):
    client = login("staff")
    upload = xlsx(
        EVENT_HEADER, [["", "湘东区", "湘东区巾帼建功表彰会", "2021/11/20", "湘东区妇联", ""]]
    )
    response = dry_run(client, "honors.commendationevent", upload)
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    confirm(client, "honors.commendationevent", response)
    made = CommendationEvent.objects.get(name="湘东区巾帼建功表彰会")
    assert (made.held_on, made.org_unit, made.description) == (
        date(2021, 11, 20),
        unit("湘东区"),
        "",
    )


def test_a_township_cannot_import_an_event_for_the_district(login):
    upload = xlsx(EVENT_HEADER, [["", "湘东区", "越权的表彰会", "2021-11-20", "湘东区妇联", ""]])
    response = dry_run(login("township"), "honors.commendationevent", upload)
    assert error_cells(response)[(2, "所属单位")][0] == "湘东区"
    assert not CommendationEvent.objects.exists()


def test_staff_import_the_federations_honors_from_gbk_csv(login, unit):
    client = login("staff")
    rows = [
        [
            "",
            "360313000000",
            "全国妇联系统宣传舆论阵地建设先进单位",
            "全国妇联",
            "全国",
            2021,
            "荣誉称号",
            "",
        ],
        [
            "",
            "湘东区",
            "全区“廉洁萍乡建设”技能大赛一等奖",
            "湘东区纪委监委",
            "区",
            2021,
            "竞赛奖项",
            "",
        ],
    ]
    response = dry_run(
        client, "honors.federationhonor", csv_file(FEDERATION_HEADER, rows, "gbk"), "1"
    )
    assert not response.context["result"].has_validation_errors(), response.context.get(
        "error_rows"
    )
    confirm(client, "honors.federationhonor", response)
    assert list(
        FederationHonor.objects.for_year(2021).values_list("title", "level__name", "kind")
    ) == [
        ("全国妇联系统宣传舆论阵地建设先进单位", "全国", "荣誉称号"),
        ("全区“廉洁萍乡建设”技能大赛一等奖", "区", "竞赛奖项"),
    ]


def test_a_federation_honor_for_a_township_is_refused(login):
    rows = [["", "腊市镇", "某荣誉", "某单位", "区", 2021, "荣誉称号", ""]]
    response = dry_run(login("staff"), "honors.federationhonor", xlsx(FEDERATION_HEADER, rows))
    assert error_cells(response)[(2, "所属单位")][1].startswith("本会所获荣誉应记在区（县）")
    assert not FederationHonor.objects.exists()
