"""Spreadsheet import and export of the family-work records, with Chinese column names.

Columns are named after the model fields' Chinese names, and cells are read by the shared
widgets (fedportal.imports) that ScopedResource gives a column without a widget of its own:
dates as staff type them, 是/否, choices by their label. Only the exceptions are declared.
"""

from import_export import fields

from families.models import (
    ActivityType,
    AwardKind,
    AwardLevel,
    FamilyActivity,
    FamilyAward,
    FamilyTally,
    FamilyTraditionBase,
    ParentSchool,
)
from fedportal.imports import ReferenceWidget, ScopedResource
from fedportal.tallies import TallyResource


class FamilyAwardResource(ScopedResource):
    kind = fields.Field(attribute="kind", column_name="表彰类别", widget=ReferenceWidget(AwardKind))
    level = fields.Field(
        attribute="level", column_name="表彰级别", widget=ReferenceWidget(AwardLevel)
    )

    class Meta(ScopedResource.Meta):
        model = FamilyAward
        fields = (
            "id",
            "org_unit",
            "household_name",
            "head_name",
            "kind",
            "level",
            "conferred_by",
            "year",
            "conferred_on",
            "occasion",
            "story",
        )


class FamilyActivityResource(ScopedResource):
    activity_type = fields.Field(
        attribute="activity_type", column_name="活动类型", widget=ReferenceWidget(ActivityType)
    )

    class Meta(ScopedResource.Meta):
        model = FamilyActivity
        fields = (
            "id",
            "org_unit",
            "activity_type",
            "title",
            "held_on",
            "year",
            "sessions",
            "participants",
            "participant_group",
            "beneficiaries",
            "partners",
            "notes",
        )


class ParentSchoolResource(ScopedResource):
    class Meta(ScopedResource.Meta):
        model = ParentSchool
        fields = (
            "id",
            "org_unit",
            "name",
            "kind",
            "is_demonstration",
            "established_year",
            "demonstration_year",
            "notes",
        )


class FamilyTraditionBaseResource(ScopedResource):
    level = fields.Field(attribute="level", column_name="级别", widget=ReferenceWidget(AwardLevel))

    class Meta(ScopedResource.Meta):
        model = FamilyTraditionBase
        fields = ("id", "org_unit", "name", "designated_year", "level", "description")


class FamilyTallyResource(TallyResource):
    class Meta(TallyResource.Meta):
        model = FamilyTally
