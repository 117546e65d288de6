"""The honors indicators give the 2021 annual report's figures from the demo records."""

import pytest

from fedportal.indicators import all_indicators, get
from honors.demo import load_demo_records

pytestmark = pytest.mark.django_db

REPORT_2021 = {
    "honors.national_red_banner_women": 1,
    "honors.national_model_workers": 1,
    "honors.provincial_red_banner_collectives": 1,
    "honors.city_red_banner_women": 6,
    "honors.city_red_banner_collectives": 2,
    "honors.city_top_hundred_women": 16,
    "honors.federation_honors": 4,
}


@pytest.fixture
def district(demo, unit):
    load_demo_records()
    return unit("湘东区")


@pytest.mark.parametrize(("key", "expected"), REPORT_2021.items())
def test_report_figures_for_2021(district, key, expected):
    assert get(key).value(2021, district) == expected


def test_every_indicator_is_registered_with_an_allowed_unit():
    keys = {indicator.key for indicator in all_indicators("honors")}
    assert set(REPORT_2021) <= keys
    assert "honors.honors" in keys
    for indicator in all_indicators("honors"):
        assert indicator.unit in {*"户名个人场件桶期元例所次", "人次", "%"}


def test_general_figures_for_2021(district):
    assert get("honors.honors").value(2021, district) == 38
    assert get("honors.commendation_events").value(2021, district) == 1
    assert get("honors.federation_titles_and_assessments").value(2021, district) == 3
    assert get("honors.federation_contest_awards").value(2021, district) == 1


def test_honors_break_down_by_level_and_title(district):
    honors = get("honors.honors")
    # Levels from the top, named as levels.
    assert honors.breakdown(2021, district, "级别") == [
        ("全国", 2),
        ("省级", 1),
        ("市级", 24),
        ("区级", 11),
    ]
    by_title = dict(honors.breakdown(2021, district, "称号"))
    assert by_title["巾帼百佳"] == 16
    assert by_title["三八红旗手"] == 1 + 6 + 3
    assert sum(by_title.values()) == 38


def test_federation_honors_break_down_by_kind(district):
    by_kind = dict(get("honors.federation_honors").breakdown(2021, district, "类别"))
    assert by_kind == {"荣誉称号": 2, "考核评价": 1, "竞赛奖项": 1}


def test_by_child_unit_sums_to_the_district(district, unit):
    indicator = get("honors.city_top_hundred_women")
    per_township = dict(
        (child.name, value) for child, value in indicator.by_child_unit(2021, district)
    )
    assert sum(per_township.values()) == 16
    assert per_township["腊市镇"] == 2
    assert per_township["白竺乡"] == 1
    honors = get("honors.honors")
    assert sum(v for _, v in honors.by_child_unit(2021, district)) == 38


def test_township_value_is_its_subtree_only(district, unit):
    honors = get("honors.honors")
    assert honors.value(2021, unit("腊市镇")) == 6
    assert honors.value(2021, unit("明塘村")) == 3
    assert get("honors.national_model_workers").value(2021, unit("腊市镇")) == 1
    assert get("honors.national_model_workers").value(2021, unit("湘东镇")) == 0
    assert get("honors.city_top_hundred_women").value(2021, unit("腊市镇")) == 2


def test_by_month_places_dated_honors(district):
    months = get("honors.honors").by_month(2021, district)
    assert months[2] == 9  # 省、市 in March
    assert months[5] == 11  # 区 commendation in June
    assert months[6] == 16  # 巾帼百佳 in July
    assert sum(months) == 36  # the two national honors have no date


def test_other_years_differ(district):
    honors = get("honors.honors")
    assert honors.value(2020, district) == 13
    assert honors.value(2022, district) == 18
    city_women = get("honors.city_red_banner_women")
    assert [city_women.value(y, district) for y in (2020, 2021, 2022)] == [4, 6, 5]
    assert get("honors.city_top_hundred_women").value(2022, district) == 0
    assert get("honors.national_model_workers").value(2020, district) == 0
    federation = get("honors.federation_honors")
    assert [federation.value(y, district) for y in (2020, 2021, 2022)] == [2, 4, 3]
    events = get("honors.commendation_events")
    assert [events.value(y, district) for y in (2020, 2021, 2022)] == [0, 1, 1]
