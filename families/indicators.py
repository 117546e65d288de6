"""Indicators of family work (家庭工作), the figures of part 一（一）of the annual report.

- families.provincial_most_beautiful: 省级“最美家庭”, households awarded in the year.
- families.provincial_scholarly: 省级“书香家庭”.
- families.city_most_beautiful: 市级“最美家庭”.
- families.city_scholarly: 市级“书香家庭”.
- families.city_green: 市级“绿色（清洁）家庭”.
- families.tradition_bases_designated: 家风家教示范基地 designated in the year.
- families.integrity_participants: 家庭助廉 participants (领导干部配偶).
- families.lecture_sessions: “科学家教进万家”宣讲 sessions.
- families.lecture_beneficiaries: parents reached by the “科学家教进万家”宣讲.
- families.demonstration_schools_designated: 示范家长学校 designated in the year.
- families.awards: all family awards, by level and kind (dashboard).
- families.activity_sessions: sessions of all family-education activities, by type.
- families.activity_beneficiaries: people reached by all family-education activities, by type.
- families.parent_schools: parent schools existing in the year.
"""

from families.models import (
    FamilyActivity,
    FamilyAward,
    FamilyTraditionBase,
    ParentSchool,
)
from fedportal.indicators import Indicator, register

LECTURE = "科学家教进万家宣讲"
INTEGRITY = "家庭助廉"
AWARD_DIMENSIONS = {"级别": "level__name", "类别": "kind__name"}
ACTIVITY_DIMENSIONS = {"活动类型": "activity_type__name"}


def awards(year):
    return FamilyAward.objects.for_year(year)


def award_records(level, kind):
    """The year's awards of one kind at one level."""

    def records(year):
        return awards(year).at_level(level).of_kind(kind)

    records.__name__ = f"awards_{level}_{kind}"
    return records


def activities(year):
    return FamilyActivity.objects.for_year(year)


def lectures(year):
    return activities(year).of_type(LECTURE)


def integrity_activities(year):
    return activities(year).of_type(INTEGRITY)


def tradition_bases_designated(year):
    return FamilyTraditionBase.objects.designated_in(year)


def demonstration_schools_designated(year):
    return ParentSchool.objects.designated_in(year)


def parent_schools(year):
    return ParentSchool.objects.existing_in(year)


def award_indicator(key, level, kind):
    return Indicator(
        key=f"families.{key}",
        label=f"{level}级“{kind}”",
        unit="户",
        records=award_records(level, kind),
        dimensions=AWARD_DIMENSIONS,
        date_field="conferred_on",
    )


register(
    award_indicator("provincial_most_beautiful", "省", "最美家庭"),
    award_indicator("provincial_scholarly", "省", "书香家庭"),
    award_indicator("city_most_beautiful", "市", "最美家庭"),
    award_indicator("city_scholarly", "市", "书香家庭"),
    award_indicator("city_green", "市", "绿色（清洁）家庭"),
    Indicator(
        key="families.tradition_bases_designated",
        label="命名家风家教示范基地",
        unit="个",
        records=tradition_bases_designated,
        dimensions={"级别": "level__name"},
    ),
    Indicator(
        key="families.integrity_participants",
        label="家庭助廉活动参与领导干部配偶",
        unit="名",
        records=integrity_activities,
        measure="participants",
        date_field="held_on",
    ),
    Indicator(
        key="families.lecture_sessions",
        label="“科学家教进万家”宣讲场次",
        unit="场",
        records=lectures,
        measure="sessions",
        date_field="held_on",
    ),
    Indicator(
        key="families.lecture_beneficiaries",
        label="“科学家教进万家”宣讲受惠家长",
        unit="人",
        records=lectures,
        measure="beneficiaries",
        date_field="held_on",
    ),
    Indicator(
        key="families.demonstration_schools_designated",
        label="命名示范家长学校",
        unit="所",
        records=demonstration_schools_designated,
    ),
    Indicator(
        key="families.awards",
        label="家庭表彰",
        unit="户",
        records=awards,
        dimensions=AWARD_DIMENSIONS,
        date_field="conferred_on",
    ),
    Indicator(
        key="families.activity_sessions",
        label="家庭教育活动场次",
        unit="场",
        records=activities,
        measure="sessions",
        dimensions=ACTIVITY_DIMENSIONS,
        date_field="held_on",
    ),
    Indicator(
        key="families.activity_beneficiaries",
        label="家庭教育活动受惠人数",
        unit="人",
        records=activities,
        measure="beneficiaries",
        dimensions=ACTIVITY_DIMENSIONS,
        date_field="held_on",
    ),
    Indicator(
        key="families.parent_schools",
        label="家长学校",
        unit="所",
        records=parent_schools,
    ),
)
