"""The employment indicators give the 2021 report's figures from the demo records."""

import pytest

from employment.demo import load_demo_records
from fedportal import indicators

pytestmark = pytest.mark.django_db

REPORT_2021 = {
    "employment.housekeeping_classes": 7,  # "联合湘东职专开办了7期家政技能培训班"
    "employment.housekeeping_trainees": 412,  # "帮助400余名妇女"
    "employment.womens_job_fairs": 1,  # "会同人社部门举办了女性专场招聘会"
    "employment.womens_job_fair_positions": 1260,
    "employment.womens_job_fair_hires": 215,
}

GENERAL_2021 = {
    "employment.classes": 7,
    "employment.trainees": 412,
    "employment.certified": 367,
    "employment.employed_trainees": 46,
    "employment.job_fair_hires": 215,
}


@pytest.fixture
def loaded(demo):
    load_demo_records()


@pytest.fixture
def district(loaded, unit):
    return unit("湘东区")


def value(key, year, unit):
    return indicators.get(key).value(year, unit)


@pytest.mark.parametrize(("key", "expected"), REPORT_2021.items())
def test_report_figures_2021(district, key, expected):
    assert value(key, 2021, district) == expected


@pytest.mark.parametrize(("key", "expected"), GENERAL_2021.items())
def test_general_figures_2021(district, key, expected):
    assert value(key, 2021, district) == expected


def test_every_indicator_is_registered_with_a_known_unit():
    registered = indicators.all_indicators("employment")
    assert set(REPORT_2021) | set(GENERAL_2021) <= {i.key for i in registered}
    assert {i.unit for i in registered} <= {*"户名个人场件桶期元例所次家", "人次", "%"}


def test_breakdown_by_training_kind(district):
    trainees = indicators.get("employment.trainees")
    assert trainees.breakdown(2021, district, "培训类别") == [("家政", 412)]
    assert trainees.breakdown(2022, district, "培训类别") == [
        ("家政", 234),
        ("种植", 86),
        ("养殖", 85),
    ]
    classes = indicators.get("employment.classes")
    assert classes.breakdown(2022, district, "培训类别") == [("家政", 4), ("养殖", 2), ("种植", 2)]
    assert classes.breakdown(2021, district, "合作单位") == [("湘东职专", 7)]


def test_by_month(district):
    months = indicators.get("employment.housekeeping_classes").by_month(2021, district)
    assert months == [0, 0, 1, 1, 1, 1, 0, 1, 1, 0, 1, 0]
    employed = indicators.get("employment.employed_trainees").by_month(2021, district)
    assert employed[3] == 21 and employed[5] == 25 and sum(employed) == 46


def test_by_child_unit_adds_up_with_the_districts_own_classes(district, unit):
    trainees = indicators.get("employment.trainees")
    per_unit = {child.name: v for child, v in trainees.by_child_unit(2021, district)}
    assert {name: v for name, v in per_unit.items() if v} == {
        "湘东区": 62 + 64,  # sessions 1 and 7 were run by the district itself
        "峡山口街道": 64,
        "湘东镇": 56,
        "腊市镇": 48,
        "下埠镇": 60,
        "麻山镇": 58,
    }
    assert sum(per_unit.values()) == value("employment.trainees", 2021, district)


def test_by_child_unit_sums_to_the_district_value(district):
    employed = indicators.get("employment.employed_trainees")
    per_township = {child.name: v for child, v in employed.by_child_unit(2021, district)}
    assert per_township["腊市镇"] == 21
    assert per_township["湘东镇"] == 25
    assert sum(per_township.values()) == value("employment.employed_trainees", 2021, district)


def test_a_township_sees_only_its_subtree(district, unit):
    lashi = unit("腊市镇")
    assert value("employment.housekeeping_classes", 2021, lashi) == 1
    assert value("employment.housekeeping_trainees", 2021, lashi) == 48
    assert value("employment.certified", 2021, lashi) == 44
    assert value("employment.employed_trainees", 2021, lashi) == 21
    assert value("employment.womens_job_fairs", 2021, lashi) == 0
    assert value("employment.job_fair_hires", 2021, lashi) == 0
    mingtang = unit("明塘村")
    assert value("employment.housekeeping_trainees", 2021, mingtang) == 0
    assert value("employment.employed_trainees", 2021, mingtang) == 0


@pytest.mark.parametrize(
    ("key", "year_2020", "year_2022"),
    [
        ("employment.housekeeping_classes", 4, 4),
        ("employment.housekeeping_trainees", 205, 234),
        ("employment.classes", 5, 8),
        ("employment.trainees", 245, 405),
        ("employment.womens_job_fairs", 0, 1),
        ("employment.womens_job_fair_positions", 0, 1480),
        ("employment.womens_job_fair_hires", 0, 268),
        ("employment.job_fair_hires", 0, 268),
    ],
)
def test_other_years_differ_from_2021(district, key, year_2020, year_2022):
    assert value(key, 2020, district) == year_2020
    assert value(key, 2022, district) == year_2022
    assert value(key, 2021, district) != year_2020
