"""The demo honors reproduce the 2021 figures of the reference report."""

import pytest

from fedportal.models import OrgUnit
from honors.demo import PARTY_CENTENARY, load_demo_records
from honors.models import CommendationEvent, FederationHonor, Honor
from tests.honors.helpers import honors_by_level_and_title

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(demo):
    return load_demo_records()


def test_2021_honors_above_the_district_match_the_report(loaded, unit):
    # 全国“三八红旗手”1名、全国“妇联系统劳动模范”1个、省“三八红旗集体”1个、
    # 市“三八红旗手”6人、市“三八红旗集体”2个、市“巾帼百佳”16人
    assert honors_by_level_and_title(2021, unit("湘东区"), at_or_above="市") == [
        {"level__name": "全国", "title__name": "三八红旗手", "count": 1},
        {"level__name": "全国", "title__name": "妇联系统劳动模范", "count": 1},
        {"level__name": "省", "title__name": "三八红旗集体", "count": 1},
        {"level__name": "市", "title__name": "三八红旗手", "count": 6},
        {"level__name": "市", "title__name": "三八红旗集体", "count": 2},
        {"level__name": "市", "title__name": "巾帼百佳", "count": 16},
    ]


def test_the_national_model_worker_is_named_as_in_the_report(loaded, unit):
    honor = Honor.objects.for_year(2021).at_level("全国").titled("妇联系统劳动模范").get()
    assert honor.citation() == "腊市镇明塘村妇联主席陈丽华"
    assert honor.org_unit == unit("明塘村")
    assert honor.org_unit.code == "360313103201"


def test_the_centenary_event_commended_the_reports_titles(loaded, unit):
    event = CommendationEvent.objects.get(name=PARTY_CENTENARY)
    assert event.name == "“巾帼心向党、奋进新征程”湘东妇女庆祝建党100周年主题宣传教育活动"
    assert event.org_unit == unit("湘东区")
    assert event.commended_titles() == [
        "三八红旗手",
        "三八红旗集体",
        "巾帼建功标兵",
        "优秀妇女干部",
        "最美巾帼志愿者",
    ]
    assert set(event.honors.values_list("level__name", flat=True)) == {"区"}


def test_the_federations_own_2021_honors_match_the_report(loaded, unit):
    # 我会获评“全国妇联系统宣传舆论阵地建设先进单位”、“全市创建全国文明城市工作先进集体”、
    # 2020年年度区直单位科级“好班子”等多项荣誉，并荣获全区“廉洁萍乡建设”技能大赛一等奖。
    honors = FederationHonor.objects.for_year(2021)
    assert [(h.report_phrase(), h.level.name, h.kind) for h in honors.titles_and_assessments()] == [
        ("“全国妇联系统宣传舆论阵地建设先进单位”", "全国", "荣誉称号"),
        ("“全市创建全国文明城市工作先进集体”", "市", "荣誉称号"),
        ("2020年年度区直单位科级“好班子”", "区", "考核评价"),
    ]
    assert [(h.report_phrase(), h.level.name) for h in honors.contest_awards()] == [
        ("全区“廉洁萍乡建设”技能大赛一等奖", "区")
    ]
    assert honors.get(level__name="全国").conferred_by == "全国妇联"
    assert {h.org_unit for h in honors} == {unit("湘东区")}


def test_neighbouring_years_have_honors_across_townships(loaded):
    for year in (2020, 2022):
        honors = Honor.objects.for_year(year)
        assert honors.count() >= 10
        townships = OrgUnit.objects.filter(level=OrgUnit.Level.TOWNSHIP)
        assert sum(honors.in_subtree(t).exists() for t in townships) >= 6
        assert FederationHonor.objects.for_year(year).exists()


def test_loading_twice_creates_nothing_new(loaded):
    counts = (Honor.objects.count(), CommendationEvent.objects.count())
    assert loaded == counts[0] + counts[1] + FederationHonor.objects.count()
    assert load_demo_records() == 0
    assert (Honor.objects.count(), CommendationEvent.objects.count()) == counts
