"""What family-work figures can count (see fedportal.indicators). The figures themselves are
definitions: the built-in ones seeded by fedportal's migrations, a district's own in the
admin, and one for every award kind × level and activity type made from the lists.
"""

from django.db.models import Q

from families.models import (
    FamilyActivity,
    FamilyAward,
    FamilyTally,
    FamilyTraditionBase,
    ParentSchool,
)
from fedportal.indicators import SUM, EntryFigures, EntryMeasure, Source, register_source
from fedportal.tallies import tally_source

register_source(
    Source(
        key="families.award",
        label="家庭表彰",
        model=FamilyAward,
        count_unit="户",
        year="year",
        date="conferred_on",
        dimensions={"级别": "level__name", "类别": "kind__name"},
        entries=(
            EntryFigures(("kind", "level"), "{level}“{kind}”"),
            EntryFigures(("kind",), "“{kind}”（各级合计）"),
        ),
    ),
    Source(
        key="families.activity",
        label="家庭教育活动",
        model=FamilyActivity,
        count_unit="次",
        year="year",
        date="held_on",
        dimensions={"活动类型": "activity_type__name"},
        units={"sessions": "场", "participants": "人", "beneficiaries": "人"},
        entries=(
            EntryFigures(
                ("activity_type",),
                "“{activity_type}”",
                (
                    EntryMeasure("", label="{}活动"),
                    EntryMeasure("sessions", SUM, "sessions", "场", "{}场次"),
                    EntryMeasure("participants", SUM, "participants", "人", "{}参与人数"),
                    EntryMeasure("beneficiaries", SUM, "beneficiaries", "人", "{}受惠人数"),
                ),
            ),
        ),
    ),
    Source(
        key="families.parent_school",
        label="家长学校（按成立年度）",
        model=ParentSchool,
        count_unit="所",
        year="established_year",
        dimensions={"类型": "kind"},
    ),
    Source(
        key="families.demonstration_school",
        label="示范家长学校（按命名年度）",
        model=ParentSchool,
        count_unit="所",
        year="demonstration_year",
        base=Q(is_demonstration=True),
        dimensions={"类型": "kind"},
    ),
    Source(
        key="families.tradition_base",
        label="家风家教示范基地（按命名年度）",
        model=FamilyTraditionBase,
        count_unit="个",
        year="designated_year",
        dimensions={"级别": "level__name"},
    ),
    tally_source("families.tally", "家庭工作汇总", FamilyTally),
)
