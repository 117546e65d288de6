"""Small builders for family-work records; reference rows come from the seed migration."""

from datetime import date

import pytest

from families.models import (
    ActivityType,
    AwardKind,
    AwardLevel,
    FamilyActivity,
    FamilyAward,
    FamilyTraditionBase,
    ParentSchool,
)


@pytest.fixture
def kind(db):
    return lambda name: AwardKind.objects.get(name=name)


@pytest.fixture
def level(db):
    return lambda name: AwardLevel.objects.get(name=name)


@pytest.fixture
def activity_type(db):
    return lambda name: ActivityType.objects.get(name=name)


@pytest.fixture
def make_award(unit, kind, level):
    def make(unit_name="腊市镇", save=True, **values):
        fields = {
            "org_unit": unit(unit_name),
            "household_name": "张建国家庭",
            "head_name": "张建国",
            "kind": kind("最美家庭"),
            "level": level("省"),
            "conferred_by": "江西省妇联",
            "year": 2021,
            **values,
        }
        award = FamilyAward(**fields)
        if save:
            award.save()
        return award

    return make


@pytest.fixture
def make_activity(unit, activity_type):
    def make(unit_name="腊市镇", save=True, **values):
        fields = {
            "org_unit": unit(unit_name),
            "activity_type": activity_type("科学家教进万家宣讲"),
            "title": "腊市镇“科学家教进万家”宣讲",
            "held_on": date(2021, 6, 19),
            "year": 2021,
            "sessions": 2,
            "participants": 400,
            "participant_group": "家长",
            "beneficiaries": 400,
            **values,
        }
        activity = FamilyActivity(**fields)
        if save:
            activity.save()
        return activity

    return make


@pytest.fixture
def make_school(unit):
    def make(unit_name="腊市镇", save=True, **values):
        fields = {
            "org_unit": unit(unit_name),
            "name": "腊市镇腊市社区家长学校",
            "kind": ParentSchool.Kind.COMMUNITY,
            "established_year": 2019,
            **values,
        }
        school = ParentSchool(**fields)
        if save:
            school.save()
        return school

    return make


@pytest.fixture
def make_base(unit, level):
    def make(unit_name="东桥镇", save=True, **values):
        fields = {
            "org_unit": unit(unit_name),
            "name": "凯丰故里家风家教示范基地",
            "designated_year": 2021,
            "level": level("区"),
            **values,
        }
        base = FamilyTraditionBase(**fields)
        if save:
            base.save()
        return base

    return make


@pytest.fixture
def records(make_award, make_activity, make_school, make_base):
    """One record of each model in 腊市镇 and one in 湘东镇."""
    return {
        "award": make_award(household_name="腊市镇家庭"),
        "award_other": make_award("湘东镇", household_name="湘东镇家庭"),
        "activity": make_activity(title="腊市镇宣讲"),
        "activity_other": make_activity("湘东镇", title="湘东镇宣讲"),
        "school": make_school(name="腊市镇家长学校"),
        "school_other": make_school("湘东镇", name="湘东镇家长学校"),
        "base": make_base("腊市镇", name="腊市镇基地"),
        "base_other": make_base("湘东镇", name="湘东镇基地"),
    }
