"""The family-work indicators give the report's 2021 figures for 湘东区, and split them."""

import pytest

from families.demo import load_demo_records
from families.models import FamilyAward
from fedportal import indicators

pytestmark = pytest.mark.django_db

REPORT_2021 = {
    "families.provincial_most_beautiful": 3,
    "families.provincial_scholarly": 1,
    "families.city_most_beautiful": 3,
    "families.city_scholarly": 1,
    "families.city_green": 15,
    "families.tradition_bases_designated": 1,
    "families.integrity_participants": 120,
    "families.lecture_sessions": 15,
    "families.lecture_beneficiaries": 2960,
    "families.demonstration_schools_designated": 1,
}


@pytest.fixture
def district(demo, unit):
    load_demo_records()
    return unit("湘东区")


def value(key, year, unit):
    return indicators.get(key).value(year, unit)


@pytest.mark.parametrize(("key", "expected"), REPORT_2021.items())
def test_2021_district_figures_match_the_report(district, key, expected):
    assert value(key, 2021, district) == expected


def test_lecture_beneficiaries_are_near_3000(district):
    assert 2900 <= value("families.lecture_beneficiaries", 2021, district) < 3000


def test_keys_labels_and_units():
    by_key = {i.key: i for i in indicators.all_indicators("families")}
    assert set(REPORT_2021) | {"families.awards"} <= set(by_key)
    assert by_key["families.provincial_most_beautiful"].label == "省级“最美家庭”"
    assert by_key["families.city_green"].label == "市级“绿色（清洁）家庭”"
    assert by_key["families.awards"].unit == "户"
    assert by_key["families.lecture_sessions"].unit == "场"


def test_the_designated_base_and_school_are_the_reports(district):
    base = indicators.get("families.tradition_bases_designated").queryset(2021, district)
    school = indicators.get("families.demonstration_schools_designated").queryset(2021, district)
    assert [b.name for b in base] == ["凯丰故里家风家教示范基地"]
    assert [s.name for s in school] == ["三角池村家长学校"]


def test_awards_break_down_by_level_and_kind(district):
    awards = indicators.get("families.awards")
    total = awards.value(2021, district)
    assert total == 45
    # Levels from the top, named as levels.
    assert awards.breakdown(2021, district, "级别") == [
        ("省级", 4),
        ("市级", 19),
        ("区级", 16),
        ("乡镇级", 6),
    ]
    by_kind = dict(awards.breakdown(2021, district, "类别"))
    assert by_kind["最美家庭"] == 12
    assert by_kind["绿色（清洁）家庭"] == 15
    assert sum(by_kind.values()) == total


def test_awards_by_month(district):
    months = indicators.get("families.awards").by_month(2021, district)
    assert months[3] == 1 + 1  # April: 省 and 市“书香家庭”
    assert months[4] == 3 + 3  # May: 省 and 市“最美家庭”
    assert months[10] == 15  # November: 市“绿色（清洁）家庭”
    assert sum(months) == 45


def test_township_awards_sum_to_the_district(district):
    awards = indicators.get("families.awards")
    rows = awards.by_child_unit(2021, district)
    assert sum(v for _, v in rows) == awards.value(2021, district) == 45
    for child, v in rows:
        assert v == awards.value(2021, child)


def test_township_lectures_and_the_districts_own_make_the_district_figure(district):
    # The opening lecture (560 parents) was held by the district itself, not a township.
    lectures = indicators.get("families.lecture_beneficiaries")
    own, *townships = lectures.by_child_unit(2021, district)
    assert own == (district, 560)
    assert own[1] + sum(v for _, v in townships) == lectures.value(2021, district) == 2960
    for child, v in townships:
        assert v == lectures.value(2021, child)


def test_lecture_beneficiaries_per_township(district):
    rows = {
        u.name: v
        for u, v in indicators.get("families.lecture_beneficiaries").by_child_unit(2021, district)
    }
    assert rows["腊市镇"] == 400
    assert rows["峡山口街道"] == 620
    assert rows["麻山镇"] == 0


def test_a_township_counts_only_its_subtree(district, unit):
    lashi = unit("腊市镇")
    awards = indicators.get("families.awards")
    own = FamilyAward.objects.for_year(2021).in_subtree(lashi)
    assert awards.value(2021, lashi) == own.count()
    assert 0 < awards.value(2021, lashi) < awards.value(2021, district)
    assert value("families.lecture_sessions", 2021, lashi) == 2
    assert value("families.lecture_beneficiaries", 2021, lashi) == 400
    # 凯丰故里 is in 东桥镇, 三角池村 in 湘东镇, 家庭助廉 at district level.
    assert value("families.tradition_bases_designated", 2021, lashi) == 0
    assert value("families.tradition_bases_designated", 2021, unit("东桥镇")) == 1
    assert value("families.demonstration_schools_designated", 2021, lashi) == 0
    assert value("families.demonstration_schools_designated", 2021, unit("湘东镇")) == 1
    assert value("families.integrity_participants", 2021, lashi) == 0


@pytest.mark.parametrize(
    ("key", "y2020", "y2022"),
    [
        ("families.provincial_most_beautiful", 1, 2),
        ("families.city_most_beautiful", 2, 4),
        ("families.city_scholarly", 0, 2),
        ("families.city_green", 8, 16),
        ("families.integrity_participants", 0, 150),
        ("families.lecture_sessions", 8, 18),
        ("families.lecture_beneficiaries", 1350, 3240),
        ("families.demonstration_schools_designated", 1, 1),
        ("families.tradition_bases_designated", 0, 1),
    ],
)
def test_other_years_differ_where_the_demo_says(district, key, y2020, y2022):
    assert value(key, 2020, district) == y2020
    assert value(key, 2022, district) == y2022
