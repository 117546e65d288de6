"""The demo records reproduce part 一（一）of the 2021 report and load only once."""

import pytest

from families.demo import load_demo_records
from families.models import (
    ActivityType,
    FamilyActivity,
    FamilyAward,
    FamilyTraditionBase,
    ParentSchool,
)
from fedportal.models import OrgUnit
from tests.families.helpers import activity_figures, awards_by_level_and_kind
from tests.figures import by_child_unit

pytestmark = pytest.mark.django_db

MODELS = (FamilyAward, FamilyActivity, ParentSchool, FamilyTraditionBase)


@pytest.fixture
def district(demo):
    load_demo_records()
    return OrgUnit.objects.get(code="360313000000")


def activity_figure(activity_type, measure, unit):
    return activity_figures(2021, unit, activity_type)[measure]


def awards(district, year, level, kind):
    return FamilyAward.objects.in_subtree(district).for_year(year).at_level(level).of_kind(kind)


@pytest.mark.parametrize(
    ("level", "kind", "households"),
    [
        ("省", "最美家庭", 3),
        ("省", "书香家庭", 1),
        ("市", "最美家庭", 3),
        ("市", "书香家庭", 1),
        ("市", "绿色（清洁）家庭", 15),
    ],
)
def test_2021_awards_match_the_report(district, level, kind, households):
    assert awards(district, 2021, level, kind).count() == households


def test_2021_provincial_and_city_awards_are_exactly_those_of_the_report(district):
    by_level = awards_by_level_and_kind(2021, district)
    assert [row for row in by_level if row[0] in ("全国", "省", "市")] == [
        ("省", "最美家庭", 3),
        ("省", "书香家庭", 1),
        ("市", "最美家庭", 3),
        ("市", "书香家庭", 1),
        ("市", "绿色（清洁）家庭", 15),
    ]
    assert {row[0] for row in by_level} >= {"区", "乡镇"}


def test_2021_district_awards_include_the_party_centenary_event(district):
    centenary = awards(district, 2021, "区", "清洁家庭示范户")
    assert centenary.exists()
    assert all("建党100周年" in award.occasion for award in centenary)


def test_2021_households_are_spread_over_several_townships(district):
    assert len(by_child_unit("families.awards", 2021, district)) >= 8


def test_2021_family_anti_corruption_reached_120_spouses_of_officials(district):
    activities = FamilyActivity.objects.in_subtree(district).for_year(2021).of_type("家庭助廉")
    integrity = ActivityType.objects.get(name="家庭助廉")
    assert activity_figure(integrity, "participants", district) == 120
    assert set(activities.values_list("participant_group", flat=True)) == {"领导干部配偶"}


def test_2021_scientific_parenting_lectures_were_15_sessions_for_nearly_3000(district):
    lectures = ActivityType.objects.get(name="科学家教进万家宣讲")
    assert activity_figure(lectures, "sessions", district) == 15
    assert activity_figure(lectures, "beneficiaries", district) == 2960


def test_2021_tradition_base_and_demonstration_parent_school(district):
    bases = FamilyTraditionBase.objects.in_subtree(district).designated_in(2021)
    assert list(bases.values_list("name", flat=True)) == ["凯丰故里家风家教示范基地"]
    assert "吴学周" in bases.get().description
    schools = ParentSchool.objects.in_subtree(district).designated_in(2021)
    assert [(s.name, s.org_unit.code) for s in schools] == [("三角池村家长学校", "360313100201")]
    assert ParentSchool.objects.filter(kind=ParentSchool.Kind.COMMUNITY).count() >= 3


def test_2020_has_fewer_and_2022_similar_records(district):
    def count(model, year):
        return model.objects.in_subtree(district).for_year(year).count()

    for model in (FamilyAward, FamilyActivity):
        assert 0 < count(model, 2020) < count(model, 2021)
        assert count(model, 2022) >= count(model, 2021) * 0.8


def test_records_belong_to_their_township_logins(district, user):
    lashi = FamilyAward.objects.in_scope(user("township"))
    assert lashi.exists()
    assert all(a.created_by == user("township") for a in lashi)


def test_loading_twice_creates_nothing_new(district):
    counts = {model: model.objects.count() for model in MODELS}
    assert sum(counts.values()) > 0
    assert load_demo_records() == 0
    assert {model: model.objects.count() for model in MODELS} == counts


def test_the_first_load_reports_what_it_created(demo):
    created = load_demo_records()
    assert created == sum(model.objects.count() for model in MODELS)
