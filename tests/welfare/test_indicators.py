"""The 妇儿民生 indicators give the figures of part 一（四） of the 2021 report."""

from decimal import Decimal

import pytest

from fedportal.indicators import all_indicators, get
from welfare.demo import _screenings, load_demo_records

pytestmark = pytest.mark.django_db

# Figures of the 2021 report for 湘东区 (part 一（四）).
REPORT_2021 = {
    "welfare.liangai_relief_women": 27,
    "welfare.liangai_relief_rural": 21,
    "welfare.liangai_relief_urban": 6,
    "welfare.liangai_relief_amount": Decimal(270000),
    "welfare.fundraising": Decimal(345300),
    "welfare.chunlei_fundraising": Decimal(200000),
    "welfare.gongyi_99_fundraising": Decimal(145300),
    "welfare.formula_full_tins": 496,
    "welfare.formula_partial_tins": 2007,
    "welfare.heart_treated_children": 1,
    "welfare.school_bag_children": 200,
    "welfare.school_bags": 200,
    "welfare.summer_camp_girls": 50,
}


@pytest.fixture
def district(demo, unit):
    load_demo_records()
    return unit("湘东区")


def value(key, district, year=2021):
    return get(key).value(year, district)


@pytest.mark.parametrize("key", REPORT_2021)
def test_report_figures_2021(key, district):
    assert value(key, district) == REPORT_2021[key]


def screened(year, population, column):
    """The demo's screening counts, summed independently of the indicators."""
    index = {"cervical": 5, "breast": 6}[column]
    return sum(
        row[index]
        for row in _screenings()
        if row[1] == year and (population is None or row[2] == population)
    )


@pytest.mark.parametrize("column", ["cervical", "breast"])
def test_free_screenings_rural_and_urban(column, district):
    rural = value(f"welfare.rural_{column}_screened", district)
    urban = value(f"welfare.urban_{column}_screened", district)
    assert rural == screened(2021, "rural", column) > 0
    assert urban == screened(2021, "urban_poor", column) > 0
    assert value(f"welfare.{column}_screened", district) == rural + urban
    assert dict(get(f"welfare.{column}_screened").breakdown(2021, district, "筛查对象")) == {
        "农村适龄妇女": rural,
        "城镇贫困妇女": urban,
    }


def test_general_indicators(district):
    assert value("welfare.grants", district) == 27 + 124 + 223 + 1 + 200 + 50
    assert value("welfare.grant_amount", district) == Decimal(270000)
    assert dict(get("welfare.grants").breakdown(2021, district, "帮扶项目"))["两癌救助"] == 27
    assert dict(get("welfare.grant_amount").breakdown(2021, district, "城乡")) == {
        "农村": Decimal(210000),
        "城镇": Decimal(60000),
    }
    assert {i.key for i in all_indicators("welfare")} >= set(REPORT_2021)


def test_breakdowns(district):
    assert get("welfare.liangai_relief_women").breakdown(2021, district, "城乡") == [
        ("农村", 21),
        ("城镇", 6),
    ]
    assert get("welfare.fundraising").breakdown(2021, district, "帮扶项目") == [
        ("春蕾计划", Decimal(200000)),
        ("99公益", Decimal(145300)),
    ]
    months = get("welfare.fundraising").by_month(2021, district)
    assert months[2] == Decimal(86000) and months[8] == Decimal(145300)
    assert sum(months) == Decimal(345300)


@pytest.mark.parametrize(
    "key", ["welfare.liangai_relief_women", "welfare.liangai_relief_amount", "welfare.grants"]
)
def test_townships_sum_to_district(key, district, unit):
    indicator = get(key)
    per_township = indicator.by_child_unit(2021, district)
    assert {child.name for child, _ in per_township} >= {"腊市镇", "湘东镇", "峡山口街道"}
    assert sum(v for _, v in per_township) == indicator.value(2021, district)
    lashi = dict((c.name, v) for c, v in per_township)["腊市镇"]
    assert lashi == indicator.value(2021, unit("腊市镇")) > 0


def test_township_counts_only_its_subtree(district, unit):
    lashi, mingtang = unit("腊市镇"), unit("明塘村")
    # 21 rural women spread over 11 units: two in 腊市镇 itself, two in its village 明塘村.
    assert value("welfare.liangai_relief_women", lashi) == 4
    assert value("welfare.liangai_relief_women", mingtang) == 2
    assert value("welfare.liangai_relief_amount", lashi) == Decimal(40000)
    assert value("welfare.heart_treated_children", lashi) == 1
    assert value("welfare.heart_treated_children", unit("湘东镇")) == 0
    # All 2021 fundraising is the district's own; 2022 has 8,500 元 raised in 腊市镇.
    assert value("welfare.fundraising", lashi) == 0
    assert value("welfare.fundraising", lashi, 2022) == Decimal(8500)


@pytest.mark.parametrize(
    ("key", "in_2020", "in_2022"),
    [
        ("welfare.liangai_relief_women", 23, 31),
        ("welfare.liangai_relief_amount", Decimal(230000), Decimal(310000)),
        ("welfare.fundraising", Decimal(248600), Decimal(372800)),
        ("welfare.chunlei_fundraising", Decimal(150000), Decimal(210000)),
        ("welfare.formula_full_tins", 320, 520),
        ("welfare.formula_partial_tins", 1350, 2160),
        ("welfare.heart_treated_children", 2, 1),
        ("welfare.school_bag_children", 0, 150),
        ("welfare.summer_camp_girls", 40, 60),
    ],
)
def test_other_years_differ(key, in_2020, in_2022, district):
    assert value(key, district, 2020) == in_2020
    assert value(key, district, 2022) == in_2022
    if key != "welfare.heart_treated_children":  # one child in 2021 and in 2022
        assert in_2020 != REPORT_2021[key] != in_2022
